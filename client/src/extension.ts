// The VS Code client: starts the bundled language server (dist/server.js, next to this bundle) and hands it
// our documents. It parses nothing: which document is which kind, and which agent profile applies, is the
// server's decision (see the `sysdig-mesos/documentInfo` request).
import * as vscode from 'vscode';
import { LanguageClient, State, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { CONFIG_FILE_NAME, DOCUMENT_INFO_REQUEST, FILL_PLACEHOLDER_COMMAND, SECRET_STATE_NOTIFICATION, type DocumentInfo, type DocumentInfoParams, type FillPlaceholderArgs, type SecretStateParams } from '../../server/src/lsp/constants';
import {
  CLIENT_SETTINGS,
  OWN_LANGUAGE_IDS,
  defaultPatterns,
  documentSelector,
  languageToSet,
  namedSelector,
  patternsFromSettings,
  samePatterns,
  watchGlob,
  workspaceDiagnosticsFromSettings,
  workspaceGlob,
} from './patterns';
import { PENDING_STATUS, statusContent } from './status';
import { ACCESS_KEY_SECRET, CLIENT_ID, CLIENT_NAME, COMMANDS, CONTEXT_KEYS, SECTION, SERVER_MODULE, SHOW_OUTPUT_COMMAND, STATUS_ITEM_ID } from './ids';
import { ClusterDiagnostics, findDocument, runClusterCheck, type ClusterHost } from './cluster-commands';
import { findPlaceholders, PlaceholderWatch } from './placeholders';
import { fillPlaceholder } from './fill-placeholder';
import { switchAgentProfile } from './agent-profile';
import { deployApp, DiffContent, DIFF_SCHEME, setMarathonCredentials } from './deploy-command';
import { clearClusterCredentials, setClusterCredentials } from './cluster-choice';
import { EffectiveContent, EFFECTIVE_SCHEME, showEffectiveConfig } from './effective-command';
import type { KindPatterns } from '../../server/src/service/documents/kind';
import { maskingChannel } from './trace-mask';
import { ClusterView } from './cluster-view';

let session: Session | undefined;

/** What activate() returns (the extension's exports): start-up timing, read by the extension-host tests. */
/** Why the checking starts, as the log's first line says it to the user. */
const START_REASON: Record<string, string> = {
  activation: 'this workspace holds one of them (or a .sysdig-mesos.json)',
  'a matching file was opened': 'one was opened',
  'a command needs it': 'a Sysdig Mesos command needs it',
  'file patterns changed': 'the file name settings changed',
  'workspace folders changed': 'the workspace folders changed',
  'workspace diagnostics setting changed': 'the diagnostics.workspace setting changed',
};

export interface SysdigMesosApi {
  readonly timing: {
    /** ms from activate() being called to the language client being started (undefined: not started yet) */
    activateToClientStartMs?: number;
    /**
     * CPU ms the extension host process used in that time: when the open documents decide, that stretch is
     * synchronous, so this is our own work, without the waits of a busy machine
     */
    activateToClientStartCpuMs?: number;
  };
}

export async function activate(context: vscode.ExtensionContext): Promise<SysdigMesosApi> {
  const api: SysdigMesosApi = { timing: {} };
  session = new Session(context, api.timing, { wall: performance.now(), cpu: process.cpuUsage() });
  context.subscriptions.push(session);
  await session.init();
  return api;
}

export async function deactivate(): Promise<void> {
  await session?.stop();
  session = undefined;
}

function asUri(arg: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg;
  if (typeof arg === 'string' && /^[a-z][a-z0-9+.-]*:/i.test(arg)) return vscode.Uri.parse(arg);
  return undefined;
}

class Session implements vscode.Disposable {
  private readonly output: vscode.LogOutputChannel;
  private client: LanguageClient | undefined;
  private patterns: KindPatterns = defaultPatterns();
  /** sysdig-mesos.diagnostics.workspace, on in some scope (the server is told at start-up) */
  private workspaceDiagnostics = true;
  private starting: Promise<void> | undefined;
  private status: vscode.LanguageStatusItem | undefined;
  private statusSeq = 0;
  private statusTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  /** the file watcher of the running client (its glob follows the file patterns, which restart the client) */
  private watcher: vscode.FileSystemWatcher | undefined;
  private readonly clusterDiagnostics: ClusterDiagnostics;
  private readonly host: ClusterHost;
  private readonly diffs = new DiffContent();
  /** the "Sysdig on Mesos" view (issue 13 §1) */
  private readonly clusterView: ClusterView;
  private readonly effective: EffectiveContent;
  /** the documents (URIs) this session moved from json/yaml to our language: never moved twice */
  private readonly movedLanguage = new Set<string>();

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly timing: SysdigMesosApi['timing'],
    private readonly activatedAt: { wall: number; cpu: NodeJS.CpuUsage },
  ) {
    this.output = vscode.window.createOutputChannel(CLIENT_NAME, { log: true });
    this.clusterDiagnostics = new ClusterDiagnostics();
    this.host = {
      output: this.output,
      patterns: () => this.patterns,
      client: async () => {
        if (!this.client) await this.start('a command needs it');
        else if (this.starting) await this.starting;
        return this.client?.isRunning() ? this.client : undefined;
      },
    };
    this.effective = new EffectiveContent(this.host);
    const command = (id: string, fn: (...args: any[]) => unknown) =>
      vscode.commands.registerCommand(id, async (...args: unknown[]) => {
        try {
          return await fn(...args);
        } catch (e) {
          const msg = e instanceof Error ? e.message : String(e);
          this.output.error(`${id}: ${msg}`);
          void vscode.window.showErrorMessage(`${CLIENT_NAME}: ${msg}`);
          return undefined;
        }
      });
    this.disposables.push(
      this.output,
      { dispose: () => this.watcher?.dispose() },
      this.clusterDiagnostics,
      vscode.commands.registerCommand(SHOW_OUTPUT_COMMAND, () => this.output.show(true)),
      // from the palette (no argument), the explorer (a Uri) or a code lens (the document's URI as a string)
      command(COMMANDS.checkMesos, (uri?: unknown) => runClusterCheck(this.host, this.clusterDiagnostics, 'mesos', { config: asUri(uri), secrets: this.context.secrets })),
      command(COMMANDS.checkMarathon, (uri?: unknown) => runClusterCheck(this.host, this.clusterDiagnostics, 'marathon', { config: asUri(uri), secrets: this.context.secrets })),
      command(COMMANDS.confirmAgents, () => this.confirmAgents()),
      // the view reads the cluster again once a deploy is over (when it is visible)
      command(COMMANDS.deployApp, (uri?: unknown) => deployApp({ host: this.host, diagnostics: this.clusterDiagnostics, secrets: this.context.secrets, diffs: this.diffs }, asUri(uri)).finally(() => void this.clusterView.refresh())),
      vscode.workspace.registerTextDocumentContentProvider(DIFF_SCHEME, this.diffs),
      // the agent's effective dragent.yaml: a read-only view beside the app, refreshed as it is edited
      this.effective,
      vscode.workspace.registerTextDocumentContentProvider(EFFECTIVE_SCHEME, this.effective),
      command(COMMANDS.showEffectiveConfig, (uri?: unknown) => showEffectiveConfig(asUri(uri))),
      command(COMMANDS.setAccessKey, () => this.setAccessKey()),
      command(COMMANDS.setMarathonCredentials, () => setMarathonCredentials(this.context.secrets)),
      // a named cluster's credentials (issue 13 §2): from the palette (asks which cluster) or a view item (its name)
      command(COMMANDS.setClusterCredentials, (name?: unknown) => setClusterCredentials(this.host, this.context.secrets, typeof name === 'string' ? name : undefined).then(() => this.clusterView.refresh())),
      command(COMMANDS.clearClusterCredentials, (name?: unknown) => clearClusterCredentials(this.host, this.context.secrets, typeof name === 'string' ? name : undefined).then(() => this.clusterView.refresh())),
      command(COMMANDS.clearAccessKey, async () => {
        await this.context.secrets.delete(ACCESS_KEY_SECRET);
        void vscode.window.showInformationMessage('The Sysdig access key was removed from VS Code\'s secret storage.');
      }),
      command(COMMANDS.findPlaceholders, () => findPlaceholders(this.host)),
      // the walkthrough's first step completes when the last placeholder is gone, however it was filled
      new PlaceholderWatch(this.host),
      command(COMMANDS.fillPlaceholder, (args: FillPlaceholderArgs) => fillPlaceholder(this.host, args)),
      // the language status item (no argument) and the https-unsupported quick fix ('latest', the document)
      command(COMMANDS.switchAgentProfile, (profile?: unknown, uri?: unknown) => switchAgentProfile(this.host, profile, uri)),
      command(COMMANDS.openApp, async () => {
        const doc = await findDocument(this.host, 'marathon-app');
        if (!doc) {
          void vscode.window.showWarningMessage("No Marathon app for the agent (sysdig.json) in this workspace: create one; completion offers the guide's app in an empty sysdig.json.");
          return;
        }
        await vscode.window.showTextDocument(doc);
        await vscode.commands.executeCommand('setContext', CONTEXT_KEYS.appReviewed, true);
      }),
    );
    this.clusterView = new ClusterView(this.host, this.context.secrets);
    this.disposables.push(this.clusterView);
  }

  /** The access key goes to VS Code's secret storage only: deploy fills ACCESS_KEY from it at send time. */
  private async setAccessKey(): Promise<void> {
    const key = await vscode.window.showInputBox({
      title: 'Sysdig access key',
      prompt: 'Stored in VS Code\'s secret storage, never in a file; sent as ACCESS_KEY when the agent app is deployed.',
      password: true,
      ignoreFocusOut: true,
      validateInput: (v) => (v.trim() === '' ? 'The access key cannot be empty' : /\s/.test(v.trim()) ? 'An access key has no spaces' : undefined),
    });
    if (key === undefined) return;
    await this.context.secrets.store(ACCESS_KEY_SECRET, key.trim());
    this.output.info('the Sysdig access key was stored in secret storage');
    void vscode.window.showInformationMessage('Sysdig access key stored in VS Code\'s secret storage.');
  }

  /** The walkthrough's last step: the app runs where it should (Check Mesos with the app). */
  private async confirmAgents(): Promise<void> {
    const r = await runClusterCheck(this.host, this.clusterDiagnostics, 'mesos', { quiet: true, purpose: 'confirm-agents' });
    if (!r) return;
    const running = r.ok && r.appDeployed === true && r.appTasks !== null && r.appTasks > 0;
    await vscode.commands.executeCommand('setContext', CONTEXT_KEYS.agentsRunning, running);
    const msg = running
      ? `The agent app runs ${r.appTasks} task(s) on ${r.agents ?? '?'} Mesos agent(s).`
      : r.appDeployed === false
        ? 'The agent app is not deployed yet: run "Deploy agent app to Marathon".'
        : `The agent app is not running as it should: ${r.summary}`;
    void (running ? vscode.window.showInformationMessage(msg, 'Show Output') : vscode.window.showWarningMessage(msg, 'Show Output')).then((p) => {
      if (p) this.output.show(true);
    });
  }

  async init(): Promise<void> {
    this.patterns = this.readPatterns();
    this.workspaceDiagnostics = this.readWorkspaceDiagnostics();
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((e) => void this.onConfiguration(e)),
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.onConfiguration(undefined)),
      vscode.workspace.onDidOpenTextDocument((doc) => {
        if (!this.client && !this.starting && vscode.languages.match(namedSelector(this.patterns), doc) > 0) void this.start('a matching file was opened');
      }),
      vscode.window.onDidChangeActiveTextEditor(() => this.scheduleStatus(0)),
      // the findings say what deploy fills: the server learns whether a key is stored (never the key)
      this.context.secrets.onDidChange((e) => {
        if (e.key === ACCESS_KEY_SECRET) void this.sendSecretState();
      }),
      // diagnostics change after every validation: the kind or profile may have changed with them
      vscode.languages.onDidChangeDiagnostics((e) => {
        const active = vscode.window.activeTextEditor?.document.uri.toString();
        if (active && e.uris.some((u) => u.toString() === active)) this.scheduleStatus(100);
      }),
    );
    // no await when the open documents and folders decide (activate() to the client starting: budget 50 ms)
    if (this.quickDecision(true) ?? (await this.searchWorkspace())) await this.start('activation');
  }

  /**
   * The server is started when one of our documents is open, or the workspace holds a file matching the
   * patterns or `.sysdig-mesos.json` (then a Marathon app known only by its content is validated too).
   * Activation on `onLanguage:yaml`/`onLanguage:json` alone (any YAML or JSON file) does not start it.
   * At activation with folders open and no YAML or JSON document, the reason was `workspaceContains`
   * (VS Code has just found one of our files) or one of our commands: no second search, whose first call
   * can take a second while VS Code starts (the budget is 50 ms from activate() to the client starting).
   */
  private async shouldStart(): Promise<boolean> {
    return this.quickDecision(false) ?? this.searchWorkspace();
  }

  /** true or false when the open documents and the folders decide; undefined: search the workspace */
  private quickDecision(atActivation: boolean): boolean | undefined {
    const named = namedSelector(this.patterns);
    if (vscode.workspace.textDocuments.some((d) => vscode.languages.match(named, d) > 0)) return true;
    if (!vscode.workspace.workspaceFolders?.length) return false;
    if (atActivation && !vscode.workspace.textDocuments.some((d) => d.languageId === 'yaml' || d.languageId === 'json' || OWN_LANGUAGE_IDS.includes(d.languageId))) return true;
    return undefined;
  }

  private async searchWorkspace(): Promise<boolean> {
    try {
      const found = await vscode.workspace.findFiles(workspaceGlob(this.patterns, CONFIG_FILE_NAME), '**/node_modules/**', 1);
      return found.length > 0;
    } catch (e) {
      this.output.warn(`looking for dragent/Marathon files failed: ${String(e)}`);
      return false;
    }
  }

  /** The configuration of the window and of every workspace folder (resource-scoped settings). */
  private scopes(): vscode.WorkspaceConfiguration[] {
    const scopes = [vscode.workspace.getConfiguration(SECTION)];
    for (const f of vscode.workspace.workspaceFolders ?? []) scopes.push(vscode.workspace.getConfiguration(SECTION, f.uri));
    return scopes;
  }

  /** The `files.*` patterns of the window and of every workspace folder. */
  private readPatterns(): KindPatterns {
    // WorkspaceConfiguration is a proxy with get(); hand the plain values to the server's reader
    return patternsFromSettings(
      this.scopes().map((conf) => {
        const get = (key: (typeof CLIENT_SETTINGS)[number]) => conf.get(key); // only the settings the client declares it reads
        return { files: { dragent: get('files.dragent'), marathonApp: get('files.marathonApp') } };
      }),
    );
  }

  private readWorkspaceDiagnostics(): boolean {
    return workspaceDiagnosticsFromSettings(
      this.scopes().map((conf) => {
        const get = (key: (typeof CLIENT_SETTINGS)[number]) => conf.get(key);
        return { diagnostics: { workspace: get('diagnostics.workspace') } };
      }),
    );
  }

  private async onConfiguration(e: vscode.ConfigurationChangeEvent | undefined): Promise<void> {
    if (e && !e.affectsConfiguration(`${SECTION}.files`) && !e.affectsConfiguration(`${SECTION}.diagnostics.workspace`)) {
      // other settings reach the server through workspace/configuration (it registered for changes)
      if (e.affectsConfiguration(SECTION)) this.scheduleStatus(200);
      return;
    }
    const next = this.readPatterns();
    const changed = !samePatterns(next, this.patterns);
    this.patterns = next;
    const workspaceDiagnostics = this.readWorkspaceDiagnostics();
    const offerChanged = workspaceDiagnostics !== this.workspaceDiagnostics;
    this.workspaceDiagnostics = workspaceDiagnostics;
    if (this.client || this.starting) {
      if (!changed && !offerChanged) return;
      // a client's document selector, and the server's diagnostic capability, are fixed when it starts: restart
      const reason = changed ? 'file patterns changed' : 'workspace diagnostics setting changed';
      this.output.info(`${reason}: restarting the language server`);
      await this.stop();
      await this.start(reason);
    } else if (await this.shouldStart()) {
      // new patterns, or a new workspace folder, that bring our files in
      await this.start(changed ? 'file patterns changed' : 'workspace folders changed');
    }
  }

  private start(reason: string): Promise<void> {
    if (this.starting) return this.starting;
    if (this.client) return Promise.resolve();
    this.starting = this.doStart(reason).finally(() => {
      this.starting = undefined;
    });
    return this.starting;
  }

  private async doStart(reason: string): Promise<void> {
    const module = this.context.asAbsolutePath(SERVER_MODULE);
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
    };
    const selector = documentSelector(this.patterns);
    // one watcher per client (the language client does not dispose the watchers it is given): the workspace file,
    // and our files for the server's workspace diagnostics, which re-read or re-walk what changed
    this.watcher?.dispose();
    this.watcher = vscode.workspace.createFileSystemWatcher(watchGlob(this.patterns, CONFIG_FILE_NAME));
    const clientOptions: LanguageClientOptions = {
      documentSelector: selector,
      outputChannel: this.output,
      // the message trace writes each request's parameters: the deploy request's access key and Marathon
      // credentials from secret storage are masked on their way into the channel (trace-mask.ts)
      traceOutputChannel: maskingChannel(this.output),
      synchronize: { fileEvents: this.watcher },
      // No diagnosticPullOptions: vscode-languageclient 11 pulls workspace/diagnostic by itself when the server
      // offers workspaceDiagnostics (again 2 s after each answer), and its default { onChange: true } keeps the
      // document pull on every keystroke, which wins over the workspace report for an open document.
      // every JSON document is in the selector: send only those the user looks at
      textSynchronization: { delayOpenNotifications: true },
      // the client-side commands the server may put in code actions (see FILL_PLACEHOLDER_COMMAND)
      initializationOptions: {
        clientCommands: [FILL_PLACEHOLDER_COMMAND, COMMANDS.checkMesos, COMMANDS.checkMarathon, COMMANDS.deployApp, COMMANDS.switchAgentProfile],
        // off in every scope: the server does not offer workspace diagnostics (see workspaceDiagnosticsFromSettings)
        workspaceDiagnostics: this.workspaceDiagnostics,
      },
    };
    const client = new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
    this.client = client;
    client.onDidChangeState((e) => {
      if (this.client !== client) return; // an old client, stopping after a restart
      if (e.newState === State.Running) this.scheduleStatus(0);
      if (e.newState === State.Stopped) this.hideStatus();
    });
    let since = '';
    if (this.timing.activateToClientStartMs === undefined) {
      const cpu = process.cpuUsage(this.activatedAt.cpu);
      this.timing.activateToClientStartMs = performance.now() - this.activatedAt.wall;
      this.timing.activateToClientStartCpuMs = (cpu.user + cpu.system) / 1000;
      since = `, ${this.timing.activateToClientStartMs.toFixed(1)} ms after activation (${this.timing.activateToClientStartCpuMs.toFixed(1)} ms CPU)`;
    }
    // the user's words first; the technical reason and the timings at Debug level (the extension-host test reads `timing`)
    this.output.info(`Checking dragent.yaml and Marathon app files: ${START_REASON[reason] ?? reason}`);
    this.output.debug(`starting the language server (${reason}${since})`);
    try {
      await client.start();
      await this.sendSecretState();
    } catch (e) {
      this.output.error(`the language server did not start: ${e instanceof Error ? e.message : String(e)}`);
      this.client = undefined;
      await client.dispose().catch(() => undefined);
    }
  }

  /** Tells the server whether the access key is in secret storage, so its findings match what deploy fills. */
  private async sendSecretState(): Promise<void> {
    const client = this.client;
    if (!client?.isRunning()) return;
    try {
      const params: SecretStateParams = { accessKey: !!(await this.context.secrets.get(ACCESS_KEY_SECRET)) };
      await client.sendNotification(SECRET_STATE_NOTIFICATION, params);
    } catch (e) {
      this.output.warn(`could not tell the language server about the stored access key: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  async stop(): Promise<void> {
    if (this.starting) await this.starting.catch(() => undefined);
    const client = this.client;
    this.client = undefined;
    this.hideStatus();
    if (client) await client.dispose().catch((e) => this.output.warn(`stopping the language server: ${String(e)}`));
    this.watcher?.dispose();
    this.watcher = undefined;
  }

  // ---- language status ---------------------------------------------------------------------------

  private scheduleStatus(delayMs: number, attempt = 0): void {
    if (this.statusTimer) clearTimeout(this.statusTimer);
    this.statusTimer = setTimeout(() => void this.updateStatus(attempt), delayMs);
  }

  private async updateStatus(attempt: number): Promise<void> {
    const seq = ++this.statusSeq;
    const doc = vscode.window.activeTextEditor?.document;
    const client = this.client;
    if (!doc || !client || vscode.languages.match(documentSelector(this.patterns), doc) === 0) return this.hideStatus();
    if (!client.isRunning()) return this.showStatus(PENDING_STATUS);
    let info: DocumentInfo | null = null;
    try {
      const params: DocumentInfoParams = { uri: client.code2ProtocolConverter.asUri(doc.uri) };
      info = await client.sendRequest<DocumentInfo | null>(DOCUMENT_INFO_REQUEST, params);
    } catch (e) {
      this.output.debug(`${DOCUMENT_INFO_REQUEST}: ${String(e)}`);
    }
    if (seq !== this.statusSeq) return; // a newer update is under way
    // null: the server does not hold the document yet (its didOpen may still be on the way); ask again
    if (info === null && attempt < 3) {
      this.showStatus(PENDING_STATUS);
      return this.scheduleStatus(500, attempt + 1);
    }
    const content = statusContent(info);
    if (content) this.showStatus(content);
    else this.hideStatus();
    await this.moveToOwnLanguage(doc, info);
  }

  /**
   * A json/yaml document the server found to be ours (a user's file pattern, or a Marathon app known by its
   * content) moves to our language, where VS Code's JSON service and the YAML extension leave it to us (one
   * source for every problem). Once per document: setting it back to JSON (the language status) sticks.
   * Not an edit: nothing to undo, the text is untouched.
   */
  private async moveToOwnLanguage(doc: vscode.TextDocument, info: DocumentInfo | null): Promise<void> {
    const uri = doc.uri.toString();
    const target = languageToSet(info?.kind, doc.languageId, uri, this.movedLanguage);
    if (!target) return;
    this.movedLanguage.add(uri);
    try {
      await vscode.languages.setTextDocumentLanguage(doc, target);
      this.output.info(`${vscode.workspace.asRelativePath(doc.uri)}: language set to ${target} (the server found it is ${info?.kind})`);
    } catch (e) {
      this.output.warn(`could not set the language of ${uri}: ${String(e)}`);
    }
  }

  private showStatus(content: { text: string; detail: string; accessibility: string }): void {
    if (!this.status) {
      this.status = vscode.languages.createLanguageStatusItem(STATUS_ITEM_ID, documentSelector(this.patterns));
      this.status.name = CLIENT_NAME;
      this.status.command = { title: 'Switch Profile', command: COMMANDS.switchAgentProfile, tooltip: 'Switch the agent profile' };
    }
    this.status.text = content.text;
    this.status.detail = content.detail;
    this.status.accessibilityInformation = { label: content.accessibility };
  }

  private hideStatus(): void {
    this.status?.dispose();
    this.status = undefined;
  }

  dispose(): void {
    if (this.statusTimer) clearTimeout(this.statusTimer);
    this.hideStatus();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
