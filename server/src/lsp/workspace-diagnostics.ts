import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { dirname, relative, sep } from 'node:path';
import {
  DocumentDiagnosticReportKind,
  FileChangeType,
  type CancellationToken,
  type Diagnostic,
  type FileEvent,
  type TextDocuments,
  type WorkspaceDiagnosticParams,
  type WorkspaceDiagnosticReport,
  type WorkspaceDocumentDiagnosticReport,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocKind } from '../service/index';
import { FileReadError, readFileSafely } from '../files/read-file-safely';
import { Pacer } from '../files/pacer';
import { statKey, walkFolder, type WalkedFile, type WalkLimits, type WalkResult } from '../files/workspace-walk';
import { CONFIG_FILE_NAME } from './constants';
import { fileKind, uriPath } from './kind';
import { describeError } from './log';
import { checkText } from './validation';
import type { ServerSettings } from './settings';
import type { Result, ServerContext, WorkspaceFile } from './server-context';
import type { WorkspaceModel } from './workspace-model';

/** a slice of the walk and check runs this long before a keystroke's messages get their turn */
export const SLICE_MS = 4;
/** the job waits for this long without a message before it goes on (a keystroke every 100–200 ms is typing) */
export const QUIET_MS = 250;
/** and for at most this long per file while messages keep coming */
export const MAX_WAIT_MS = 500;
/**
 * A folder is walked again after this long even without a file event: clients that send no
 * workspace/didChangeWatchedFiles, and folders created with their files inside (one event, for the folder).
 */
export const WALK_MAX_AGE_MS = 30_000;
/** reports for a document after its didClose that are full whatever the client says it has (see onClose) */
const FULL_AFTER_CLOSE = 2;

export interface WorkspaceDiagnosticsDeps extends Pick<ServerContext, 'documents' | 'log' | 'getService' | 'configFor' | 'fetchSettings' | 'isShuttingDown'> {
  documents: TextDocuments<TextDocument>;
  /** an open document's check, the one the document pull answers with (same cache, same resultId) */
  compute(doc: TextDocument, settings: ServerSettings): Result;
  /** the workspace folders' URIs */
  folders(): readonly string[];
  /** the count of incoming messages dispatched (start.ts): the job steps aside while they come */
  activity?: () => number;
  limits?: WalkLimits;
  /** the files as the cross-file rules see them: each file read here is put in (and one gone taken out) */
  model: WorkspaceModel;
}

/** What is known of a file on disk: valid while its stat, the folder's settings and the workspace file are unchanged. */
interface FileEntry {
  statKey: string;
  settingsKey: string;
  configStamp: string;
  kind: DocKind | undefined;
  resultId: string;
  items: Diagnostic[];
  /** its model was put in the workspace model (a file of ours that was read and parsed) */
  parsed?: boolean;
}

/** a file's report before its cross-file diagnostics are added (they need every file of the pull in the model) */
interface Pending {
  uri: string;
  version: number | null;
  key: string;
  resultId: string;
  items: Diagnostic[];
}

interface Walked {
  at: number;
  patternsKey: string;
  result: WalkResult;
}

/**
 * `workspace/diagnostic`: the problems of every dragent.yaml and Marathon app file of the workspace folders,
 * open or not. A file that is not open is read from disk (read-file-safely: regular files of at most 1 MiB,
 * inside the folder) and reported with `version: null`; an open document is reported from its text with its
 * version — the same check and resultId as its document pull, so the two never disagree.
 *
 * What vscode-languageclient (11) does with the answer, and why this shape:
 * - a full report for a document it tracks by document pull is dropped (the document pull wins): an open
 *   file shows one set of problems, the one of the text being edited;
 * - it pulls again 2 s after each answer, with the resultIds it holds: a file whose stat, settings and
 *   workspace file are unchanged is answered `unchanged` without being read;
 * - on close it keeps the document pull's problems and forgets the file's workspace resultId, counting on
 *   the next workspace report: the next reports after a didClose carry the file in full (from disk, or
 *   empty when it is not ours there), even if a report raced with the close;
 * - a file it holds that is no longer reported (deleted, renamed, no longer matching, the setting off) would
 *   keep its problems: it gets an empty full report.
 */
export class WorkspaceDiagnostics {
  private readonly walks = new Map<string, Walked>();
  private readonly files = new Map<string, FileEntry>();
  /** closed documents (by key) and how many more reports carry them in full */
  private readonly closed = new Map<string, { uri: string; left: number }>();
  private stale = false;
  /** last pull's numbers, for the log and the tests */
  last = { files: 0, read: 0, checked: 0, yields: 0, waitedMs: 0, ms: 0 };

  constructor(private readonly deps: WorkspaceDiagnosticsDeps) {}

  /** folders changed, or files were created or deleted: walk again on the next pull */
  invalidateWalks(): void {
    this.stale = true;
  }

  onWatchedFiles(changes: readonly FileEvent[]): void {
    for (const c of changes) {
      if (c.type === FileChangeType.Changed) this.files.delete(keyOf(c.uri));
      else {
        this.files.delete(keyOf(c.uri));
        if (c.type === FileChangeType.Deleted) this.deps.model.dropDisk(keyOf(c.uri));
        this.stale = true;
      }
    }
  }

  onClose(uri: string): void {
    if (uri.startsWith('untitled:')) return; // the client clears those itself
    const key = keyOf(uri);
    this.closed.delete(key);
    // a client that never pulls workspace diagnostics never takes them out: the oldest go first
    if (this.closed.size >= 1000) this.closed.delete(this.closed.keys().next().value as string);
    this.closed.set(key, { uri, left: FULL_AFTER_CLOSE });
  }

  async report(params: WorkspaceDiagnosticParams, token: CancellationToken): Promise<WorkspaceDiagnosticReport> {
    const { deps } = this;
    const started = performance.now();
    const pacer = new Pacer({
      sliceMs: SLICE_MS,
      stopped: () => token.isCancellationRequested || deps.isShuttingDown(),
      activity: deps.activity,
      quietMs: QUIET_MS,
      maxWaitMs: MAX_WAIT_MS,
    });
    const previous = new Map<string, string>();
    for (const p of params.previousResultIds ?? []) previous.set(keyOf(p.uri), p.value);
    const items: WorkspaceDocumentDiagnosticReport[] = [];
    const pending: Pending[] = [];
    const reported = new Set<string>();
    /** files whose disk text is in the model after this pull (the others are taken out) */
    const onDisk = new Set<string>();
    const stats = { files: 0, read: 0, checked: 0 };
    const folders = [...deps.folders()]
      .filter((u) => u.startsWith('file:'))
      .map((uri) => ({ uri: trimSlashes(uri, 'file://'.length), path: trimSlashes(uriPath(uri), 1) }))
      // deepest first: a nested folder's files are checked with its own settings and skipped by the outer walk
      .sort((a, b) => b.path.length - a.path.length);
    /** `path` is `folder` or below it (a folder at the root, `/`, holds every path) */
    const within = (path: string, folder: string) => path === folder || path.startsWith(folder.endsWith('/') ? folder : folder + '/') || path.startsWith(folder + sep);
    const folderOf = (path: string) => folders.find((f) => within(path, f.path));

    // open documents in the folders: from their text, as their document pull has them
    const open = new Set<string>();
    for (const doc of deps.documents.all()) {
      const key = keyOf(doc.uri);
      if (!doc.uri.startsWith('file:') || !folderOf(key)) continue;
      open.add(key);
      const settings = await deps.fetchSettings(doc.uri);
      pacer.check();
      const latest = deps.documents.get(doc.uri);
      if (!latest || !settings.workspaceDiagnostics) continue;
      const r = deps.compute(latest, settings);
      deps.model.setOpen(key, dirname(key), latest.uri, r.kind ? r.parsed : undefined, r.context);
      if (!r.kind) continue;
      reported.add(key);
      pending.push({ uri: latest.uri, version: latest.version, key, resultId: r.resultId, items: r.items });
      await pacer.tick();
    }

    for (const folder of folders) {
      const settings = await deps.fetchSettings(folder.uri);
      pacer.check();
      if (!settings.workspaceDiagnostics) continue;
      const settingsKey = JSON.stringify(settings);
      const inner = folders.filter((f) => f !== folder && within(f.path, folder.path)).map((f) => f.path);
      const { result: walk, fresh } = await this.walk(folder.path, settings, inner, pacer);
      let ws: WorkspaceFile | undefined;
      const configOf = (uri: string): WorkspaceFile => {
        try {
          return deps.configFor(uri);
        } catch (e) {
          deps.log.once(`wsconfig:${describeError(e, 2)}`, `reading ${CONFIG_FILE_NAME} failed: ${describeError(e)}`);
          return { filePath: '', stamp: '' };
        }
      };
      for (const walked of walk.files) {
        if (open.has(walked.path) || reported.has(walked.path)) continue;
        // a walk kept from an earlier pull: each file's stat is taken again (a change, a deletion without an event)
        const f = fresh ? walked : restat(walked.path);
        if (!f) continue;
        const uri = `${folder.uri}/${relative(folder.path, f.path).split(sep).map(encodeURIComponent).join('/')}`;
        ws ??= configOf(uri); // one look at the workspace file per folder and pull
        let entry = this.files.get(f.path);
        if (!entry || entry.statKey !== f.statKey || entry.settingsKey !== settingsKey || entry.configStamp !== ws.stamp) {
          entry = this.readAndCheck(f.path, f.statKey, uri, folder.path, settings, settingsKey, configOf(uri), entry, stats);
          await pacer.yieldNow();
        }
        if (!entry.kind) continue;
        if (entry.parsed) onDisk.add(f.path);
        stats.files++;
        reported.add(f.path);
        pending.push({ uri, version: null, key: f.path, resultId: entry.resultId, items: entry.items });
        await pacer.tick();
      }
    }

    // the cross-file findings, over every file of this pull at once; a file's resultId changes with them
    deps.model.retainDisk((key) => onDisk.has(key) || open.has(key));
    deps.model.flush();
    for (const p of pending) {
      const cross = deps.model.crossFor(p.key);
      const all = cross.items.length ? [...p.items, ...cross.items] : p.items;
      items.push(this.item(p.uri, p.version, `${p.resultId}.${cross.stamp}`, all, previous.get(p.key), p.key));
    }

    // what the client holds that is no longer ours, and what was closed: cleared or carried in full
    for (const [key, c] of this.closed) {
      if (!reported.has(key)) {
        items.push({ kind: DocumentDiagnosticReportKind.Full, uri: c.uri, version: null, items: [] });
        reported.add(key);
      }
      if (--c.left <= 0) this.closed.delete(key);
    }
    for (const p of params.previousResultIds ?? []) {
      const key = keyOf(p.uri);
      if (reported.has(key)) continue;
      reported.add(key);
      items.push({ kind: DocumentDiagnosticReportKind.Full, uri: p.uri, version: null, items: [] });
    }
    this.last = { ...stats, yields: pacer.yields, waitedMs: pacer.waitedMs, ms: performance.now() - started };
    if (stats.read > 0) deps.log.debug(`workspace diagnostics: ${stats.files} file(s), ${stats.read} read, ${stats.checked} checked in ${Math.round(this.last.ms)} ms (${Math.round(pacer.waitedMs)} ms of it waiting for typing to pause; longest slice ${pacer.maxSliceMs.toFixed(1)} ms)`);
    return { items };
  }

  private item(uri: string, version: number | null, resultId: string, diagnostics: Diagnostic[], previous: string | undefined, key: string): WorkspaceDocumentDiagnosticReport {
    // a document closed a moment ago is carried in full: the client may have dropped the last report while it still tracked it
    if (previous === resultId && !this.closed.has(key)) return { kind: DocumentDiagnosticReportKind.Unchanged, uri, version, resultId };
    return { kind: DocumentDiagnosticReportKind.Full, uri, version, resultId, items: diagnostics };
  }

  private async walk(path: string, settings: ServerSettings, inner: string[], pacer: Pacer): Promise<{ result: WalkResult; fresh: boolean }> {
    const patternsKey = JSON.stringify(settings.patterns);
    const cached = this.walks.get(path);
    if (cached && !this.stale && cached.patternsKey === patternsKey && Date.now() - cached.at < WALK_MAX_AGE_MS) return { result: cached.result, fresh: false };
    if (this.stale) {
      this.walks.clear();
      this.stale = false;
    }
    const at = Date.now();
    const result = await walkFolder(path, {
      want: (p) => fileKind(p, undefined, settings.patterns) !== undefined,
      skipDir: (p) => inner.includes(p),
      limits: this.deps.limits,
      pacer,
    });
    if (result.truncated) this.deps.log.once(`wsdiag-cap:${path}:${result.truncated}`, `${path}: the search for dragent.yaml and Marathon app files ${result.truncated}; files beyond are checked when opened`);
    this.walks.set(path, { at, patternsKey, result });
    if (this.files.size > 20_000) this.files.clear();
    return { result, fresh: true };
  }

  /** Reads and checks one file; one that cannot be read, is too large or binary is not ours until its stat changes. */
  private readAndCheck(
    path: string,
    statKey: string,
    uri: string,
    root: string,
    settings: ServerSettings,
    settingsKey: string,
    ws: WorkspaceFile,
    before: FileEntry | undefined,
    stats: { read: number; checked: number },
  ): FileEntry {
    const skip = (): FileEntry => {
      const entry: FileEntry = { statKey, settingsKey, configStamp: ws.stamp, kind: undefined, resultId: '', items: [] };
      this.files.set(path, entry);
      return entry;
    };
    let text: string;
    try {
      text = readFileSafely(path, { root });
      stats.read++;
    } catch (e) {
      if (!(e instanceof FileReadError)) throw e;
      this.deps.log.debug(`workspace diagnostics: ${path} skipped: ${e.detail}`);
      return skip();
    }
    // binary: no dragent.yaml or Marathon app holds NUL
    if (text.includes('\0')) return skip();
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    const kind = fileKind(path, text, settings.patterns);
    const resultId = `w${createHash('sha1').update(`${settingsKey}\0${ws.stamp}\0${ws.filePath}\0${kind ?? ''}\0`).update(text).digest('base64url').slice(0, 22)}`;
    let items: Diagnostic[];
    let parsed = false;
    if (before && before.resultId === resultId) {
      // touched, not changed (its model, if any, is still in the workspace model)
      items = before.items;
      parsed = !!before.parsed;
    } else if (!kind) {
      items = [];
      this.deps.model.dropDisk(path);
    } else {
      stats.checked++;
      const c = checkText({ getService: this.deps.getService, log: this.deps.log }, { uri, version: null, text, kind }, settings, ws);
      items = c.items;
      this.deps.model.setDisk(path, dirname(path), uri, c.parsed, c.context);
      parsed = !!c.parsed;
    }
    const entry: FileEntry = { statKey, settingsKey, configStamp: ws.stamp, kind, resultId, items, parsed };
    this.files.set(path, entry);
    return entry;
  }
}

function restat(path: string): WalkedFile | undefined {
  try {
    const st = statSync(path);
    return st.isFile() ? { path, statKey: statKey(st) } : undefined;
  } catch {
    return undefined;
  }
}

/** files by their path (URIs of one file differ in their escapes: VS Code's, Node's); other schemes by URI */
export function keyOf(uri: string): string {
  return uri.startsWith('file:') ? trimSlashes(uriPath(uri), 1) : uri;
}

/** without its trailing slashes, never shorter than `min` (a loop: a regex like /\/+$/ is quadratic on a run of slashes) */
function trimSlashes(s: string, min: number): string {
  let end = s.length;
  while (end > min && s.charCodeAt(end - 1) === 47 /* / */) end--;
  return s.slice(0, end);
}
