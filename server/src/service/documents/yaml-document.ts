import { Parser, Composer, isAlias, isMap, isPair, isScalar, isSeq, type Node as YNode, type Document as YDocument, Scalar } from 'yaml';
import type { DocKind } from '../types';
import { LineIndex } from '../text/line-index';
import { parseYamlChunked } from './yaml-chunks';
import { flowDepthExceeds, indentExceeds, MAX_INDENT, MAX_NESTING } from './nesting';
import type { MNode, MProp, ParsedDocument, ScalarStyle, SyntaxProblem } from './model';

/** Above this many alias uses the document is treated as an alias bomb and aliases stay unresolved. */
const MAX_ALIASES = 10_000;

/**
 * YAML text → model. Only the first document is used: the agent (yaml-cpp LoadFile) reads only that one.
 * Duplicate keys are kept (the agent reads the first; a rule reports the rest).
 */
export function parseYaml(text: string, kind: DocKind = 'dragent', options: { chunked?: boolean } = {}): ParsedDocument {
  if (flowDepthExceeds(text, MAX_NESTING, true) || indentExceeds(text, MAX_INDENT)) return tooDeep(text, kind);
  if (options.chunked !== false) {
    const chunked = parseYamlChunked(text, kind, (t, k) => parseYaml(t, k, { chunked: false }));
    if (chunked) return chunked;
  }
  try {
    return parseYamlUnguarded(text, kind);
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    // The yaml package recurses per nesting level; thousands of `[` exhaust the stack. yaml-cpp
    // would not fare better, so say what we could not do instead of failing.
    return tooDeep(text, kind);
  }
}

function tooDeep(text: string, kind: DocKind): ParsedDocument {
  const lines = new LineIndex(text);
  const at = Math.max(0, text.search(/[[{]/));
  return {
    kind,
    text,
    lines,
    root: null,
    syntaxErrors: [{ start: at, end: Math.min(text.length, at + 1), message: `The file is nested more than ${MAX_NESTING} levels deep and is not read further` }],
    comments: [],
    repairs: [],
    extraDocuments: [],
  };
}

function parseYamlUnguarded(text: string, kind: DocKind): ParsedDocument {
  const lines = new LineIndex(text);
  const syntaxErrors: SyntaxProblem[] = [];
  const tokens = Array.from(new Parser().parse(text));
  const comments = findComments(tokens);
  const composer = new Composer({ uniqueKeys: false, keepSourceTokens: false, strict: true, prettyErrors: false });
  const docs: YDocument.Parsed[] = [];
  for (const d of composer.compose(tokens, true, text.length)) docs.push(d);
  const first: YDocument.Parsed | undefined = docs[0];
  for (const d of docs.slice(0, 1)) {
    for (const e of d.errors) {
      let [s, en] = e.pos;
      s = Math.min(s, text.length);
      en = Math.min(en, text.length);
      if (en <= s) {
        // Give empty ranges one character, on the line the problem is on (not the start of the next one).
        while (s > 0 && (s >= text.length || text[s] === '\n' || text[s] === '\r') && (text[s - 1] === '\n' || text[s - 1] === '\r' || s >= text.length)) s--;
        if (s > 0 && (text[s] === '\n' || text[s] === '\r' || s >= text.length)) s--;
        en = Math.min(text.length, s + 1);
      }
      syntaxErrors.push({ start: s, end: en, message: cleanMessage(e.message) });
    }
  }
  // The agent's loader reads one document; later ones are never seen (reported by a rule, not as syntax).
  const extraDocuments = docs.slice(1).map((d) => {
    const start = d.range?.[0] ?? text.length;
    return { start, end: Math.min(text.length, Math.max(start, d.range?.[1] ?? start)) };
  });
  const conv = new Converter(first);
  const root = first && first.contents ? conv.node(first.contents as YNode) : null;
  return { kind, text, lines, root, syntaxErrors, comments, repairs: [], extraDocuments };
}

function cleanMessage(m: string): string {
  if (/Maximum call stack size exceeded/.test(m)) return 'The file is nested too deeply to be read';
  // yaml puts " at line x, column y:\n<excerpt>" into some messages; positions are ours to give.
  const i = m.indexOf(' at line ');
  return (i > 0 ? m.slice(0, i) : m).trim();
}

/** Deeper values are not converted (rules never need them; recursion stays far from the stack limit). */
const MAX_DEPTH = 500;

class Converter {
  private readonly seen = new Map<YNode, MNode>();
  private aliasCount = 0;
  private depth = 0;
  private anchors: Map<string, { start: number; node: YNode }[]> | undefined;
  constructor(private readonly doc: YDocument.Parsed | undefined) {}

  node(n: YNode): MNode {
    const done = this.seen.get(n);
    if (done) return done;
    if (this.depth >= MAX_DEPTH) {
      const r = n.range ?? [0, 0, 0];
      return { type: 'scalar', range: { start: r[0], end: r[1] }, value: null, text: '', style: 'plain' };
    }
    this.depth++;
    try {
      return this.convert(n);
    } finally {
      this.depth--;
    }
  }

  /**
   * The node an alias refers to: the closest anchor of that name before it (YAML allows redefining
   * an anchor). One pass over the document builds the index; `Alias.resolve` would walk it per alias.
   */
  private target(name: string, at: number): YNode | undefined {
    if (!this.anchors) {
      this.anchors = new Map();
      const visit = (x: unknown, depth: number): void => {
        if (!x || typeof x !== 'object' || depth > MAX_DEPTH) return;
        const node = x as YNode & { anchor?: string; items?: unknown[] };
        if ((isMap(node) || isSeq(node) || isScalar(node)) && node.anchor) {
          const list = this.anchors!.get(node.anchor) ?? [];
          list.push({ start: node.range?.[0] ?? 0, node });
          this.anchors!.set(node.anchor, list);
        }
        if (isMap(node) || isSeq(node)) {
          for (const it of node.items as unknown[]) {
            if (isPair(it)) {
              visit(it.key, depth + 1);
              visit(it.value, depth + 1);
            } else visit(it, depth + 1);
          }
        }
      };
      visit(this.doc?.contents, 0);
    }
    const list = this.anchors.get(name);
    if (!list) return undefined;
    let best: YNode | undefined;
    for (const a of list) if (a.start < at) best = a.node;
    return best;
  }

  private convert(n: YNode): MNode {
    const r = n.range ?? [0, 0, 0];
    if (isMap(n)) {
      const obj: MNode = { type: 'object', range: { start: r[0], end: r[1] }, props: [], flow: !!n.flow };
      this.seen.set(n, obj);
      for (const pair of n.items) {
        if (!isPair(pair)) continue;
        const k = pair.key as YNode | null;
        const kr = k?.range;
        const keyText = k && isScalar(k) ? String(k.source ?? k.value ?? '') : k ? '' : '';
        const keyStart = kr ? kr[0] : pair.value && (pair.value as YNode).range ? (pair.value as YNode).range![0] : r[0];
        const keyEnd = kr ? kr[1] : keyStart;
        const value = pair.value ? this.node(pair.value as YNode) : null;
        const prop: MProp = {
          key: keyText,
          keyRange: { start: keyStart, end: keyEnd },
          value,
          range: { start: keyStart, end: value ? Math.max(value.range.end, keyEnd) : keyEnd },
        };
        obj.props.push(prop);
      }
      return obj;
    }
    if (isSeq(n)) {
      const arr: MNode = { type: 'array', range: { start: r[0], end: r[1] }, items: [], flow: !!n.flow };
      this.seen.set(n, arr);
      for (const item of n.items) {
        if (isPair(item)) {
          // `- a: 1` inside a flow sequence `[a: 1]` is a single-pair map.
          const map: MNode = {
            type: 'object',
            range: { start: (item.key as YNode)?.range?.[0] ?? r[0], end: (item.value as YNode)?.range?.[1] ?? r[0] },
            props: [],
            flow: true,
          };
          const k = item.key as YNode;
          map.props.push({
            key: k && isScalar(k) ? String(k.source ?? k.value ?? '') : '',
            keyRange: { start: k?.range?.[0] ?? map.range.start, end: k?.range?.[1] ?? map.range.start },
            value: item.value ? this.node(item.value as YNode) : null,
            range: map.range,
          });
          arr.items.push(map);
        } else if (item) {
          arr.items.push(this.node(item as YNode));
        }
      }
      return arr;
    }
    if (isAlias(n)) {
      const alias: MNode = { type: 'alias', range: { start: r[0], end: r[1] }, name: n.source, target: null };
      this.seen.set(n, alias);
      if (++this.aliasCount <= MAX_ALIASES && this.doc) {
        const t = this.target(n.source, r[0]);
        if (t) alias.target = this.node(t);
      }
      return alias;
    }
    if (isScalar(n)) {
      const s = n as Scalar;
      const style = scalarStyle(s.type);
      const source = typeof s.source === 'string' ? s.source : String(s.value ?? '');
      let value = s.value as MNode extends never ? never : string | number | boolean | null;
      if (typeof value === 'bigint') value = Number(value);
      if (value !== null && typeof value === 'object') value = source;
      // A block scalar's range end includes its trailing newline(s); keep the exact content end.
      return {
        type: 'scalar',
        range: { start: r[0], end: r[1] },
        value: value as string | number | boolean | null,
        text: source,
        style,
        tag: s.tag,
      };
    }
    return { type: 'scalar', range: { start: r[0], end: r[1] }, value: null, text: '', style: 'plain' };
  }
}

function scalarStyle(t: string | undefined): ScalarStyle {
  switch (t) {
    case Scalar.QUOTE_DOUBLE:
      return 'double';
    case Scalar.QUOTE_SINGLE:
      return 'single';
    case Scalar.BLOCK_FOLDED:
    case Scalar.BLOCK_LITERAL:
      return 'block';
    default:
      return 'plain';
  }
}

/**
 * Comment ranges from the CST: a `#` at line start or after whitespace, outside quoted scalars.
 * Walks only the token fields that can hold comments (a generic walk over every property of
 * every token cost ~15x more on large files).
 */
function findComments(tokens: unknown[]): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  const list = (arr: unknown): void => {
    if (Array.isArray(arr)) for (const t of arr) tok(t);
  };
  const tok = (t: unknown): void => {
    if (!t || typeof t !== 'object') return;
    const x = t as { type?: string; offset?: number; source?: string; start?: unknown; end?: unknown; sep?: unknown; props?: unknown; items?: unknown[]; value?: unknown; key?: unknown };
    if (x.type === 'comment' && typeof x.offset === 'number' && typeof x.source === 'string') {
      out.push({ start: x.offset, end: x.offset + x.source.length });
      return;
    }
    if (Array.isArray(x.start)) list(x.start);
    else if (x.start && typeof x.start === 'object') tok(x.start);
    list(x.end);
    list(x.props);
    if (x.items) {
      for (const it of x.items as { start?: unknown; key?: unknown; sep?: unknown; value?: unknown }[]) {
        list(it.start);
        tok(it.key);
        list(it.sep);
        tok(it.value);
      }
    }
    if (x.type === 'document') tok(x.value);
  };
  for (const t of tokens) tok(t);
  return out.sort((a, b) => a.start - b.start);
}
