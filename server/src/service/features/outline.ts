import type { MNode, ParsedDocument } from '../documents/model';
import type { Span } from '../types';
import { valueKind } from './locate';

/**
 * Document symbols, folding ranges and selection ranges, all read from the model (one walk each).
 * Offsets in, offsets and 0-based lines out; the LSP layer converts.
 */
export interface SymbolEntry {
  name: string;
  /** what the value is: `mapping (3 keys)`, `list (2 items)`, `string`, … */
  detail: string;
  kind: 'object' | 'array' | 'string' | 'number' | 'boolean' | 'null' | 'key';
  /** the whole entry (key and value) */
  range: Span;
  /** the key (or the item) */
  selectionRange: Span;
  children: SymbolEntry[];
}

const MAX_SYMBOL_DEPTH = 64;

function symKind(n: MNode | null): SymbolEntry['kind'] {
  if (!n) return 'null';
  if (n.type === 'object') return 'object';
  if (n.type === 'array') return 'array';
  if (n.type === 'alias') return 'key';
  if (n.value === null) return 'null';
  return typeof n.value === 'number' ? 'number' : typeof n.value === 'boolean' ? 'boolean' : 'string';
}

export function documentSymbols(doc: ParsedDocument): SymbolEntry[] {
  const children = (n: MNode | null, depth: number): SymbolEntry[] => {
    if (!n || depth > MAX_SYMBOL_DEPTH) return [];
    if (n.type === 'object') {
      return n.props.map((p) => ({
        name: p.key === '' ? '""' : p.key,
        detail: valueKind(p.value),
        kind: symKind(p.value),
        range: p.range,
        selectionRange: p.keyRange,
        children: children(p.value, depth + 1),
      }));
    }
    if (n.type === 'array') {
      return n.items.map((it, i) => ({
        name: `[${i}]`,
        detail: valueKind(it),
        kind: symKind(it),
        range: it.range,
        selectionRange: it.range,
        children: children(it, depth + 1),
      }));
    }
    return [];
  };
  return children(doc.root, 0);
}

export interface FoldingEntry {
  startLine: number;
  endLine: number;
  kind?: 'comment';
}

/** Mappings and lists spanning lines (from their key's line), and runs of two or more comment lines. */
export function foldingRanges(doc: ParsedDocument): FoldingEntry[] {
  const out: FoldingEntry[] = [];
  const lineOf = (o: number) => doc.lines.positionAt(o).line;
  const endLineOf = (s: Span) => {
    let e = s.end;
    // block collections in YAML end after their last line break: fold up to the last content line
    while (e > s.start && /[\s]/.test(doc.text[e - 1])) e--;
    return lineOf(e);
  };
  const visit = (n: MNode | null, startOffset: number, depth: number) => {
    if (!n || depth > MAX_SYMBOL_DEPTH || n.type === 'scalar' || n.type === 'alias') return;
    const startLine = lineOf(startOffset);
    const endLine = endLineOf(n.range);
    if (endLine > startLine) out.push({ startLine, endLine: doc.kind === 'marathon-app' ? endLine - 1 : endLine });
    if (n.type === 'object') for (const p of n.props) visit(p.value, p.keyRange.start, depth + 1);
    else for (const it of n.items) visit(it, it.range.start, depth + 1);
  };
  if (doc.root && (doc.root.type === 'object' || doc.root.type === 'array')) {
    if (doc.kind === 'marathon-app') visit(doc.root, doc.root.range.start, 0);
    else if (doc.root.type === 'object') for (const p of doc.root.props) visit(p.value, p.keyRange.start, 1);
    else for (const it of doc.root.items) visit(it, it.range.start, 1);
  }
  // comment blocks: consecutive lines holding only a comment
  let runStart = -1;
  let last = -2;
  const flush = () => {
    if (runStart >= 0 && last > runStart) out.push({ startLine: runStart, endLine: last, kind: 'comment' });
  };
  for (const c of doc.comments) {
    const line = lineOf(c.start);
    if (doc.text.slice(doc.lines.lineStarts[line], c.start).trim() !== '') continue;
    if (line !== last + 1) {
      flush();
      runStart = line;
    }
    last = line;
  }
  flush();
  // one range per start line (the outermost), sorted
  const byStart = new Map<string, FoldingEntry>();
  for (const f of out.filter((f) => f.endLine > f.startLine)) {
    const k = `${f.startLine}:${f.kind ?? ''}`;
    const prev = byStart.get(k);
    if (!prev || prev.endLine < f.endLine) byStart.set(k, f);
  }
  return [...byStart.values()].sort((a, b) => a.startLine - b.startLine || a.endLine - b.endLine);
}

/**
 * Selection ranges for each offset, innermost first: scalar (or key) → entry (key and value) → parent
 * mapping or list → its entry → … → the whole document.
 */
export function selectionRanges(doc: ParsedDocument, offsets: readonly number[]): Span[][] {
  return offsets.map((offset) => {
    const spans: Span[] = [];
    const push = (s: Span) => {
      const last = spans[spans.length - 1];
      if (last && last.start === s.start && last.end === s.end) return;
      if (last && !(s.start <= last.start && last.end <= s.end)) return; // must grow
      spans.push(s);
    };
    const chain: Span[] = [];
    let n: MNode | null = doc.root;
    for (let depth = 0; n && depth < 1000 && n.range.start <= offset && offset <= n.range.end; depth++) {
      chain.push(trimmed(doc, n.range));
      let next: MNode | null = null;
      if (n.type === 'object') {
        for (const p of n.props) {
          if (p.range.start <= offset && offset <= p.range.end) {
            chain.push(trimmed(doc, p.range));
            if (p.keyRange.start <= offset && offset <= p.keyRange.end) chain.push(p.keyRange);
            else next = p.value;
            break;
          }
        }
      } else if (n.type === 'array') {
        next = n.items.find((it) => it.range.start <= offset && offset <= it.range.end) ?? null;
      }
      n = next;
    }
    for (let i = chain.length - 1; i >= 0; i--) push(chain[i]);
    push({ start: 0, end: doc.text.length });
    return spans;
  });
}

/** a range without the trailing line breaks and spaces YAML block nodes carry */
function trimmed(doc: ParsedDocument, s: Span): Span {
  let e = s.end;
  while (e > s.start && /\s/.test(doc.text[e - 1])) e--;
  return { start: s.start, end: e };
}
