import {
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  DocumentFormattingRequest,
  DocumentRangeFormattingRequest,
  DocumentDiagnosticReportKind,
  LSPErrorCodes,
  ResponseError,
  TextDocuments,
  type Connection,
  type DiagnosticServerCancellationData,
  type DocumentDiagnosticReport,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocKind, LanguageService, Rule, SysdigMesosConfig } from '../service/index';
import { CONFIG_FILE_NAME, DEPLOY_APP_COMMAND, SECRET_STATE_NOTIFICATION, type SecretStateParams } from './constants';
import { OWN_LANGUAGES } from './language-ids';
import { WorkspaceConfigs } from './workspace-config';
import { describeError } from './log';
import { ValidationScheduler } from './scheduler';
import { clientCommandsOf, initializeResult, SERVER_NAME, SERVER_VERSION } from './capabilities';
import { SECTION, type ServerSettings } from './settings';
import { SettingsStore } from './settings-store';
import { createServerLog } from './server-log';
import { createCompute } from './validation';
import { registerFeatureHandlers } from './feature-handlers';
import { registerCustomRequests } from './custom-requests';
import type { Analysis, Result, ServerContext, WorkspaceFile } from './server-context';
import { keyOf, WorkspaceDiagnostics } from './workspace-diagnostics';
import { WorkspaceModel } from './workspace-model';
import { dirname } from 'node:path';
import { Cancelled } from '../files/pacer';

export { SERVER_NAME, SERVER_VERSION } from './capabilities';
export { FULL_CHECK_MAX_CHARS } from './validation';

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
  const log = createServerLog(connection);

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
  const configFor = (uri: string): WorkspaceFile => {
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
  let refreshSupport = false;
  let dynamicConfigRegistration = false;
  let shuttingDown = false;
  const results = new Map<string, Result>();
  /** last resultId pushed per uri, and whether it had diagnostics */
  const published = new Map<string, { resultId: string; count: number }>();

  // ---- settings --------------------------------------------------------------------------------

  const settingsStore = new SettingsStore(connection, log, (uri) => {
    if (!shuttingDown && !pullMode && documents.get(uri)) scheduler.add(uri);
  });
  const readSettings = (raw: unknown): ServerSettings => settingsStore.read(raw);
  const fetchSettings = (uri: string): Promise<ServerSettings> => settingsStore.fetch(uri);

  /** settings if already known; otherwise starts fetching them and revalidates the document when they arrive */
  const settingsNow = (uri: string): ServerSettings | undefined => settingsStore.now(uri);

  // ---- validation ------------------------------------------------------------------------------

  const compute = createCompute({ configFor, getService, log, results, versionOf: (uri) => documents.get(uri)?.version });

  // The cross-file rules (issue 12 §2): every file of ours, open or read from disk by the workspace pull.
  let refreshTimer: NodeJS.Timeout | undefined;
  const workspaceModel = new WorkspaceModel(getService, (keys) => {
    // what the workspace pull answers (files not open) it carries by itself, at its next round (2 s); open
    // documents are the editor's document pulls (or our pushes): tell the client
    const changed = new Set(keys);
    const open = documents.all().filter((d) => changed.has(keyOf(d.uri)));
    if (!open.length || shuttingDown) return;
    if (!pullMode) {
      for (const d of open) scheduler.add(d.uri);
    } else if (refreshSupport && !refreshTimer) {
      // one refresh for a burst of changes (a workspace pull reading many files)
      refreshTimer = setTimeout(() => {
        refreshTimer = undefined;
        if (!shuttingDown) connection.languages.diagnostics.refresh().catch((e) => log.warn(`diagnostic refresh failed: ${describeError(e)}`));
      }, 50);
    }
  });
  type CheckedWithCross = { resultId: string; items: Result['items']; kind: Result['kind'] };
  /**
   * a document's check with its cross-file findings joined (and the model told of its text); undefined when the
   * document changed (or `wanted` said no) before the check was done: it was abandoned
   */
  const computeWithCross = async (doc: TextDocument, settings: ServerSettings, wanted: () => boolean): Promise<CheckedWithCross | undefined> => {
    const r = await compute.latest(doc, settings, wanted);
    if (!r) return undefined;
    if (!doc.uri.startsWith('file:')) return r;
    const key = keyOf(doc.uri);
    workspaceModel.setOpen(key, dirname(key), doc.uri, r.kind ? r.parsed : undefined, r.context);
    const cross = workspaceModel.crossFor(key);
    return { kind: r.kind, resultId: `${r.resultId}.${cross.stamp}`, items: cross.items.length ? [...r.items, ...cross.items] : r.items };
  };
  const workspaceDiagnostics = new WorkspaceDiagnostics({
    documents,
    log,
    getService,
    configFor,
    fetchSettings: (uri) => fetchSettings(uri),
    isShuttingDown: () => shuttingDown,
    compute,
    folders: () => folderUris,
    activity: options.activity,
    model: workspaceModel,
  });

  const publish = async (uri: string): Promise<void> => {
    if (shuttingDown || pullMode) return;
    const doc = documents.get(uri);
    if (!doc) return;
    const settings = settingsNow(uri);
    if (!settings) return; // revalidated when the settings arrive
    // a change during the check abandons it: the change queued the document again (coalescing a burst)
    const r = await computeWithCross(doc, settings, () => !shuttingDown);
    if (!r || shuttingDown || documents.get(uri) !== doc) return;
    const prev = published.get(uri);
    if (prev && prev.resultId === r.resultId) return;
    // documents that are not ours get nothing (but lose what they had when they stop being ours)
    if (!r.kind && r.items.length === 0 && (!prev || prev.count === 0)) return;
    published.set(uri, { resultId: r.resultId, count: r.items.length });
    connection.sendDiagnostics({ uri, version: doc.version, diagnostics: r.items }).catch((e) => log.error(`publishing diagnostics failed: ${describeError(e)}`));
  };

  const scheduler = new ValidationScheduler(
    options.activity ?? (() => 0),
    (uri) => void publish(uri).catch((e) => log.error(`validating ${uri} failed: ${describeError(e)}`)),
    (uri, e) => log.error(`validating ${uri} failed: ${describeError(e)}`),
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
  const analysis = (uri: string): Analysis | undefined => {
    const doc = documents.get(uri);
    if (!doc || shuttingDown) return undefined;
    const settings = (settingsStore.configSupport ? settingsStore.byUri.get(uri)?.value : settingsStore.global) ?? results.get(uri)?.settings ?? settingsStore.global;
    const r = compute(doc, settings);
    if (!r.kind || !r.parsed) return undefined;
    // the cross-file findings too: their rule's paragraph on hover, a disable-next-line action for them
    const cross = doc.uri.startsWith('file:') ? workspaceModel.crossFindings(keyOf(doc.uri), r.parsed) : [];
    if (cross.length) return { doc, r: { ...r, findings: [...r.findings, ...cross].sort((x, y) => x.start - y.start || x.end - y.end) } as Analysis['r'] };
    return { doc, r: r as Analysis['r'] };
  };

  const context: ServerContext = {
    connection,
    documents,
    log,
    getService,
    configFor,
    folders: () => folderUris,
    fetchSettings,
    analysis,
    isShuttingDown: () => shuttingDown,
    clientCommands: () => clientCommands,
    snippetSupport: () => snippetSupport,
  };
  registerFeatureHandlers(context);

  // ---- custom requests -------------------------------------------------------------------------

  registerCustomRequests(context);

  // ---- lifecycle -------------------------------------------------------------------------------

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    try {
      const caps = params.capabilities ?? {};
      pullMode = !!caps.textDocument?.diagnostic;
      settingsStore.configSupport = !!caps.workspace?.configuration;
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
      clientCommands = clientCommandsOf(params);
      // a client that runs our deploy sees what deploy fills (settings-store.ts)
      settingsStore.deployClient = clientCommands.has(DEPLOY_APP_COMMAND);
      settingsStore.global = readSettings(initSettings);
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
            workspaceDiagnostics.invalidateWalks();
            revalidateAll();
          } catch (e) {
            log.error(`didChangeWorkspaceFolders: ${describeError(e)}`);
          }
        });
      }
      // the log's first words are for the user; protocol details only at Debug level
      log.info(`Sysdig Mesos ${SERVER_VERSION}: checking dragent.yaml and Marathon app files as you edit them`);
      log.debug(`${SERVER_NAME} ${SERVER_VERSION} ready (${pullMode ? 'pull' : 'push'} diagnostics, settings ${settingsStore.configSupport ? 'from workspace/configuration' : 'from didChangeConfiguration'})`);
      // Load the language service while the client is still opening documents, then, one kind per turn and only
      // while no document is open, its parser and schema validator: a client opens its first document right
      // after `initialized`, and warming up the other kind then only delays that document's diagnostics (a
      // Marathon app waited 20 ms for dragent.yaml's parser; its own check compiles its validator anyway).
      setImmediate(() => {
        try {
          getService();
        } catch (e) {
          log.error(`loading the language service failed: ${describeError(e)}`);
          return;
        }
        const warm = (kinds: readonly [string, DocKind][]): void => {
          if (kinds.length === 0 || shuttingDown || documents.all().length > 0) return;
          try {
            getService().lint(kinds[0][0], kinds[0][1]);
          } catch (e) {
            log.error(`loading the language service failed: ${describeError(e)}`);
            return;
          }
          setImmediate(() => warm(kinds.slice(1)));
        };
        setImmediate(() => warm([['', 'dragent'], ['{}', 'marathon-app']]));
      });
    } catch (e) {
      log.error(`initialized: ${describeError(e)}`);
    }
  });

  connection.onShutdown(() => {
    shuttingDown = true;
    if (refreshTimer) clearTimeout(refreshTimer);
    scheduler.stop();
    results.clear();
    settingsStore.byUri.clear();
  });

  // ---- documents -------------------------------------------------------------------------------

  documents.onDidOpen((e) => {
    try {
      // a pull client asks for diagnostics right after opening: have its settings on the way
      if (pullMode && settingsStore.configSupport) void fetchSettings(e.document.uri);
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
      workspaceDiagnostics.onClose(uri);
      // the file on disk (if the workspace pull read it) stands for it again
      if (uri.startsWith('file:')) workspaceModel.dropOpen(keyOf(uri));
      scheduler.remove(uri);
      results.delete(uri);
      settingsStore.byUri.delete(uri);
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
      settingsStore.gen++;
      settingsStore.byUri.clear();
      if (!settingsStore.configSupport) {
        const raw = (params?.settings as Record<string, unknown> | null | undefined)?.[SECTION];
        if (raw !== undefined) settingsStore.global = readSettings(raw);
      }
      revalidateAll();
    } catch (e) {
      log.error(`didChangeConfiguration: ${describeError(e)}`);
    }
  });

  connection.onNotification(SECRET_STATE_NOTIFICATION, (params: SecretStateParams) => {
    try {
      if (settingsStore.setAccessKeyStored(params?.accessKey === true)) revalidateAll();
    } catch (e) {
      log.error(`${SECRET_STATE_NOTIFICATION}: ${describeError(e)}`);
    }
  });

  connection.onDidChangeWatchedFiles((params) => {
    try {
      workspaceDiagnostics.onWatchedFiles(params.changes);
      if (!params.changes.some((c) => c.uri.endsWith(`/${CONFIG_FILE_NAME}`))) return;
      configs.invalidate();
      results.clear();
      revalidateAll();
    } catch (e) {
      log.error(`didChangeWatchedFiles: ${describeError(e)}`);
    }
  });

  // Pull diagnostics are offered to every client; those that support them get no pushes.
  // A pull is for the version the document had when it arrived: if it changes (or the client cancels) before the
  // answer is ready, the pull is answered ServerCancelled with retriggerRequest, the check is abandoned, and the
  // client pulls again for the new version (VS Code does, at once) — an old version is never checked to the end.
  const superseded = () =>
    new ResponseError<DiagnosticServerCancellationData>(LSPErrorCodes.ServerCancelled, 'the document changed or the pull was cancelled', { retriggerRequest: true });
  connection.languages.diagnostics.on(async (params, token): Promise<DocumentDiagnosticReport | ResponseError<DiagnosticServerCancellationData>> => {
    try {
      const uri = params.textDocument.uri;
      const started = documents.get(uri)?.version;
      if (started === undefined || shuttingDown) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
      const wanted = () => !shuttingDown && !token.isCancellationRequested && documents.get(uri)?.version === started;
      let settings = await fetchSettings(uri);
      // the settings may have changed while we waited: use the newest
      for (let i = 0; i < 3 && settingsStore.configSupport && settingsStore.byUri.get(uri)?.gen !== settingsStore.gen; i++) settings = await fetchSettings(uri);
      const doc = documents.get(uri);
      if (!doc || shuttingDown) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
      if (!wanted()) return superseded();
      const r = await computeWithCross(doc, settings, wanted);
      if (!r) return superseded();
      if (params.previousResultId !== undefined && params.previousResultId === r.resultId) {
        return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: r.resultId };
      }
      return { kind: DocumentDiagnosticReportKind.Full, resultId: r.resultId, items: r.items };
    } catch (e) {
      log.error(`textDocument/diagnostic: ${describeError(e)}`);
      return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    }
  });

  // The files of the workspace folders, open or not (workspace-diagnostics.ts): walked and checked in slices.
  connection.languages.diagnostics.onWorkspace(async (params, token) => {
    try {
      return await workspaceDiagnostics.report(params, token);
    } catch (e) {
      if (e instanceof Cancelled) return new ResponseError(LSPErrorCodes.RequestCancelled, 'workspace diagnostics cancelled', { retriggerRequest: !shuttingDown });
      log.error(`workspace/diagnostic: ${describeError(e)}`);
      return { items: [] };
    }
  });

  documents.listen(connection);
}
