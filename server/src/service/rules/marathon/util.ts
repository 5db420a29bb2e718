import { resolve, type MArray, type MNode, type MObject, type MProp, type MScalar, type ParsedDocument } from '../../documents/model';
import type { Span, TextEdit } from '../../types';

/** Shared helpers of the Marathon rules: typed node access, string sub-ranges, and minimal JSON insertions. */

export function rootObject(doc: ParsedDocument): MObject | null {
  const r = resolve(doc.root);
  return r && r.type === 'object' ? r : null;
}

export function asObject(n: MNode | null | undefined): MObject | null {
  const r = resolve(n);
  return r && r.type === 'object' ? r : null;
}

export function asArray(n: MNode | null | undefined): MArray | null {
  const r = resolve(n);
  return r && r.type === 'array' ? r : null;
}

export function asScalar(n: MNode | null | undefined): MScalar | null {
  const r = resolve(n);
  return r && r.type === 'scalar' ? r : null;
}

/** A JSON string value (not a number, boolean or null). */
export function asString(n: MNode | null | undefined): MScalar | null {
  const s = asScalar(n);
  return s && typeof s.value === 'string' ? s : null;
}

export function stringValue(n: MNode | null | undefined): string | undefined {
  const s = asString(n);
  return s ? (s.value as string) : undefined;
}

/** The prop's value when present and not JSON null. */
export function present(p: MProp | undefined): boolean {
  if (!p || !p.value) return false;
  const s = asScalar(p.value);
  return !(s && s.value === null);
}

/** Marathon's way of writing a JSON path in error bodies: `/healthChecks(0)/portIndex`. */
export function marathonPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const seg of path) out += typeof seg === 'number' ? `(${seg})` : `/${seg}`;
  return out || '/';
}

/**
 * Offset of the first content character of a JSON string literal, when the source between the quotes is
 * exactly the value (no escapes); undefined otherwise, and callers then work on the whole literal.
 */
export function contentStart(doc: ParsedDocument, s: MScalar): number | undefined {
  if (typeof s.value !== 'string') return undefined;
  const raw = doc.text.slice(s.range.start, s.range.end);
  return raw.length >= 2 && raw.slice(1, -1) === s.value ? s.range.start + 1 : undefined;
}

/** A sub-range of a string's content as document offsets; the whole literal when it cannot be mapped. */
export function contentRange(doc: ParsedDocument, s: MScalar, start: number, end: number): Span {
  const base = contentStart(doc, s);
  return base === undefined ? { ...s.range } : { start: base + start, end: base + end };
}

/** Replaces part of a string's content, minimally when possible, else rewrites the whole literal. */
export function replaceInString(doc: ParsedDocument, s: MScalar, start: number, end: number, newText: string): TextEdit {
  const base = contentStart(doc, s);
  if (base !== undefined) return { start: base + start, end: base + end, newText };
  const v = s.value as string;
  return { start: s.range.start, end: s.range.end, newText: JSON.stringify(v.slice(0, start) + newText + v.slice(end)) };
}

/** Replaces the whole string content, editing only the characters that change. */
export function rewriteString(doc: ParsedDocument, s: MScalar, next: string): TextEdit[] {
  const prev = s.value as string;
  const base = contentStart(doc, s);
  if (base === undefined || prev.length !== next.length) {
    if (base === undefined) return [{ start: s.range.start, end: s.range.end, newText: JSON.stringify(next) }];
    return [{ start: base, end: base + prev.length, newText: next }];
  }
  const edits: TextEdit[] = [];
  let i = 0;
  while (i < prev.length) {
    if (prev[i] === next[i]) {
      i++;
      continue;
    }
    let j = i;
    while (j < prev.length && prev[j] !== next[j]) j++;
    edits.push({ start: base + i, end: base + j, newText: next.slice(i, j) });
    i = j;
  }
  return edits;
}

// ---------------------------------------------------------------------------------------------
// Minimal insertions that follow the document's own layout (inline or one member per line).

export function eolOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

function lineStart(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
  return i;
}

/** Leading whitespace of the line that holds `offset`. */
export function lineIndent(text: string, offset: number): string {
  const ls = lineStart(text, offset);
  return /^[ \t]*/.exec(text.slice(ls, offset))![0];
}

/** The document's indentation step: the smallest indentation of any line, two spaces when none. */
export function indentUnit(text: string): string {
  let best: string | undefined;
  for (const m of text.matchAll(/(?:^|\n)([ \t]+)\S/g)) {
    const ind = m[1];
    if (ind.includes('\t')) return '\t';
    if (!best || ind.length < best.length) best = ind;
  }
  return best ?? '  ';
}

function hasNewline(text: string, start: number, end: number): boolean {
  return /[\r\n]/.test(text.slice(start, end));
}

/** JSON on one line with a space after `:` and `,`, and inside non-empty braces: `{ "key": "pid", "value": "host" }`. */
export function inlineJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(inlineJson).join(', ')}]`;
  if (v && typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>);
    if (!entries.length) return '{}';
    return `{ ${entries.map(([k, x]) => `${JSON.stringify(k)}: ${inlineJson(x)}`).join(', ')} }`;
  }
  return JSON.stringify(v);
}

/**
 * JSON laid out one member per line starting at indentation `indent`; values at nesting depth ≥ `inlineFrom`
 * are written on one line (0 = everything inline).
 */
export function blockJson(v: unknown, indent: string, unit: string, eol: string, inlineFrom: number, depth = 0): string {
  if (depth >= inlineFrom || v === null || typeof v !== 'object') return inlineJson(v);
  const inner = indent + unit;
  if (Array.isArray(v)) {
    if (!v.length) return '[]';
    return `[${eol}${v.map((x) => inner + blockJson(x, inner, unit, eol, inlineFrom, depth + 1)).join(',' + eol)}${eol}${indent}]`;
  }
  const entries = Object.entries(v as Record<string, unknown>);
  if (!entries.length) return '{}';
  return `{${eol}${entries.map(([k, x]) => `${inner}${JSON.stringify(k)}: ${blockJson(x, inner, unit, eol, inlineFrom, depth + 1)}`).join(',' + eol)}${eol}${indent}}`;
}

/**
 * Edit that adds `"key": value` as the last member of `obj`, in the object's own style: on a new line with the
 * siblings' indentation when members are one per line, else inline after `, `. `inlineFrom` controls how deep the
 * inserted value is laid out on several lines (see blockJson).
 */
export function insertMember(doc: ParsedDocument, obj: MObject, key: string, value: unknown, inlineFrom = 1): TextEdit {
  return insertMembers(doc, obj, [[key, value]], inlineFrom);
}

/**
 * insertMember for several members in one edit (two insertions at the same offset would have no defined order).
 * An empty object gets them on one line when it is on one line, else one per line.
 */
export function insertMembers(doc: ParsedDocument, obj: MObject, entries: readonly (readonly [string, unknown])[], inlineFrom = 1): TextEdit {
  const text = doc.text;
  const eol = eolOf(text);
  const unit = indentUnit(text);
  const block = (k: string, v: unknown, indent: string) => `${JSON.stringify(k)}: ${blockJson(v, indent, unit, eol, inlineFrom)}`;
  const inline = (k: string, v: unknown) => `${JSON.stringify(k)}: ${inlineJson(v)}`;
  if (obj.props.length) {
    const first = obj.props[0];
    const last = obj.props[obj.props.length - 1];
    if (hasNewline(text, obj.range.start, first.keyRange.start)) {
      const indent = lineIndent(text, first.keyRange.start);
      return { start: last.range.end, end: last.range.end, newText: entries.map(([k, v]) => `,${eol}${indent}${block(k, v, indent)}`).join('') };
    }
    return { start: last.range.end, end: last.range.end, newText: entries.map(([k, v]) => `, ${inline(k, v)}`).join('') };
  }
  const start = obj.range.start + 1;
  const end = Math.max(start, obj.range.end - 1);
  if (!hasNewline(text, obj.range.start, obj.range.end)) return { start, end, newText: entries.map(([k, v]) => inline(k, v)).join(', ') };
  const base = lineIndent(text, obj.range.start);
  const inner = base + unit;
  return { start, end, newText: `${eol}${entries.map(([k, v]) => inner + block(k, v, inner)).join(',' + eol)}${eol}${base}` };
}

/** Edit that appends `values` to the array, in the array's own style (see insertMember). */
export function insertItems(doc: ParsedDocument, arr: MArray, values: unknown[], inlineFrom = 1): TextEdit {
  const text = doc.text;
  const eol = eolOf(text);
  const unit = indentUnit(text);
  if (arr.items.length) {
    const first = arr.items[0];
    const last = arr.items[arr.items.length - 1];
    if (hasNewline(text, arr.range.start, first.range.start)) {
      const indent = lineIndent(text, first.range.start);
      return { start: last.range.end, end: last.range.end, newText: values.map((v) => `,${eol}${indent}${blockJson(v, indent, unit, eol, inlineFrom)}`).join('') };
    }
    return { start: last.range.end, end: last.range.end, newText: values.map((v) => `, ${inlineJson(v)}`).join('') };
  }
  if (values.length === 1) return fillEmpty(doc, arr.range, '', values[0], inlineFrom);
  // Several items into an empty array: lay them out one per line.
  const text2 = doc.text;
  const base = lineIndent(text2, arr.range.start);
  const inner = base + unit;
  return {
    start: arr.range.start + 1,
    end: arr.range.end - 1,
    newText: `${eol}${values.map((v) => inner + blockJson(v, inner, unit, eol, inlineFrom)).join(',' + eol)}${eol}${base}`,
  };
}

/** Fills an empty `{}`/`[]` (possibly holding whitespace): one line when it was on one line, else a block. */
function fillEmpty(doc: ParsedDocument, range: Span, prefix: string, value: unknown, inlineFrom: number): TextEdit {
  const text = doc.text;
  const start = range.start + 1;
  const end = Math.max(start, range.end - 1);
  if (!hasNewline(text, range.start, range.end)) return { start, end, newText: `${prefix}${inlineJson(value)}` };
  const eol = eolOf(text);
  const unit = indentUnit(text);
  const base = lineIndent(text, range.start);
  const inner = base + unit;
  return { start, end, newText: `${eol}${inner}${prefix}${blockJson(value, inner, unit, eol, inlineFrom)}${eol}${base}` };
}
