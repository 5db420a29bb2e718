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
      for (const p of node.props) {
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
      node.items.forEach((it, i) => {
        if (!next && contains(it.range, offset)) next = { node: it, seg: i };
      });
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
