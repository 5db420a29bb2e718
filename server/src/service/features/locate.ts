import { resolve, type MNode, type MProp, type ParsedDocument } from '../documents/model';
import type { Span } from '../types';

/** One step from the root to the node under an offset. */
export interface Step {
  node: MNode;
  /** keys and indices from the root to `node` */
  path: (string | number)[];
  /** the mapping entry holding `node`, if any */
  prop?: MProp;
}

export function contains(s: Span, offset: number): boolean {
  return s.start <= offset && offset <= s.end;
}

interface Bounds {
  lo: number[];
  hi: number[];
  /** both `lo` and `hi` never decrease along the list (source order; odd models may break it) */
  sorted: boolean;
}

/**
 * `near(list, offset)`: the index range [from, to) outside of which no element's `bounds` holds `offset` (the
 * whole list when the bounds are out of order). Looking only there keeps per-offset work logarithmic in a
 * mapping or list of thousands of entries: a scan of every sibling per finding made whole-file code actions
 * quadratic (issue 10 §4). Remembered per list; the lists of a parsed document never change.
 */
export function nearFinder<T>(bounds: (x: T) => Span): (list: readonly T[], offset: number) => [number, number] {
  const memo = new WeakMap<readonly T[], Bounds>();
  return (list, offset) => {
    if (list.length < 8) return [0, list.length];
    let b = memo.get(list);
    if (!b) {
      const lo = list.map((x) => bounds(x).start);
      const hi = list.map((x) => bounds(x).end);
      let sorted = true;
      for (let i = 1; i < list.length && sorted; i++) sorted = lo[i] >= lo[i - 1] && hi[i] >= hi[i - 1];
      b = { lo, hi, sorted };
      memo.set(list, b);
    }
    if (!b.sorted) return [0, list.length];
    let from = 0;
    let to = list.length;
    while (from < to) {
      const mid = (from + to) >> 1;
      if (b.hi[mid] < offset) from = mid + 1;
      else to = mid;
    }
    to = from;
    while (to < list.length && b.lo[to] <= offset) to++;
    return [from, to];
  };
}

/** everything locate reads of a mapping entry: its key, its value and its whole range */
const nearProp = nearFinder<MProp>((p) => ({
  start: Math.min(p.range.start, p.keyRange.start, p.value ? p.value.range.start : p.keyRange.start),
  end: Math.max(p.range.end, p.keyRange.end, p.value ? p.value.range.end : p.keyRange.end),
}));
const nearItem = nearFinder<MNode>((n) => n.range);

/**
 * The chain of nodes (root first) whose range contains `offset`, and the mapping entry whose key is under
 * the offset, if any. Aliases are not followed: an alias is a leaf here.
 */
export function locate(
  doc: ParsedDocument,
  offset: number,
): { chain: Step[]; onKey?: { prop: MProp; path: (string | number)[] }; between?: { prop: MProp; path: (string | number)[] } } {
  const chain: Step[] = [];
  let onKey: { prop: MProp; path: (string | number)[] } | undefined;
  /** the innermost entry whose key–value gap (`key:   value`) holds the offset */
  let between: { prop: MProp; path: (string | number)[] } | undefined;
  let node: MNode | null = doc.root;
  let path: (string | number)[] = [];
  let prop: MProp | undefined;
  for (let depth = 0; node && depth < 1000; depth++) {
    if (!contains(node.range, offset) && !(prop && contains(prop.range, offset))) break;
    chain.push({ node, path, prop });
    let next: { node: MNode | null; seg: string | number; prop?: MProp } | undefined;
    if (node.type === 'object') {
      const [from, to] = nearProp(node.props, offset);
      for (let i = from; i < to; i++) {
        const p = node.props[i];
        if (contains(p.keyRange, offset)) {
          onKey = { prop: p, path: [...path, p.key] };
          next = undefined;
          break;
        }
        if (p.value && contains(p.value.range, offset)) next = { node: p.value, seg: p.key, prop: p };
        else if (!next && !between && contains(p.range, offset)) between = { prop: p, path: [...path, p.key] };
      }
      if (onKey && onKey.path.length === path.length + 1) break;
    } else if (node.type === 'array') {
      const [from, to] = nearItem(node.items, offset);
      for (let i = from; i < to && !next; i++) if (contains(node.items[i].range, offset)) next = { node: node.items[i], seg: i };
    }
    if (!next) break;
    between = undefined;
    node = next.node;
    path = [...path, next.seg];
    prop = next.prop;
  }
  return { chain, onKey, between };
}

/** The innermost mapping entry whose key or value is under the offset (with its path). */
export function propAt(doc: ParsedDocument, offset: number): { prop: MProp; path: (string | number)[] } | undefined {
  const { chain, onKey, between } = locate(doc, offset);
  if (onKey) return onKey;
  if (between) return between;
  for (let i = chain.length - 1; i >= 0; i--) {
    const s = chain[i];
    if (s.prop) return { prop: s.prop, path: s.path };
  }
  return undefined;
}

/** The value a node stands for, for outline details. */
export function valueKind(node: MNode | null): string {
  const r = resolve(node);
  if (!node) return 'empty';
  if (!r) return 'alias';
  if (r.type === 'object') return `mapping (${r.props.length} ${r.props.length === 1 ? 'key' : 'keys'})`;
  if (r.type === 'array') return `list (${r.items.length} ${r.items.length === 1 ? 'item' : 'items'})`;
  if (r.value === null) return 'null';
  return typeof r.value;
}
