import {
  CodeActionTriggerKind,
  DiagnosticSeverity,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  DocumentFormattingRequest,
  DocumentRangeFormattingRequest,
  DocumentDiagnosticReportKind,
  TextDocuments,
  type Connection,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocKind, Finding, LanguageService, ParsedDocument, Rule, SysdigMesosConfig } from '../service/index';
import { toDiagnostics } from './diagnostics';
import { CONFIG_FILE_NAME, DOCUMENT_INFO_REQUEST, FILL_PLACEHOLDER_COMMAND, FILL_PLACEHOLDER_REQUEST, PLACEHOLDERS_REQUEST, type FillPlaceholderParams, type FillPlaceholderResult, type DocumentInfo, type DocumentInfoParams, type PlaceholdersParams, type PlaceholdersResult } from './constants';
import { toCodeAction, toCompletionItem, toDocumentSymbols, toFoldingRanges, toHover, toSelectionRange, toTextEdits } from './features';
import { OWN_LANGUAGES } from './language-ids';
import { WorkspaceConfigs } from './workspace-config';
import { documentKind } from './kind';
import { plainText } from '../service/text/plain-text';
import { describeError } from './log';
import { ValidationScheduler } from './scheduler';
import { registerClusterRequests } from './cluster-requests';
import { codeLenses } from './code-lens';
import { clientCommandsOf, initializeResult, SERVER_NAME, SERVER_VERSION } from './capabilities';
import { SECTION, defaultServerSettings, normalizeSettings, type ServerSettings } from './settings';

export { SERVER_NAME, SERVER_VERSION } from './capabilities';

/**
 * Above this many characters only the `syntax` rule runs (plus a note saying so): real dragent.yaml and
 * Marathon app files are a few hundred KB at most, and a rule that is slow on huge input must not hold the
 * server up. Peers have the same kind of guard (yaml.maxItemsComputed, json.maxItemsComputed).
 */
export const FULL_CHECK_MAX_CHARS = 1_000_000;

/** How long to wait for the client to answer `workspace/configuration` before using the defaults. */
const CONFIG_TIMEOUT_MS = 5000;

interface Result {
  resultId: string;
  version: number;
  settings: ServerSettings;
  /** identifies the workspace file's content the findings were computed with */
  configStamp: string;
  kind: DocKind | undefined;
  items: Diagnostic[];
  /** the model and findings (after the workspace file and suppression comments), for the editor features */
  parsed?: ParsedDocument;
  findings: Finding[];
  /** what the findings depend on besides the text (re-used by fix-all) */
  context?: { settings: ServerSettings['service']; config?: SysdigMesosConfig; filePath: string };
}

interface SettingsEntry {
  gen: number;
  value?: ServerSettings;
  promise: Promise<ServerSettings>;
}

export interface ServerOptions {
  /** counter bumped for every incoming JSON-RPC message (see ValidationScheduler) */
  activity?: () => number;
  /** the rules to run (default: every rule); tests use this to inject failing rules */
  rules?: readonly Rule[];
}

/**
 * LSP wiring only: documents, settings, diagnostics push/pull. Every handler catches what it throws,
 * logs a short description (never document text) and answers with a neutral value.
 */
export function startLanguageServer(connection: Connection, options: ServerOptions = {}): void {
  const documents = new TextDocuments(TextDocument);
  const logged = new Set<string>();

  const log = {
    error(msg: string) {
      safe(() => connection.console.error(msg));
    },
    warn(msg: string) {
      safe(() => connection.console.warn(msg));
    },
    info(msg: string) {
      safe(() => connection.console.info(msg));
    },
    /** details for whoever debugs the extension (the client's log shows them at its Debug level) */
    debug(msg: string) {
      safe(() => connection.console.debug(msg));
    },
    /** logs a message once per server lifetime (a rule failing on every keystroke is said once) */
    once(key: string, msg: string) {
      if (logged.has(key)) return;
      if (logged.size > 1000) logged.clear();
      logged.add(key);
      this.error(msg);
    },
  };

  let service: LanguageService | undefined;
  const getService = (): LanguageService => {
    // Loaded on first use so `initialize` is answered before the rules and schemas are evaluated.
    service ??= (require('../service/index') as typeof import('../service/index')).createLanguageService({
      rules: options.rules,
      onRuleError: ({ ruleId, error }) => {
        const d = describeError(error);
        log.once(`rule:${ruleId}:${d}`, `rule ${ruleId} failed and was skipped: ${d}`);
      },
    });
    return service;
  };

  const configs = new WorkspaceConfigs((file, problem) => log.once(`wsconfig:${file}:${problem}`, `${file}: ${problem}`));
  const checkedConfigs = new Map<string, SysdigMesosConfig | undefined>();
  /** the workspace file for a document, checked by the service (problems logged once per file version) */
  const configFor = (uri: string): { config?: SysdigMesosConfig; filePath: string; stamp: string } => {
    const { raw, filePath, stamp } = configs.forDocument(uri);
    if (!stamp || raw === undefined) return { filePath, stamp };
    if (!checkedConfigs.has(stamp)) {
      const { config, problems } = getService().readConfig(raw);
      for (const p of problems) log.once(`wsconfig:${stamp}:${p}`, `${CONFIG_FILE_NAME}: ${p}`);
      if (checkedConfigs.size > 100) checkedConfigs.clear();
      checkedConfigs.set(stamp, config);
    }
    return { config: checkedConfigs.get(stamp), filePath, stamp };
  };
  let snippetSupport = false;
  /** commands the client said it runs (initializationOptions.clientCommands) */
  let clientCommands = new Set<string>();
  let workspaceFoldersSupport = false;
  let folderUris: string[] = [];
  let watchedFilesRegistration = false;
  let formattingRegistration = false;
  let pullMode = false;
  let configSupport = false;
  let refreshSupport = false;
  let dynamicConfigRegistration = false;
  let shuttingDown = false;
  let globalSettings = defaultServerSettings();
  let gen = 0;
  let resultSeq = 0;
  const settingsByUri = new Map<string, SettingsEntry>();
  const results = new Map<string, Result>();
  /** last resultId pushed per uri, and whether it had diagnostics */
  const published = new Map<string, { resultId: string; count: number }>();

  const readSettings = (raw: unknown): ServerSettings => {
    const problems: string[] = [];
    const s = normalizeSettings(raw, problems);
    for (const p of problems) log.once(`settings:${p}`, `${SECTION} settings: ${p}; using the default`);
    return s;
  };

  // ---- settings --------------------------------------------------------------------------------

  const fetchSettings = (uri: string): Promise<ServerSettings> => {
    if (!configSupport) return Promise.resolve(globalSettings);
    const existing = settingsByUri.get(uri);
    if (existing && existing.gen === gen) return existing.promise;
    const entry: SettingsEntry = { gen, promise: Promise.resolve(globalSettings) };
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<ServerSettings>((resolve) => {
      timer = setTimeout(() => {
        log.once('config-timeout', `the client did not answer workspace/configuration within ${CONFIG_TIMEOUT_MS} ms; using default settings`);
        resolve(globalSettings);
      }, CONFIG_TIMEOUT_MS);
      timer.unref?.();
    });
    const request = connection.workspace.getConfiguration({ scopeUri: uri, section: SECTION }).then(
      (raw) => readSettings(raw),
      (err) => {
        log.once(`config-error:${describeError(err)}`, `workspace/configuration failed: ${describeError(err)}; using default settings`);
        return globalSettings;
      },
    );
    entry.promise = Promise.race([request, timeout]).then((s) => {
      if (timer) clearTimeout(timer);
      entry.value = s;
      return s;
    });
    settingsByUri.set(uri, entry);
    return entry.promise;
  };

  /** settings if already known; otherwise starts fetching them and revalidates the document when they arrive */
  const settingsNow = (uri: string): ServerSettings | undefined => {
    if (!configSupport) return globalSettings;
    const e = settingsByUri.get(uri);
    if (e && e.gen === gen && e.value) return e.value;
    void fetchSettings(uri).then(() => {
      if (!shuttingDown && !pullMode && documents.get(uri)) scheduler.add(uri);
    });
    return undefined;
  };

  // ---- validation ------------------------------------------------------------------------------

  const compute = (doc: TextDocument, settings: ServerSettings): Result => {
    let ws: ReturnType<typeof configFor> = { filePath: '', stamp: '' };
    try {
      ws = configFor(doc.uri);
    } catch (e) {
      log.once(`wsconfig:${describeError(e, 2)}`, `reading ${CONFIG_FILE_NAME} failed: ${describeError(e)}`);
    }
    const cached = results.get(doc.uri);
    if (cached && cached.version === doc.version && cached.settings === settings && cached.configStamp === ws.stamp) return cached;
    const text = doc.getText();
    let kind: DocKind | undefined;
    let items: Diagnostic[] = [];
    let parsed: ParsedDocument | undefined;
    let found: Finding[] = [];
    let context: Result['context'];
    try {
      kind = documentKind(doc.uri, doc.languageId, text, settings.patterns);
      if (kind) {
        const svc = getService();
        const large = text.length > FULL_CHECK_MAX_CHARS;
        const serviceSettings = large ? syntaxOnly(svc, settings) : settings.service;
        context = { settings: serviceSettings, config: large ? undefined : ws.config, filePath: ws.filePath };
        const { doc: p, findings } = svc.check(text, kind, context);
        parsed = p;
        found = findings;
        items = toDiagnostics(p.lines, findings, doc.version);
        if (large) items.unshift(largeFileNote(text.length));
      }
    } catch (e) {
      log.once(`validate:${describeError(e, 2)}`, `validating ${doc.uri} (version ${doc.version}) failed: ${describeError(e)}`);
      items = [];
    }
    const r: Result = { resultId: `${++resultSeq}`, version: doc.version, settings, configStamp: ws.stamp, kind, items, parsed, findings: found, context };
    results.set(doc.uri, r);
    return r;
  };

  const publish = (uri: string): void => {
    if (shuttingDown || pullMode) return;
    const doc = documents.get(uri);
    if (!doc) return;
    const settings = settingsNow(uri);
    if (!settings) return; // revalidated when the settings arrive
    const r = compute(doc, settings);
    const prev = published.get(uri);
    if (prev && prev.resultId === r.resultId) return;
    // documents that are not ours get nothing (but lose what they had when they stop being ours)
    if (!r.kind && r.items.length === 0 && (!prev || prev.count === 0)) return;
    published.set(uri, { resultId: r.resultId, count: r.items.length });
    connection.sendDiagnostics({ uri, version: doc.version, diagnostics: r.items }).catch((e) => log.error(`publishing diagnostics failed: ${describeError(e)}`));
  };

  const scheduler = new ValidationScheduler(options.activity ?? (() => 0), publish, (uri, e) =>
    log.error(`validating ${uri} failed: ${describeError(e)}`),
  );

  function revalidateAll(): void {
    if (pullMode) {
      if (refreshSupport) connection.languages.diagnostics.refresh().catch((e) => log.warn(`diagnostic refresh failed: ${describeError(e)}`));
    } else {
      for (const doc of documents.all()) scheduler.add(doc.uri);
    }
  }

  // ---- editor features -------------------------------------------------------------------------

  /** the latest analysis of an open document of ours (settings: known ones, else the defaults) */
  const analysis = (uri: string): { doc: TextDocument; r: Result & { parsed: ParsedDocument } } | undefined => {
    const doc = documents.get(uri);
    if (!doc || shuttingDown) return undefined;
    const settings = (configSupport ? settingsByUri.get(uri)?.value : globalSettings) ?? results.get(uri)?.settings ?? globalSettings;
    const r = compute(doc, settings);
    if (!r.kind || !r.parsed) return undefined;
    return { doc, r: r as Result & { parsed: ParsedDocument } };
  };

  /** runs a feature handler: a failure is logged once and answered with `fallback` */
  const feature = <T>(name: string, fallback: T, fn: () => T): T => {
    try {
      return fn();
    } catch (e) {
      log.once(`${name}:${describeError(e, 2)}`, `${name} failed: ${describeError(e)}`);
      return fallback;
    }
  };

  connection.onCodeAction((params) =>
    feature('textDocument/codeAction', [], () => {
      const a = analysis(params.textDocument.uri);
      if (!a) return [];
      const { parsed, findings, context } = a.r;
      const start = parsed.lines.offsetAt(params.range.start);
      const end = parsed.lines.offsetAt(params.range.end);
      const automatic = params.context.triggerKind === CodeActionTriggerKind.Automatic;
      const items = getService()
        .codeActions(parsed, findings, { start, end }, { ...context, only: params.context.only, automatic })
        .filter((it) => !it.ask || clientCommands.has(FILL_PLACEHOLDER_COMMAND));
      return items.map((it) => toCodeAction(params.textDocument.uri, parsed.lines, a.doc.version, it, params.context.diagnostics ?? []));
    }),
  );

  connection.onHover((params) =>
    feature('textDocument/hover', null, () => {
      const a = analysis(params.textDocument.uri);
      if (!a) return null;
      const h = getService().hover(a.r.parsed, a.r.parsed.lines.offsetAt(params.position), a.r.findings);
      return h ? toHover(a.r.parsed.lines, h) : null;
    }),
  );

  connection.onCompletion((params) =>
    feature('textDocument/completion', [], () => {
      const a = analysis(params.textDocument.uri);
      if (!a) return [];
      const entries = getService().complete(a.r.parsed, a.r.parsed.lines.offsetAt(params.position));
      return entries.map((e) => toCompletionItem(a.r.parsed.lines, e, snippetSupport)).filter((x) => x !== undefined);
    }),
  );

  connection.onCodeLens((params) =>
    feature('textDocument/codeLens', [], () => {
      const a = analysis(params.textDocument.uri);
      return a ? codeLenses(params.textDocument.uri, a.r.parsed, clientCommands) : [];
    }),
  );

  connection.onDocumentSymbol((params) =>
    feature('textDocument/documentSymbol', [], () => {
      const a = analysis(params.textDocument.uri);
      return a ? toDocumentSymbols(a.r.parsed.lines, getService().documentSymbols(a.r.parsed)) : [];
    }),
  );

  connection.onFoldingRanges((params) =>
    feature('textDocument/foldingRange', [], () => {
      const a = analysis(params.textDocument.uri);
      return a ? toFoldingRanges(getService().foldingRanges(a.r.parsed)) : [];
    }),
  );

  connection.onSelectionRanges((params) =>
    feature('textDocument/selectionRange', [], () => {
      const a = analysis(params.textDocument.uri);
      if (!a) return [];
      const lines = a.r.parsed.lines;
      return getService()
        .selectionRanges(a.r.parsed, params.positions.map((p) => lines.offsetAt(p)))
        .map((spans) => toSelectionRange(lines, spans));
    }),
  );

  // Format Document / Selection for Marathon apps: registered (onInitialized) for our JSON language only, so
  // that a plain JSON document in the client's selector keeps VS Code's own formatter as its only one.
  connection.onDocumentFormatting((params) =>
    feature('textDocument/formatting', [], () => {
      const a = analysis(params.textDocument.uri);
      if (!a) return [];
      const lines = a.r.parsed.lines;
      return toTextEdits(lines, getService().format(a.doc.getText(), a.r.parsed.kind, params.options));
    }),
  );
  connection.onDocumentRangeFormatting((params) =>
    feature('textDocument/rangeFormatting', [], () => {
      const a = analysis(params.textDocument.uri);
      if (!a) return [];
      const lines = a.r.parsed.lines;
      const range = { start: lines.offsetAt(params.range.start), end: lines.offsetAt(params.range.end) };
      return toTextEdits(lines, getService().format(a.doc.getText(), a.r.parsed.kind, params.options, range));
    }),
  );

  // The VS Code client's language status item asks what a document is and which agent profile applies.
  connection.onRequest(DOCUMENT_INFO_REQUEST, async (params: DocumentInfoParams): Promise<DocumentInfo | null> => {
    try {
      const uri = params?.uri;
      if (typeof uri !== 'string' || shuttingDown || !documents.get(uri)) return null;
      const settings = await fetchSettings(uri);
      const doc = documents.get(uri);
      if (!doc || shuttingDown) return null;
      const kind = documentKind(doc.uri, doc.languageId, doc.getText(), settings.patterns) ?? null;
      if (!kind) return { kind };
      let fromFile: DocumentInfo['agentProfile'];
      try {
        fromFile = configFor(uri).config?.agentProfile;
      } catch (e) {
        log.once(`wsconfig:${describeError(e, 2)}`, `reading ${CONFIG_FILE_NAME} failed: ${describeError(e)}`);
      }
      return fromFile
        ? { kind, agentProfile: fromFile, profileSource: 'workspace-file' }
        : { kind, agentProfile: settings.service.agentProfile, profileSource: 'settings' };
    } catch (e) {
      log.once(`documentInfo:${describeError(e, 2)}`, `${DOCUMENT_INFO_REQUEST} failed: ${describeError(e)}`);
      return null;
    }
  });

  registerClusterRequests(connection, log, async (uri) => {
    const settings = await fetchSettings(uri);
    const ws = configFor(uri);
    return { settings: settings.service, config: ws.config, filePath: ws.filePath };
  });

  connection.onRequest(FILL_PLACEHOLDER_REQUEST, async (params: FillPlaceholderParams): Promise<FillPlaceholderResult> => {
    try {
      const doc = documents.get(params?.uri);
      if (!doc) return { error: 'the document is not open' };
      if (doc.version !== params.version) return { error: 'the document changed meanwhile: run the quick fix again' };
      const a = analysis(params.uri);
      if (!a) return { error: 'not a dragent.yaml or Marathon app document' };
      const lines = a.r.parsed.lines;
      const span = { start: lines.offsetAt(params.range.start), end: lines.offsetAt(params.range.end) };
      const finding = a.r.findings.find((f) => f.ruleId === 'placeholder' && f.start === span.start && f.end === span.end);
      if (!finding) return { error: 'there is no placeholder there any more' };
      if (typeof params.value !== 'string') return { error: 'no value given' };
      const svc = getService();
      const problem = svc.checkPlaceholderValue(svc.placeholderQuestion(a.r.parsed, finding).expects, params.value);
      if (problem) return { error: problem };
      const edits = svc.fillPlaceholder(a.r.parsed, span, params.value);
      if (!edits) return { error: 'there is no placeholder there' };
      return { edits: edits.map((e) => ({ range: { start: lines.positionAt(e.start), end: lines.positionAt(e.end) }, newText: e.newText })) };
    } catch (e) {
      log.once(`fillPlaceholder:${describeError(e, 2)}`, `${FILL_PLACEHOLDER_REQUEST} failed: ${describeError(e)}`);
      return { error: 'filling the placeholder failed (see the log)' };
    }
  });

  connection.onRequest(PLACEHOLDERS_REQUEST, async (params: PlaceholdersParams): Promise<PlaceholdersResult> => {
    const items: PlaceholdersResult['items'] = [];
    for (const d of Array.isArray(params?.documents) ? params.documents : []) {
      if (typeof d?.uri !== 'string' || typeof d.text !== 'string') continue;
      try {
        const settings = await fetchSettings(d.uri);
        const kind = documentKind(d.uri, d.uri.endsWith('.json') ? 'json' : 'yaml', d.text, settings.patterns);
        if (!kind) continue;
        const { doc, findings } = getService().check(d.text, kind, { settings: settings.service, ...configFor(d.uri) });
        for (const f of findings) {
          if (f.ruleId !== 'placeholder') continue;
          items.push({ uri: d.uri, range: { start: doc.lines.positionAt(f.start), end: doc.lines.positionAt(f.end) }, message: plainText(f.message) });
        }
      } catch (e) {
        log.once(`placeholders:${describeError(e, 2)}`, `${PLACEHOLDERS_REQUEST} failed: ${describeError(e)}`);
      }
    }
    return { items };
  });

  // ---- lifecycle -------------------------------------------------------------------------------

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    try {
      const caps = params.capabilities ?? {};
      pullMode = !!caps.textDocument?.diagnostic;
      configSupport = !!caps.workspace?.configuration;
      refreshSupport = !!caps.workspace?.diagnostics?.refreshSupport;
      dynamicConfigRegistration = !!caps.workspace?.didChangeConfiguration?.dynamicRegistration;
      watchedFilesRegistration = !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration;
      formattingRegistration = !!caps.textDocument?.formatting?.dynamicRegistration && !!caps.textDocument?.rangeFormatting?.dynamicRegistration;
      snippetSupport = !!caps.textDocument?.completion?.completionItem?.snippetSupport;
      workspaceFoldersSupport = !!caps.workspace?.workspaceFolders;
      folderUris = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
      configs.setFolders(folderUris);
      const init = params.initializationOptions as Record<string, unknown> | null | undefined;
      const initSettings = init && typeof init === 'object' ? ((init.settings as Record<string, unknown> | undefined)?.[SECTION] ?? init[SECTION]) : undefined;
      if (initSettings !== undefined) globalSettings = readSettings(initSettings);
      clientCommands = clientCommandsOf(params);
    } catch (e) {
      log.error(`initialize: ${describeError(e)}`);
    }
    return initializeResult(params);
  });

  connection.onInitialized(() => {
    try {
      if (dynamicConfigRegistration) {
        connection.client.register(DidChangeConfigurationNotification.type, { section: SECTION }).catch((e) => log.warn(`could not register for configuration changes: ${describeError(e)}`));
      }
      if (watchedFilesRegistration) {
        connection.client
          .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: `**/${CONFIG_FILE_NAME}` }] })
          .catch((e) => log.warn(`could not watch ${CONFIG_FILE_NAME}: ${describeError(e)}`));
      }
      if (formattingRegistration) {
        // not a static capability: the client would then format every document of its selector, every JSON file
        const documentSelector = [{ language: OWN_LANGUAGES['marathon-app'].id }];
        connection.client.register(DocumentFormattingRequest.type, { documentSelector }).catch((e) => log.warn(`could not register formatting: ${describeError(e)}`));
        connection.client.register(DocumentRangeFormattingRequest.type, { documentSelector }).catch((e) => log.warn(`could not register range formatting: ${describeError(e)}`));
      }
      if (workspaceFoldersSupport) {
        connection.workspace.onDidChangeWorkspaceFolders((ev) => {
          try {
            folderUris = folderUris.filter((u) => !ev.removed.some((r) => r.uri === u)).concat(ev.added.map((a) => a.uri));
            configs.setFolders(folderUris);
            revalidateAll();
          } catch (e) {
            log.error(`didChangeWorkspaceFolders: ${describeError(e)}`);
          }
        });
      }
      // the log's first words are for the user; protocol details only at Debug level
      log.info(`Sysdig Mesos ${SERVER_VERSION}: checking dragent.yaml and Marathon app files as you edit them`);
      log.debug(`${SERVER_NAME} ${SERVER_VERSION} ready (${pullMode ? 'pull' : 'push'} diagnostics, settings ${configSupport ? 'from workspace/configuration' : 'from didChangeConfiguration'})`);
      // Warm up the language service while the client is still opening documents.
      setImmediate(() => {
        try {
          getService().lint('', 'dragent');
        } catch (e) {
          log.error(`loading the language service failed: ${describeError(e)}`);
        }
      });
    } catch (e) {
      log.error(`initialized: ${describeError(e)}`);
    }
  });

  connection.onShutdown(() => {
    shuttingDown = true;
    scheduler.stop();
    results.clear();
    settingsByUri.clear();
  });

  // ---- documents -------------------------------------------------------------------------------

  documents.onDidOpen((e) => {
    try {
      // a pull client asks for diagnostics right after opening: have its settings on the way
      if (pullMode && configSupport) void fetchSettings(e.document.uri);
    } catch (err) {
      log.error(`didOpen: ${describeError(err)}`);
    }
  });

  documents.onDidChangeContent((e) => {
    try {
      if (!pullMode) scheduler.add(e.document.uri);
    } catch (err) {
      log.error(`didChange: ${describeError(err)}`);
    }
  });

  documents.onDidClose((e) => {
    try {
      const uri = e.document.uri;
      scheduler.remove(uri);
      results.delete(uri);
      settingsByUri.delete(uri);
      const prev = published.get(uri);
      published.delete(uri);
      if (!pullMode && !shuttingDown && prev && prev.count > 0) {
        connection.sendDiagnostics({ uri, diagnostics: [] }).catch((err) => log.error(`clearing diagnostics failed: ${describeError(err)}`));
      }
    } catch (err) {
      log.error(`didClose: ${describeError(err)}`);
    }
  });

  connection.onDidChangeConfiguration((params) => {
    try {
      gen++;
      settingsByUri.clear();
      if (!configSupport) {
        const raw = (params?.settings as Record<string, unknown> | null | undefined)?.[SECTION];
        if (raw !== undefined) globalSettings = readSettings(raw);
      }
      revalidateAll();
    } catch (e) {
      log.error(`didChangeConfiguration: ${describeError(e)}`);
    }
  });

  connection.onDidChangeWatchedFiles((params) => {
    try {
      if (!params.changes.some((c) => c.uri.endsWith(`/${CONFIG_FILE_NAME}`))) return;
      configs.invalidate();
      results.clear();
      revalidateAll();
    } catch (e) {
      log.error(`didChangeWatchedFiles: ${describeError(e)}`);
    }
  });

  // Pull diagnostics are offered to every client; those that support them get no pushes.
  connection.languages.diagnostics.on(async (params): Promise<DocumentDiagnosticReport> => {
    try {
      const uri = params.textDocument.uri;
      if (!documents.get(uri) || shuttingDown) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
      let settings = await fetchSettings(uri);
      // the settings may have changed while we waited: use the newest
      for (let i = 0; i < 3 && configSupport && settingsByUri.get(uri)?.gen !== gen; i++) settings = await fetchSettings(uri);
      const doc = documents.get(uri); // the latest version, if it changed meanwhile
      if (!doc || shuttingDown) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
      const r = compute(doc, settings);
      if (params.previousResultId !== undefined && params.previousResultId === r.resultId) {
        return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: r.resultId };
      }
      return { kind: DocumentDiagnosticReportKind.Full, resultId: r.resultId, items: r.items };
    } catch (e) {
      log.error(`textDocument/diagnostic: ${describeError(e)}`);
      return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    }
  });

  documents.listen(connection);
}

function syntaxOnly(svc: LanguageService, settings: ServerSettings): ServerSettings['service'] {
  const rules: ServerSettings['service']['rules'] = { ...settings.service.rules };
  for (const r of svc.rules) if (r.id !== 'syntax') rules[r.id] = 'off';
  return { ...settings.service, rules };
}

function largeFileNote(chars: number): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Information,
    source: SERVER_NAME,
    message: `This file is large (${Math.round(chars / 1000)} K characters, over ${FULL_CHECK_MAX_CHARS / 1_000_000} M): only syntax is checked here. Run the sysdig-mesos CLI for every rule.`,
  };
}

function safe(fn: () => void): void {
  try {
    fn();
  } catch (e) {
    try {
      process.stderr.write(`${SERVER_NAME}: ${describeError(e)}\n`);
    } catch {
      // nowhere left to log
    }
  }
}
