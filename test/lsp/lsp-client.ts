// A minimal LSP client over real stdio (or node-ipc / socket) for driving dist/server.js in tests and benchmarks.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import {
  ConfigurationRequest,
  createClientSocketTransport,
  createProtocolConnection,
  DiagnosticRefreshRequest,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DocumentDiagnosticRequest,
  WorkspaceDiagnosticRequest,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  IPCMessageReader,
  IPCMessageWriter,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  type Registration,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type ConfigurationItem,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type CancellationToken,
  type FileEvent,
  type PreviousResultId,
  type WorkspaceDiagnosticReport,
  type InitializeResult,
  type MessageConnection,
  type MessageReader,
  type MessageWriter,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';
import { projectRoot } from '../helpers/paths';

export { projectRoot };


export interface ClientOptions {
  /** declare pull diagnostics support (textDocument.diagnostic) */
  pull?: boolean;
  /** declare workspace/configuration support; answers come from `config` */
  configuration?: boolean;
  /** declare workspace.diagnostics.refreshSupport */
  refresh?: boolean;
  /** the `sysdig-mesos` section returned for workspace/configuration */
  config?: (item: ConfigurationItem) => unknown;
  transport?: 'stdio' | 'node-ipc' | 'socket';
  /** command to run instead of our server (used by the benchmark for yaml-language-server) */
  command?: { file: string; args: string[] };
  initializationOptions?: unknown;
  /** extra client capabilities, merged shallowly */
  capabilities?: ClientCapabilities;
  /** workspace folders sent with initialize (and declared as supported) */
  workspaceFolders?: { uri: string; name: string }[];
  /** declare snippet support in completion items */
  snippets?: boolean;
  /** declare dynamic registration of workspace/didChangeWatchedFiles */
  watchedFiles?: boolean;
  /** declare dynamic registration of textDocument/formatting and rangeFormatting */
  formatting?: boolean;
}

export class LspClient {
  readonly proc: ChildProcess;
  readonly connection: ProtocolConnection;
  readonly diagnostics: PublishDiagnosticsParams[] = [];
  readonly logs: { type: number; message: string }[] = [];
  readonly configRequests: ConfigurationItem[][] = [];
  refreshRequests = 0;
  /** methods the server registered dynamically */
  readonly registrations: string[] = [];
  /** the same registrations, whole (method and registerOptions) */
  readonly registered: Registration[] = [];
  stderr = '';
  readonly exited: Promise<number | null>;
  readonly spawnedAt: number;
  private waiters: { check: () => boolean; resolve: () => void }[] = [];
  private readonly versions = new Map<string, number>();
  config: (item: ConfigurationItem) => unknown;

  private constructor(proc: ChildProcess, reader: MessageReader, writer: MessageWriter, readonly options: ClientOptions, spawnedAt: number) {
    this.proc = proc;
    this.spawnedAt = spawnedAt;
    this.config = options.config ?? (() => null);
    this.exited = new Promise((resolve) => proc.on('exit', (code) => resolve(code)));
    proc.stderr?.setEncoding('utf8');
    proc.stderr?.on('data', (d: string) => {
      if (this.stderr.length < 1_000_000) this.stderr += d;
    });
    this.connection = createProtocolConnection(reader, writer);
    this.connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      this.diagnostics.push(p);
      this.poke();
    });
    this.connection.onNotification(LogMessageNotification.type, (p) => {
      this.logs.push(p);
      this.poke();
    });
    this.connection.onRequest(ConfigurationRequest.type, (p) => {
      this.configRequests.push(p.items);
      this.poke();
      return p.items.map((item) => this.config(item));
    });
    this.connection.onRequest(DiagnosticRefreshRequest.type, () => {
      this.refreshRequests++;
      this.poke();
    });
    this.connection.onRequest(RegistrationRequest.type, (p) => {
      this.registrations.push(...p.registrations.map((r) => r.method));
      this.registered.push(...p.registrations);
      this.poke();
    });
    // yaml-language-server sends custom requests/notifications; answer them neutrally
    const raw = this.connection as unknown as MessageConnection;
    raw.onRequest(() => null);
    raw.onNotification(() => undefined);
    this.connection.onError(() => undefined);
    this.connection.listen();
  }

  static async start(options: ClientOptions = {}): Promise<LspClient> {
    const root = projectRoot();
    const cmd = options.command ?? { file: process.execPath, args: [join(root, 'dist', 'server.js')] };
    const transport = options.transport ?? 'stdio';
    const spawnedAt = performance.now();
    if (transport === 'socket') {
      // below Linux's ephemeral range (32768+), where the fakes' and clients' own sockets live, and another port
      // when this one is taken anyway (a parallel test file's server): a clash once failed a clean-clone run
      let port = 0;
      let t: Awaited<ReturnType<typeof createClientSocketTransport>> | undefined;
      for (let attempt = 0; !t; attempt++) {
        port = 20000 + Math.floor(Math.random() * 12000);
        try {
          t = await createClientSocketTransport(port);
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code !== 'EADDRINUSE' || attempt >= 9) throw e;
        }
      }
      const proc = spawn(cmd.file, [...cmd.args, `--socket=${port}`], { stdio: ['ignore', 'ignore', 'pipe'], cwd: root });
      const [reader, writer] = await t.onConnected();
      return new LspClient(proc, reader, writer, options, spawnedAt);
    }
    if (transport === 'node-ipc') {
      const proc = spawn(cmd.file, [...cmd.args, '--node-ipc'], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'], cwd: root });
      return new LspClient(proc, new IPCMessageReader(proc), new IPCMessageWriter(proc), options, spawnedAt);
    }
    const proc = spawn(cmd.file, [...cmd.args, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], cwd: root });
    return new LspClient(proc, new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!), options, spawnedAt);
  }

  async initialize(): Promise<InitializeResult> {
    const o = this.options;
    const capabilities: ClientCapabilities = {
      textDocument: {
        synchronization: { dynamicRegistration: false, didSave: false },
        publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
        ...(o.pull ? { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } } : {}),
        ...(o.snippets ? { completion: { completionItem: { snippetSupport: true } } } : {}),
        ...(o.formatting ? { formatting: { dynamicRegistration: true }, rangeFormatting: { dynamicRegistration: true } } : {}),
      },
      workspace: {
        ...(o.workspaceFolders ? { workspaceFolders: true } : {}),
        ...(o.watchedFiles ? { didChangeWatchedFiles: { dynamicRegistration: true } } : {}),
        configuration: !!o.configuration,
        didChangeConfiguration: { dynamicRegistration: !!o.configuration },
        ...(o.refresh ? { diagnostics: { refreshSupport: true } } : {}),
      },
      ...o.capabilities,
    };
    const result = await this.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      capabilities,
      workspaceFolders: o.workspaceFolders ?? null,
      initializationOptions: o.initializationOptions,
    });
    await this.connection.sendNotification(InitializedNotification.type, {});
    return result;
  }

  open(uri: string, text: string, languageId = languageOf(uri), version = 1): Promise<void> {
    this.versions.set(uri, version);
    return this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version, text } });
  }

  /** sends changes and returns the new version */
  async change(uri: string, changes: TextDocumentContentChangeEvent[]): Promise<number> {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: changes });
    return version;
  }

  close(uri: string): Promise<void> {
    return this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  changeConfiguration(settings: unknown = null): Promise<void> {
    return this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings });
  }

  pull(uri: string, previousResultId?: string): Promise<DocumentDiagnosticReport> {
    return this.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri }, ...(previousResultId ? { previousResultId } : {}) });
  }

  /** workspace/diagnostic with the resultIds the client holds (a token to cancel it) */
  workspacePull(previousResultIds: PreviousResultId[] = [], token?: CancellationToken): Promise<WorkspaceDiagnosticReport> {
    return this.connection.sendRequest(WorkspaceDiagnosticRequest.type, { previousResultIds }, token);
  }

  changeWatchedFiles(changes: FileEvent[]): Promise<void> {
    return this.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes });
  }

  /** the latest pushed diagnostics for a uri */
  latest(uri: string): PublishDiagnosticsParams | undefined {
    for (let i = this.diagnostics.length - 1; i >= 0; i--) if (this.diagnostics[i].uri === uri) return this.diagnostics[i];
    return undefined;
  }

  /** waits for a publishDiagnostics for `uri` (with `version`, if given) */
  waitForDiagnostics(uri: string, version?: number, timeoutMs = 10_000, from = 0): Promise<PublishDiagnosticsParams> {
    const find = () => this.diagnostics.slice(from).find((d) => d.uri === uri && (version === undefined || d.version === version));
    return this.waitFor(() => find(), `diagnostics for ${uri}${version !== undefined ? ` v${version}` : ''}`, timeoutMs) as Promise<PublishDiagnosticsParams>;
  }

  async waitFor<T>(get: () => T | undefined | false, what: string, timeoutMs = 10_000): Promise<T> {
    const now = get();
    if (now) return now;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; stderr: ${this.stderr.slice(-2000)}`));
      }, timeoutMs);
      const waiter = {
        check: () => !!get(),
        resolve: () => {
          clearTimeout(timer);
          resolve(get() as T);
        },
      };
      this.waiters.push(waiter);
    });
  }

  private poke(): void {
    const ready = this.waiters.filter((w) => w.check());
    this.waiters = this.waiters.filter((w) => !ready.includes(w));
    for (const w of ready) w.resolve();
  }

  async shutdown(): Promise<number | null> {
    await this.connection.sendRequest(ShutdownRequest.type);
    await this.connection.sendNotification(ExitNotification.type);
    const code = await this.exited;
    this.connection.dispose();
    return code;
  }

  kill(): void {
    try {
      this.connection.dispose();
    } catch {
      // already gone
    }
    if (this.proc.exitCode === null && this.proc.signalCode === null) this.proc.kill();
  }
}

export function languageOf(uri: string): string {
  return /\.ya?ml$/i.test(uri) ? 'yaml' : /\.json$/i.test(uri) ? 'json' : 'plaintext';
}

/** a diagnostic's message as text (LSP 3.18 allows markup) */
export function messageOf(d: Diagnostic): string {
  return typeof d.message === 'string' ? d.message : d.message.value;
}

export function syntaxOnly(ds: Diagnostic[]): Diagnostic[] {
  return ds.filter((d) => d.code === 'syntax');
}
