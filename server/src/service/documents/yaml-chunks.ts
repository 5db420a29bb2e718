import { LineIndex } from '../text/line-index';
import type { DocKind, Span } from '../types';
import type { MNode, ParsedDocument } from './model';

/**
 * Large dragent.yaml files are a flat top-level block mapping: every line that starts in column 0 with
 * a key begins an entry that YAML lets nothing else reach into (continuations must be indented). Such a
 * file can be parsed entry group by entry group, and a group whose text did not change since the last
 * keystroke is taken from a cache instead of being parsed again — the `yaml` package's parser is the
 * largest cost on a 10,000-line file. The result must equal a whole-file parse, so this path is only
 * taken when that is certain: no anchors/aliases, tags, directives or document markers, every column-0
 * line a plain or quoted key, and every group parsing without error into a mapping. Anything else (and
 * every file with a syntax error) falls back to the whole-file parse. A differential test compares both.
 */

/** Below this size a whole parse is fast enough; chunking would only add risk. */
export const CHUNK_MIN_CHARS = 60_000;
/** Entries per group: small enough that one edit re-parses little, large enough to keep overhead low. */
const GROUP_LINES = 200;
const MAX_CACHE = 4_000;

const cache = new Map<string, ParsedDocument>();

/** Returns the parsed document, or undefined when the whole-file parse must be used. */
export function parseYamlChunked(text: string, kind: DocKind, parseWhole: (t: string, k: DocKind) => ParsedDocument): ParsedDocument | undefined {
  if (text.length < CHUNK_MIN_CHARS) return undefined;
  // Constructs whose meaning crosses entries: anchors/aliases, tags, directives, document markers, tabs.
  if (/(^|[\s[{,])[&*!][^\s,\]}]|^(%|---|\.\.\.)|\t/m.test(text)) return undefined;
  const starts = groupStarts(text);
  if (!starts) return undefined;
  const parts: { base: number; doc: ParsedDocument }[] = [];
  for (let i = 0; i < starts.length; i++) {
    const base = starts[i];
    const piece = text.slice(base, i + 1 < starts.length ? starts[i + 1] : text.length);
    let doc = cache.get(piece);
    if (!doc) {
      doc = parseWhole(piece, kind);
      if (cache.size >= MAX_CACHE) cache.clear();
      cache.set(piece, doc);
    }
    if (doc.syntaxErrors.length || doc.extraDocuments.length) return undefined;
    if (doc.root && doc.root.type !== 'object') return undefined;
    if (doc.root && doc.root.type === 'object' && doc.root.flow) return undefined;
    parts.push({ base, doc });
  }
  const props = [];
  const comments: Span[] = [];
  let first = -1;
  let last = -1;
  for (const { base, doc } of parts) {
    for (const c of doc.comments) comments.push({ start: c.start + base, end: c.end + base });
    if (!doc.root || doc.root.type !== 'object') continue;
    const shifted = shift(doc.root, base) as Extract<MNode, { type: 'object' }>;
    if (first < 0) first = shifted.range.start;
    last = shifted.range.end;
    props.push(...shifted.props);
  }
  const root: MNode | null = first < 0 ? null : { type: 'object', range: { start: first, end: last }, props, flow: false };
  return { kind, text, lines: new LineIndex(text), root, syntaxErrors: [], comments, repairs: [], extraDocuments: [] };
}

/**
 * Offsets where groups of top-level entries begin (the first group also holds leading comments), or
 * undefined when a column-0 line is not clearly the start of a key.
 */
function groupStarts(text: string): number[] | undefined {
  const starts = [0];
  let linesInGroup = 0;
  let pos = 0;
  let seenKey = false;
  while (pos < text.length) {
    const nl = text.indexOf('\n', pos);
    const end = nl < 0 ? text.length : nl + 1;
    const c = text[pos];
    if (c !== ' ' && c !== '\n' && c !== '\r' && c !== '#') {
      // a column-0 line: must be `key:` with a plain or quoted key
      const line = text.slice(pos, end);
      // (not `[^:#]*?[ ]*:`: the lazy run and the blanks overlap, quadratic on a long line of blanks; issue 10 §4)
      if (!/^(?:[A-Za-z0-9_][^:#]*|"[^"\\]*"[ ]*|'[^']*'[ ]*):(?:[ \r\n]|$)/.test(line)) return undefined;
      if (seenKey && linesInGroup >= GROUP_LINES) {
        starts.push(pos);
        linesInGroup = 0;
      }
      seenKey = true;
    }
    linesInGroup++;
    pos = end;
  }
  return starts;
}

function shift(n: MNode, d: number): MNode {
  const range = { start: n.range.start + d, end: n.range.end + d };
  switch (n.type) {
    case 'object':
      return {
        type: 'object',
        range,
        flow: n.flow,
        props: n.props.map((p) => ({
          key: p.key,
          keyRange: { start: p.keyRange.start + d, end: p.keyRange.end + d },
          value: p.value ? shift(p.value, d) : null,
          range: { start: p.range.start + d, end: p.range.end + d },
        })),
      };
    case 'array':
      return { type: 'array', range, flow: n.flow, items: n.items.map((i) => shift(i, d)) };
    case 'scalar':
      return { ...n, range };
    case 'alias':
      return { type: 'alias', range, name: n.name, target: null };
  }
}
