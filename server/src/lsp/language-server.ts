import {
  DiagnosticSeverity,
  DidChangeConfigurationNotification,
  DocumentDiagnosticReportKind,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocKind, LanguageService, Rule } from '../service/index';
import { toDiagnostics } from './diagnostics';
import { documentKind } from './kind';
import { describeError } from './log';
import { ValidationScheduler } from './scheduler';
import { SECTION, defaultServerSettings, normalizeSettings, type ServerSettings } from './settings';

export const SERVER_NAME = 'sysdig-mesos';
export const SERVER_VERSION = '0.1.0';

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
  kind: DocKind | undefined;
  items: Diagnostic[];
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
    const cached = results.get(doc.uri);
    if (cached && cached.version === doc.version && cached.settings === settings) return cached;
    const text = doc.getText();
    let kind: DocKind | undefined;
    let items: Diagnostic[] = [];
    try {
      kind = documentKind(doc.uri, doc.languageId, text, settings.patterns);
      if (kind) {
        const svc = getService();
        const large = text.length > FULL_CHECK_MAX_CHARS;
        const serviceSettings = large ? syntaxOnly(svc, settings) : settings.service;
        const { doc: parsed, findings } = svc.lint(text, kind, serviceSettings);
        items = toDiagnostics(parsed.lines, findings, doc.version);
        if (large) items.unshift(largeFileNote(text.length));
      }
    } catch (e) {
      log.once(`validate:${describeError(e, 2)}`, `validating ${doc.uri} (version ${doc.version}) failed: ${describeError(e)}`);
      items = [];
    }
    const r: Result = { resultId: `${++resultSeq}`, version: doc.version, settings, kind, items };
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

  // ---- lifecycle -------------------------------------------------------------------------------

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    try {
      const caps = params.capabilities ?? {};
      pullMode = !!caps.textDocument?.diagnostic;
      configSupport = !!caps.workspace?.configuration;
      refreshSupport = !!caps.workspace?.diagnostics?.refreshSupport;
      dynamicConfigRegistration = !!caps.workspace?.didChangeConfiguration?.dynamicRegistration;
      const init = params.initializationOptions as Record<string, unknown> | null | undefined;
      const initSettings = init && typeof init === 'object' ? ((init.settings as Record<string, unknown> | undefined)?.[SECTION] ?? init[SECTION]) : undefined;
      if (initSettings !== undefined) globalSettings = readSettings(initSettings);
    } catch (e) {
      log.error(`initialize: ${describeError(e)}`);
    }
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        diagnosticProvider: { identifier: SERVER_NAME, interFileDependencies: false, workspaceDiagnostics: false },
      },
      serverInfo: { name: SERVER_NAME, version: SERVER_VERSION },
    };
  });

  connection.onInitialized(() => {
    try {
      if (dynamicConfigRegistration) {
        connection.client.register(DidChangeConfigurationNotification.type, { section: SECTION }).catch((e) => log.warn(`could not register for configuration changes: ${describeError(e)}`));
      }
      log.info(`${SERVER_NAME} ${SERVER_VERSION} ready (${pullMode ? 'pull' : 'push'} diagnostics, settings ${configSupport ? 'from workspace/configuration' : 'from didChangeConfiguration'})`);
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
      if (pullMode) {
        if (refreshSupport) connection.languages.diagnostics.refresh().catch((e) => log.warn(`diagnostic refresh failed: ${describeError(e)}`));
      } else {
        for (const doc of documents.all()) scheduler.add(doc.uri);
      }
    } catch (e) {
      log.error(`didChangeConfiguration: ${describeError(e)}`);
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
