// Filling a placeholder with the value the user types: the editor asks for the value (an input box), the
// service turns it into an edit that keeps the file valid — escaped inside a quoted string, a bare number
// where JSON wants a number, quoted where a YAML plain scalar would change meaning — and nothing else moves.
import { resolve, type MScalar, type ParsedDocument } from '../documents/model';
import type { Finding, Span, TextEdit } from '../types';
import { locate } from './locate';

export type PlaceholderValueKind = 'number' | 'access-key' | 'collector' | 'uri' | 'text';

/** What the editor needs to ask for a placeholder's value. */
export interface PlaceholderQuestion extends Span {
  placeholder: string;
  /** the mapping key the placeholder is a value of (`instances`, `customerid`, …), if any */
  key?: string;
  expects: PlaceholderValueKind;
  prompt: string;
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
  return { start: f.start, end: f.end, placeholder, key, expects, prompt };
}

/** Checks a typed value before it is put in the file; a message when it cannot be used. */
export function checkPlaceholderValue(expects: PlaceholderValueKind, value: string): string | undefined {
  const v = value.trim();
  if (v === '') return 'Type a value';
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
    return [{ ...span, newText: /^-?\d+(\.\d+)?$/.test(v) || v === 'true' || v === 'false' ? v : JSON.stringify(v) }];
  }
  if (!scalar) return [{ ...span, newText: yamlPlainSafe(v) ? v : JSON.stringify(v) }];
  return yamlEdits(doc, scalar, span, v);
}

function yamlEdits(doc: ParsedDocument, scalar: MScalar, span: Span, v: string): TextEdit[] {
  if (scalar.style === 'double') return [{ ...span, newText: JSON.stringify(v).slice(1, -1) }];
  if (scalar.style === 'single') return [{ ...span, newText: v.replace(/'/g, "''") }];
  if (scalar.style === 'block') return [{ ...span, newText: v }];
  // plain: the scalar after the edit must still be one plain scalar with the same meaning; else quote it whole
  const before = doc.text.slice(scalar.range.start, span.start);
  const after = doc.text.slice(span.end, scalar.range.end);
  const whole = before + v + after;
  if (yamlPlainSafe(whole) && (before !== '' || after !== '' || !looksTyped(v))) return [{ ...span, newText: v }];
  return [{ start: scalar.range.start, end: scalar.range.end, newText: JSON.stringify(whole) }];
}

/** A YAML plain scalar that reads back as the same string (no indicator at the start, no `: ` or ` #`). */
function yamlPlainSafe(s: string): boolean {
  if (s === '' || s !== s.trim()) return false;
  if (/^[-?:,[\]{}#&*!|>'"%@`]/.test(s) && !/^-[^\s]/.test(s)) return false;
  if (/:\s|\s#|[\n\r\t]|:$/.test(s)) return false;
  return true;
}

/** a value yaml-cpp would read as a bool or null where the user meant a string (an access key `yes`, say) */
function looksTyped(s: string): boolean {
  return /^(y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~)$/.test(s);
}
