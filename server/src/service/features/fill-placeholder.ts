// Filling a placeholder with the value the user types: the editor asks for the value (an input box), the
// service turns it into an edit that keeps the file valid — escaped inside a quoted string, a bare number
// where JSON wants a number, quoted where a YAML plain scalar would change meaning — and nothing else moves.
import { resolve, type MScalar, type ParsedDocument } from '../documents/model';
import type { Finding, Span, TextEdit } from '../types';
import { locate } from './locate';
import { uriSteps, type UriStep } from './fill-uri';

export type PlaceholderValueKind = 'number' | 'access-key' | 'collector' | 'uri' | 'text';

/** What the editor needs to ask for a placeholder's value. */
export interface PlaceholderQuestion extends Span {
  placeholder: string;
  /** the mapping key the placeholder is a value of (`instances`, `customerid`, …), if any */
  key?: string;
  expects: PlaceholderValueKind;
  prompt: string;
  /** a URI: the steps the editor asks it in (host[:port], then user and password; the password hidden) */
  uriSteps?: UriStep[];
}

export function placeholderQuestion(doc: ParsedDocument, f: Finding): PlaceholderQuestion {
  const placeholder = doc.text.slice(f.start, f.end);
  const { chain } = locate(doc, f.start);
  let key = [...chain].reverse().find((s) => s.prop)?.prop?.key;
  if (key === undefined && doc.kind === 'marathon-app') {
    // an unquoted placeholder is a syntax error, not in the model: the key is earlier on its line (looked for in
    // the 1,000 characters before it: on a one-line file, reading back to the line start per finding was quadratic)
    const from = Math.max(0, f.start - 1000);
    const before = doc.text.slice(from, f.start);
    key = /"([^"\\]+)"\s*:\s*$/.exec(before.slice(before.lastIndexOf('\n') + 1))?.[1];
  }
  const up = placeholder.toUpperCase();
  const expects: PlaceholderValueKind =
    key === 'instances' || /INSTANCES/.test(up)
      ? 'number'
      : /ACCESS|KEY/.test(up) || key === 'customerid'
        ? 'access-key'
        : /COLLECTOR/.test(up)
          ? 'collector'
          : placeholder.includes('[') || /_uri/.test(key ?? '')
            ? 'uri'
            : 'text';
  const prompt =
    expects === 'number'
      ? 'How many Mesos agent nodes should run the Sysdig agent? (one per node)'
      : expects === 'access-key'
        ? 'Your Sysdig access key (Settings > Agent Installation in Sysdig Monitor)'
        : expects === 'collector'
          ? 'The collector: host name or IP address of your Sysdig backend'
          : expects === 'uri'
            ? 'The URI, such as http://10.0.0.1:5050 (http only; user:password@ before the host if the API needs it)'
            : `The value for ${key ?? 'this placeholder'}`;
  return { start: f.start, end: f.end, placeholder, key, expects, prompt, ...(expects === 'uri' ? { uriSteps: uriSteps(doc.text, f) } : {}) };
}

/** Checks a typed value before it is put in the file; a message when it cannot be used. */
export function checkPlaceholderValue(expects: PlaceholderValueKind, value: string): string | undefined {
  const v = value.trim();
  if (v === '') return 'Type a value';
  if (CONTROL.test(v)) return 'One line, without control characters';
  if (expects === 'number' && !/^\d+$/.test(v)) return 'A whole number, such as 3';
  if (expects === 'number' && Number(v) < 1) return 'At least 1';
  if (expects === 'access-key' && /\s/.test(v)) return 'An access key has no spaces';
  if (expects === 'uri' && !/^https?:\/\/[^\s[\]]+$/i.test(v)) return 'A URI such as http://10.0.0.1:5050, without brackets';
  if (expects === 'collector' && /\s|\//.test(v)) return 'A host name or IP address, without scheme or path';
  return undefined;
}

/** The edit that puts `value` in place of the placeholder at `span`; undefined when the span holds none. */
export function fillPlaceholderEdits(doc: ParsedDocument, span: Span, value: string): TextEdit[] | undefined {
  if (span.start < 0 || span.end > doc.text.length || span.start >= span.end) return undefined;
  const v = value.trim();
  // a URI template after its scheme (`http://[user:password@][host]`) and a whole URI typed: the typed
  // scheme replaces the file's
  const scheme = /[A-Za-z][A-Za-z0-9+.-]*:\/\/$/.exec(doc.text.slice(Math.max(0, span.start - 20), span.start));
  if (scheme && /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(v)) span = { start: span.start - scheme[0].length, end: span.end };
  const { chain } = locate(doc, span.start);
  const node = resolve(chain[chain.length - 1]?.node ?? null);
  const scalar = node && node.type === 'scalar' && node.range.start <= span.start && span.end <= node.range.end ? node : undefined;
  if (doc.kind === 'marathon-app') {
    // inside a JSON string: escape; a bare word (the guide's unquoted instances): a number stays a number
    if (scalar && scalar.style === 'json' && doc.text[scalar.range.start] === '"') return [{ ...span, newText: JSON.stringify(v).slice(1, -1) }];
    // not in the model (a syntax error nearby, as in the guide's file): inside a string if the line so far
    // has opened one (an odd number of unescaped quotes)
    const lineStart = doc.text.lastIndexOf('\n', span.start - 1) + 1;
    const quotes = (doc.text.slice(lineStart, span.start).match(/(?<!\\)"/g) ?? []).length;
    if (quotes % 2 === 1) return [{ ...span, newText: JSON.stringify(v).slice(1, -1) }];
    // a bare word: the whole word goes (the parser may have split `831g28-…` into the number 831 and the rest)
    span = bareWord(doc.text, span);
    // a JSON number as JSON writes it (`01` is not one: it would break the file)
    return [{ ...span, newText: /^-?(?:0|[1-9]\d*)(?:\.\d+)?$/.test(v) || v === 'true' || v === 'false' ? v : JSON.stringify(v) }];
  }
  // inside `[…]` or `{…}` a plain scalar also ends at `,`, `[`, `]`, `{` and `}` (issue 10 §8: `env:prod]` typed
  // into `tags: [role:agent, YOUR-TAG-HERE]` closed the list early)
  const inFlow = chain.some((st) => (st.node.type === 'object' || st.node.type === 'array') && st.node.flow);
  if (!scalar) return [{ ...span, newText: yamlPlainSafe(v, inFlow) ? v : JSON.stringify(v) }];
  return yamlEdits(doc, scalar, span, v, inFlow);
}

/** `span` widened to the bare JSON word around it: what is not space, quote or JSON punctuation */
function bareWord(text: string, span: Span): Span {
  const inWord = (c: string | undefined) => c !== undefined && !/[\s,:{}[\]"]/.test(c);
  let { start, end } = span;
  while (start > 0 && inWord(text[start - 1])) start--;
  while (end < text.length && inWord(text[end])) end++;
  return { start, end };
}

/** line breaks and other control characters (tab aside): a value with one needs escapes, which only `"…"` has */
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f\u0085\u2028\u2029]/;

function yamlEdits(doc: ParsedDocument, scalar: MScalar, span: Span, v: string, inFlow: boolean): TextEdit[] | undefined {
  if (scalar.style === 'double') return [{ ...span, newText: JSON.stringify(v).slice(1, -1) }];
  const before = doc.text.slice(scalar.range.start, span.start);
  const after = doc.text.slice(span.end, scalar.range.end);
  if (scalar.style === 'single') {
    if (!CONTROL.test(v)) return [{ ...span, newText: v.replace(/'/g, "''") }];
    // only a double-quoted scalar can hold it: requote the whole (one-line) scalar
    if (/[\r\n]/.test(before + after)) return undefined;
    const inner = (t: string) => t.replace(/''/g, "'");
    return [{ start: scalar.range.start, end: scalar.range.end, newText: JSON.stringify(inner(before.slice(1)) + v + inner(after.slice(0, -1))) }];
  }
  // a block scalar keeps its lines as written: a value with line breaks would change its indentation or folding
  if (scalar.style === 'block') return CONTROL.test(v) ? undefined : [{ ...span, newText: v }];
  // plain: the scalar after the edit must still be one plain scalar with the same meaning; else quote it whole
  const whole = before + v + after;
  if (yamlPlainSafe(whole, inFlow) && (before !== '' || after !== '' || !looksTyped(v))) return [{ ...span, newText: v }];
  return [{ start: scalar.range.start, end: scalar.range.end, newText: JSON.stringify(foldPlain(before) + v + foldPlain(after)) }];
}

/**
 * What a piece of a multi-line plain scalar reads as: a line break with the blanks around it is one space, n
 * breaks in a row are n − 1 newlines (YAML line folding). A loop, not a regex of nested repeats.
 */
function foldPlain(src: string): string {
  if (!/[\r\n]/.test(src)) return src;
  const blank = (c: string) => c === ' ' || c === '\t' || c === '\r' || c === '\n';
  let out = '';
  let i = 0;
  while (i < src.length) {
    if (!blank(src[i])) {
      out += src[i++];
      continue;
    }
    let j = i;
    let breaks = 0;
    for (; j < src.length && blank(src[j]); j++) if (src[j] === '\n' || (src[j] === '\r' && src[j + 1] !== '\n')) breaks++;
    out += breaks === 0 ? src.slice(i, j) : breaks === 1 ? ' ' : '\n'.repeat(breaks - 1);
    i = j;
  }
  return out;
}

/**
 * A YAML plain scalar that reads back as the same string (no indicator at the start, no `: ` or ` #`, no tab or
 * control character); inside a flow collection also none of `,[]{}`.
 */
function yamlPlainSafe(s: string, inFlow = false): boolean {
  if (s === '' || s !== s.trim()) return false;
  if (/^[-?:,[\]{}#&*!|>'"%@`]/.test(s) && !/^-[^\s]/.test(s)) return false;
  if (/:\s|\s#|\t|:$/.test(s) || CONTROL.test(s)) return false;
  if (inFlow && /[,[\]{}]/.test(s)) return false;
  return true;
}

/** a value yaml-cpp would read as a bool or null where the user meant a string (an access key `yes`, say) */
function looksTyped(s: string): boolean {
  return /^(y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~)$/.test(s);
}
