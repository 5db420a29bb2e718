import type { Diagnostic, DiagnosticRelatedInformation } from 'vscode-languageserver/node';
// types only: the service is loaded on first use (language-server.ts), never at start-up
import type { Finding, LanguageService, ParsedDocument, WorkspaceFileInput } from '../service/index';
import { toDiagnostics, toRange } from './diagnostics';
import { plainText } from '../service/text/plain-text';

/** A file's layer in the model: its text on disk (workspace pull) or the open document's (document pull). */
interface Layer {
  uri: string;
  doc: ParsedDocument;
  context: WorkspaceFileInput['context'];
  /** workspaceFacts as one string: a layer whose facts did not change leaves the cross-file findings as they are */
  factsKey: string;
}

interface Entry {
  /** the file's directory ("the same folder") */
  folder: string;
  disk?: Layer;
  open?: Layer;
}

interface Cross {
  items: Diagnostic[];
  /** the findings behind `items`, with offsets into `doc` (hover and code actions of an open document) */
  findings: Finding[];
  doc: ParsedDocument | undefined;
  /** bumped each time this file's cross-file diagnostics change: part of its resultIds */
  seq: number;
  json: string;
}

/**
 * The workspace as the cross-file rules see it (issue 12 §2): per file (by path), the model of its text on disk
 * and, while it is open, of the editor's text, which wins. Kept across pulls and updated one file at a time;
 * the cross-file findings of every file are computed again only when some file's facts changed (a keystroke
 * that edits anything but `mesos_state_uri`, `customerid`, `collector`, the agent app's id and env leaves
 * them as they are) — and then once, over the facts (memoised per model), not the texts.
 */
export class WorkspaceModel {
  private readonly entries = new Map<string, Entry>();
  private readonly cross = new Map<string, Cross>();
  private dirty = false;
  private seq = 0;
  /** recomputations so far (tests, bench) */
  computations = 0;

  constructor(
    private readonly service: () => LanguageService,
    /** files whose cross-file diagnostics changed, except the one being answered (its answer carries them) */
    private readonly onChanged: (keys: string[]) => void,
  ) {}

  setDisk(key: string, folder: string, uri: string, doc: ParsedDocument | undefined, context: WorkspaceFileInput['context']): void {
    this.set(key, folder, 'disk', doc ? { uri, doc, context, factsKey: this.factsKey(doc) } : undefined);
  }

  setOpen(key: string, folder: string, uri: string, doc: ParsedDocument | undefined, context: WorkspaceFileInput['context']): void {
    this.set(key, folder, 'open', doc ? { uri, doc, context, factsKey: this.factsKey(doc) } : undefined);
  }

  dropDisk(key: string): void {
    this.set(key, '', 'disk', undefined);
  }

  dropOpen(key: string): void {
    this.set(key, '', 'open', undefined);
  }

  /** takes out the disk layers of files a workspace pull no longer found (deleted, no longer ours, setting off) */
  retainDisk(keep: (key: string) => boolean): void {
    for (const key of [...this.entries.keys()]) if (!keep(key)) this.dropDisk(key);
  }

  /** the file's cross-file diagnostics and a stamp that changes with them (recomputed first if needed) */
  crossFor(key: string): { items: Diagnostic[]; stamp: string } {
    this.flush(key);
    const c = this.cross.get(key);
    return c ? { items: c.items, stamp: `x${c.seq}` } : { items: [], stamp: 'x0' };
  }

  /** Recomputes when a file's facts changed; tells about the files (but `except`) whose diagnostics changed. */
  flush(except?: string): void {
    if (!this.dirty) return;
    this.dirty = false;
    this.computations++;
    const files: WorkspaceFileInput[] = [];
    const layerOf = new Map<string, Layer>();
    for (const [key, e] of this.entries) {
      const l = e.open ?? e.disk;
      if (!l) continue;
      layerOf.set(l.uri, l);
      files.push({ id: l.uri, folder: e.folder, name: baseName(key), doc: l.doc, context: l.context });
    }
    const found = this.service().checkWorkspace(files);
    const changed: string[] = [];
    const seen = new Set<string>();
    for (const [key, e] of this.entries) {
      const l = e.open ?? e.disk;
      const findings = l ? found.get(l.uri) : undefined;
      const items = l && findings ? withRelated(toDiagnostics(l.doc.lines, findings, 0), findings, layerOf) : [];
      const json = JSON.stringify(items);
      const before = this.cross.get(key);
      seen.add(key);
      if (!items.length && !before) continue;
      if (before && before.json === json) {
        // the same diagnostics; the findings' offsets are those of the newest model
        before.findings = findings ?? [];
        before.doc = l?.doc;
        continue;
      }
      this.cross.set(key, { items, findings: findings ?? [], doc: l?.doc, json, seq: ++this.seq });
      if (key !== except) changed.push(key);
    }
    for (const key of [...this.cross.keys()]) {
      if (seen.has(key)) continue;
      this.cross.delete(key);
      if (key !== except) changed.push(key);
    }
    if (changed.length) this.onChanged(changed);
  }

  /** the file's cross-file findings when they were computed on `doc` (else none: their offsets would be another text's) */
  crossFindings(key: string, doc: ParsedDocument): Finding[] {
    this.flush(key);
    const c = this.cross.get(key);
    return c && c.doc === doc ? c.findings : [];
  }

  get size(): number {
    return this.entries.size;
  }

  private set(key: string, folder: string, which: 'disk' | 'open', layer: Layer | undefined): void {
    let e = this.entries.get(key);
    if (!e) {
      if (!layer) return;
      e = { folder };
      this.entries.set(key, e);
    }
    const shownBefore = e.open ?? e.disk;
    e[which] = layer;
    const shown = e.open ?? e.disk;
    if (!e.open && !e.disk) this.entries.delete(key);
    // a new model with the same facts (and settings) needs no recomputation, unless the file has cross-file
    // diagnostics whose line/character positions an edit elsewhere on the lines may have moved
    if (shownBefore?.factsKey !== shown?.factsKey || (shown && shownBefore && !sameSettings(shownBefore, shown))) this.dirty = true;
    else if (shown && shownBefore && shown.doc !== shownBefore.doc && this.cross.get(key)?.items.length) this.dirty = true;
  }

  private factsKey(doc: ParsedDocument): string {
    // the facts hold their offsets: an edit before a compared value changes the key, and the related ranges move
    return this.service().workspaceFactsKey(doc);
  }
}

function sameSettings(a: Layer, b: Layer): boolean {
  return a.context?.settings === b.context?.settings && a.context?.config === b.context?.config && a.context?.filePath === b.context?.filePath;
}

/** each cross-file diagnostic with its related information: the other file's URI and range */
function withRelated(items: Diagnostic[], findings: readonly { related?: { id: string; start: number; end: number; message: string }[] }[], layers: Map<string, Layer>): Diagnostic[] {
  return items.map((d, i) => {
    const rel = findings[i]?.related;
    if (!rel?.length) return d;
    const relatedInformation: DiagnosticRelatedInformation[] = [];
    for (const r of rel) {
      const l = layers.get(r.id);
      if (l) relatedInformation.push({ location: { uri: r.id, range: toRange(l.doc.lines, r.start, r.end) }, message: plainText(r.message) });
    }
    return relatedInformation.length ? { ...d, relatedInformation } : d;
  });
}

function baseName(path: string): string {
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return path.slice(cut + 1);
}
