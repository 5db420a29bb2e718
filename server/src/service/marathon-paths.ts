import { parseJson } from './documents/json-document';
import { resolve, type MNode, type MProp, type ParsedDocument } from './documents/model';
import type { Position, Span } from './types';

/**
 * Marathon's 400/422 `details` name the offending field by a path. Two notations exist
 * (mesos-marathon-api.md §1.2):
 *   - 1.0+ `path`: `/container/docker/network`, `/constraints(0)`, `/portDefinitions(0)/port`, `/` (the app);
 *     array indices in parentheses, never brackets;
 *   - 0.15 `attribute`: `id`, `value`, `container.docker.network`, `apps[43].value`, `self` (buggy names that
 *     do not always exist in the app: they fall back to the app itself).
 * This maps one to the JSON node of sysdig.json it names, so a rejection becomes a diagnostic on that node.
 * Pure: no I/O.
 */

export type MarathonPathSegment = string | number;

/** `/a/b(0)/c` or `a.b[0].c` → `['a', 'b', 0, 'c']`. Unreadable pieces end the path (the parent is used). */
export function parseMarathonPath(path: string): MarathonPathSegment[] {
  const p = path.trim();
  if (p === '' || p === '/' || p === 'self' || p === 'value') return [];
  const parts = p.startsWith('/') ? p.slice(1).split('/') : p.split('.');
  const out: MarathonPathSegment[] = [];
  for (const part of parts) {
    if (part === '') continue;
    // `name(0)(1)` / `name[0][1]`; a bare number is an index too (`/constraints(0)/1` style)
    const m = /^([^()[\]]*)((?:[([]\d+[)\]])*)$/.exec(part);
    if (!m) break;
    if (m[1] !== '') {
      if (/^\d+$/.test(m[1]) && m[2] === '') out.push(Number(m[1]));
      else out.push(m[1]);
    }
    for (const idx of m[2].matchAll(/\d+/g)) out.push(Number(idx[0]));
  }
  return out;
}

export interface MarathonPathRange extends Span {
  /** 0-based, UTF-16, as LSP */
  startPosition: Position;
  endPosition: Position;
  /** the whole path was found; false: `range` is the nearest existing parent */
  exact: boolean;
  /** the part of the path that exists, in Marathon's notation (`/` for the app itself) */
  found: string;
}

/**
 * The range in `text` (or an already parsed sysdig.json) that a Marathon detail path names:
 * a scalar value → the value; an object or array under a key → the key (a whole object would cover
 * many lines); an array item → the item. Missing pieces fall back to the nearest existing parent;
 * no usable root at all → the first non-blank character.
 */
export function marathonPathRange(textOrDoc: string | ParsedDocument, path: string): MarathonPathRange {
  const doc = typeof textOrDoc === 'string' ? parseJson(textOrDoc, 'marathon-app') : textOrDoc;
  const segs = parseMarathonPath(path);
  let node: MNode | null = resolve(doc.root);
  let prop: MProp | undefined;
  let itemOf = false;
  let depth = 0;
  for (const seg of segs) {
    const r = resolve(node);
    if (!r) break;
    if (typeof seg === 'number') {
      if (r.type !== 'array' || !r.items[seg]) break;
      node = r.items[seg];
      prop = undefined;
      itemOf = true;
    } else {
      if (r.type !== 'object') break;
      // Jackson keeps the last of duplicate keys: that is the value Marathon judged.
      const ps = r.props.filter((x) => x.key === seg);
      const p = ps[ps.length - 1];
      if (!p) break;
      prop = p;
      node = p.value;
      itemOf = false;
    }
    depth++;
  }
  const exact = depth === segs.length;
  let span: Span;
  const target = resolve(node);
  if (depth === 0 || (!prop && !itemOf)) {
    span = rootSpan(doc);
  } else if (prop && (!target || target.type !== 'scalar')) {
    span = prop.keyRange; // `"key":` with an object/array/missing value
  } else if (target) {
    span = target.range;
  } else {
    span = rootSpan(doc);
  }
  return {
    start: span.start,
    end: span.end,
    startPosition: doc.lines.positionAt(span.start),
    endPosition: doc.lines.positionAt(span.end),
    exact,
    found: formatPath(segs.slice(0, depth)),
  };
}

function rootSpan(doc: ParsedDocument): Span {
  const r = resolve(doc.root);
  // the app object's opening brace: one character, not the whole file
  if (r) return { start: r.range.start, end: r.range.start + 1 };
  const m = /\S/.exec(doc.text);
  const at = m ? m.index : 0;
  return { start: at, end: Math.min(doc.text.length, at + 1) };
}

/** Segments in Marathon's 1.0+ notation. */
export function formatPath(segs: readonly MarathonPathSegment[]): string {
  if (segs.length === 0) return '/';
  return segs.map((s) => (typeof s === 'number' ? `(${s})` : `/${s}`)).join('');
}
