import type { DocKind, Span } from '../types';
import type { LineIndex } from '../text/line-index';

/**
 * One document model for YAML and JSON: values with exact source ranges.
 * Rules read only this model (plus the raw text), never the parser's own trees.
 */
export type MNode = MObject | MArray | MScalar | MAlias;

export interface MObject {
  type: 'object';
  range: Span;
  props: MProp[];
  /** YAML flow mapping `{...}` or any JSON object */
  flow: boolean;
}

export interface MProp {
  key: string;
  keyRange: Span;
  /** null when the key has no value at all (YAML `key:` or JSON `"key":` cut short) */
  value: MNode | null;
  /** from the key's start to the value's end (or the key's end) */
  range: Span;
}

export interface MArray {
  type: 'array';
  range: Span;
  items: MNode[];
  flow: boolean;
}

export type ScalarStyle = 'plain' | 'single' | 'double' | 'block' | 'json';

export interface MScalar {
  type: 'scalar';
  range: Span;
  /**
   * The value as YAML 1.2 core schema / JSON read it. YAML plain `null`, `~` and empty are null.
   * Rules that follow yaml-cpp (the agent's parser) use `text` and `style` instead.
   */
  value: string | number | boolean | null;
  /** the scalar's string content (after unescaping quotes); for JSON numbers/booleans their source */
  text: string;
  style: ScalarStyle;
  /** explicit YAML tag such as `!!str`, if any */
  tag?: string;
}

/** A YAML alias `*name`; `target` is the anchored node (never followed by generic walkers). */
export interface MAlias {
  type: 'alias';
  range: Span;
  name: string;
  target: MNode | null;
}

export interface SyntaxProblem extends Span {
  message: string;
}

/** A typographic character the tolerant JSON reader replaced by its ASCII form to keep parsing. */
export interface Repair {
  offset: number;
  original: string;
  replacement: string;
}

export interface ParsedDocument {
  kind: DocKind;
  text: string;
  lines: LineIndex;
  root: MNode | null;
  syntaxErrors: SyntaxProblem[];
  /** comment ranges (YAML only), including the leading `#` */
  comments: Span[];
  /** JSON only: characters replaced to recover from typographic quotes */
  repairs: Repair[];
  /** YAML only: documents after the first (`---`), which the agent never reads */
  extraDocuments: Span[];
}

/** Follows aliases (bounded) to the value they stand for. */
export function resolve(node: MNode | null | undefined): Exclude<MNode, MAlias> | null {
  let n = node ?? null;
  for (let i = 0; n && n.type === 'alias' && i < 32; i++) n = n.target;
  return n && n.type !== 'alias' ? n : null;
}

export function getProp(obj: MNode | null | undefined, key: string): MProp | undefined {
  const o = resolve(obj);
  if (!o || o.type !== 'object') return undefined;
  return o.props.find((p) => p.key === key);
}

export function getProps(obj: MNode | null | undefined, key: string): MProp[] {
  const o = resolve(obj);
  if (!o || o.type !== 'object') return [];
  return o.props.filter((p) => p.key === key);
}

/** Walks a path of keys and array indices; first matching key wins, as the agent and Jackson-less readers do. */
export function getAt(root: MNode | null, path: readonly (string | number)[]): MNode | null {
  let n: MNode | null = root;
  for (const seg of path) {
    const r = resolve(n);
    if (!r) return null;
    if (typeof seg === 'number') {
      if (r.type !== 'array') return null;
      n = r.items[seg] ?? null;
    } else {
      const p = getProp(r, seg);
      if (!p) return null;
      n = p.value;
    }
  }
  return n;
}

export function scalarString(node: MNode | null | undefined): string | undefined {
  const r = resolve(node);
  return r && r.type === 'scalar' && r.value !== null ? r.text : undefined;
}

/** Depth-first visit of every node, not following aliases. */
export function walk(
  node: MNode | null,
  visit: (node: MNode, path: (string | number)[], prop?: MProp) => void,
  path: (string | number)[] = [],
  prop?: MProp,
): void {
  if (!node) return;
  visit(node, path, prop);
  if (node.type === 'object') {
    for (const p of node.props) walk(p.value, visit, [...path, p.key], p);
  } else if (node.type === 'array') {
    node.items.forEach((item, i) => walk(item, visit, [...path, i]));
  }
}

