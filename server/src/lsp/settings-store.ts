import type { Connection } from 'vscode-languageserver/node';
import { describeError } from './log';
import { SECTION, defaultServerSettings, normalizeSettings, type ServerSettings } from './settings';
import type { ServerLog } from './server-context';

/** How long to wait for the client to answer `workspace/configuration` before using the defaults. */
const CONFIG_TIMEOUT_MS = 5000;

export interface SettingsEntry {
  gen: number;
  value?: ServerSettings;
  promise: Promise<ServerSettings>;
}

/**
 * The settings per document: from `workspace/configuration` when the client supports it (fetched once per
 * generation, with a timeout), else the global ones (initializationOptions, didChangeConfiguration).
 */
export class SettingsStore {
  /** the client answers workspace/configuration */
  configSupport = false;
  /** the global settings (also what is used when the client does not answer) */
  global: ServerSettings = defaultServerSettings();
  /** bumped on every didChangeConfiguration */
  gen = 0;
  readonly byUri = new Map<string, SettingsEntry>();
  /** the client runs our deploy (its findings then say what deploy fills; other editors judge the file alone) */
  deployClient = false;
  /** the client said an access key is in its secret storage (never the key) */
  accessKeyStored = false;

  /** `onArrived`: called when settings that settingsNow did not have yet have arrived */
  constructor(
    private readonly connection: Connection,
    private readonly log: ServerLog,
    private readonly onArrived: (uri: string) => void,
  ) {}

  read(raw: unknown): ServerSettings {
    const problems: string[] = [];
    const s = normalizeSettings(raw, problems);
    if (!this.deployClient) delete s.service.deployFills;
    else s.service.deployFills = { ...(s.service.deployFills ?? { door: 'editor', collector: false, variables: [] }), accessKey: this.accessKeyStored };
    for (const p of problems) this.log.once(`settings:${p}`, `${SECTION} settings: ${p}; using the default`);
    return s;
  }

  fetch(uri: string): Promise<ServerSettings> {
    const log = this.log;
    if (!this.configSupport) return Promise.resolve(this.global);
    const existing = this.byUri.get(uri);
    if (existing && existing.gen === this.gen) return existing.promise;
    const entry: SettingsEntry = { gen: this.gen, promise: Promise.resolve(this.global) };
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<ServerSettings>((resolve) => {
      timer = setTimeout(() => {
        log.once('config-timeout', `the client did not answer workspace/configuration within ${CONFIG_TIMEOUT_MS} ms; using default settings`);
        resolve(this.global);
      }, CONFIG_TIMEOUT_MS);
      timer.unref?.();
    });
    const request = this.connection.workspace.getConfiguration({ scopeUri: uri, section: SECTION }).then(
      (raw) => this.read(raw),
      (err) => {
        log.once(`config-error:${describeError(err)}`, `workspace/configuration failed: ${describeError(err)}; using default settings`);
        return this.global;
      },
    );
    entry.promise = Promise.race([request, timeout]).then((s) => {
      if (timer) clearTimeout(timer);
      entry.value = s;
      return s;
    });
    this.byUri.set(uri, entry);
    return entry.promise;
  }

  /**
   * The client's secret storage gained or lost the access key: every document's settings are read again
   * (the caller revalidates). Returns false when nothing changed.
   */
  setAccessKeyStored(stored: boolean): boolean {
    if (stored === this.accessKeyStored) return false;
    this.accessKeyStored = stored;
    this.gen++;
    this.byUri.clear();
    const fills = this.global.service.deployFills;
    if (fills) this.global = { ...this.global, service: { ...this.global.service, deployFills: { ...fills, accessKey: stored } } };
    return true;
  }

  /** settings if already known; otherwise starts fetching them and calls `onArrived` when they arrive */
  now(uri: string): ServerSettings | undefined {
    if (!this.configSupport) return this.global;
    const e = this.byUri.get(uri);
    if (e && e.gen === this.gen && e.value) return e.value;
    void this.fetch(uri).then(() => this.onArrived(uri));
    return undefined;
  }
}
