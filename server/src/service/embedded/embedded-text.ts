import type { Span } from '../types';
import type { EchoResult, EchoUnit } from './echo-e';

/**
 * How new text is written into the JSON string: `json` writes a newline as the JSON escape `\n` (the value then
 * holds a real newline), `echo` as `\\n` (the value holds `\` `n`, which `echo -e` turns into a newline) — the
 * style the value already uses for most of its newlines.
 */
export type NewlineStyle = 'json' | 'echo';

/** One embedded edit mapped into the JSON document: `[start, end)` gets `before + X + after`, each encoded. */
export interface MappedRange extends Span {
  /** embedded text kept before the edit's own text (the rest of a unit the edit cuts into, an open unit) */
  before: string;
  after: string;
}

/**
 * The text the entrypoint writes for one ADDITIONAL_CONF value, with the map between its offsets and the JSON
 * document's. Each embedded character belongs to one unit (a character, a JSON escape, an `echo -e` escape, or
 * both nested: `\\n` in the JSON source); a unit maps as a whole, so a finding on part of one covers all of it
 * and an edit rewrites it whole. Offsets are UTF-16 units, as everywhere in the service.
 */
export class EmbeddedText {
  readonly text: string;
  /** text.length without echo's final newline (which no source character holds) */
  readonly contentLength: number;
  readonly style: NewlineStyle;
  /** document offset of the first value character (after `ADDITIONAL_CONF=`) */
  readonly contentStart: number;
  /** document offset where the written text ends (the closing quote, or a `\c`) */
  readonly tail: number;
  private readonly units: EchoUnit[];
  /** unit index of each embedded offset < contentLength */
  private readonly unitOf: Int32Array;
  /** embedded offset where each unit's output starts */
  private readonly unitStart: Int32Array;

  constructor(echo: EchoResult, contentStart: number, style: NewlineStyle) {
    this.units = echo.units;
    this.contentStart = contentStart;
    this.tail = echo.tail;
    this.style = style;
    const parts: string[] = [];
    let n = 0;
    for (const u of echo.units) n += u.out.length;
    this.unitOf = new Int32Array(n);
    this.unitStart = new Int32Array(echo.units.length + 1);
    let at = 0;
    echo.units.forEach((u, k) => {
      parts.push(u.out);
      this.unitStart[k] = at;
      this.unitOf.fill(k, at, at + u.out.length);
      at += u.out.length;
    });
    this.unitStart[echo.units.length] = at;
    this.contentLength = n;
    this.text = parts.join('') + (echo.newline ? '\n' : '');
  }

  private startOfUnitAt(i: number): number {
    return this.units[this.unitOf[i]].srcStart;
  }

  /** document offset where embedded offset `i` starts (the tail past the content) */
  docOffset(i: number): number {
    return i < this.contentLength ? this.startOfUnitAt(Math.max(0, i)) : this.tail;
  }

  /** An embedded span in the document: from the start of the first unit it touches to the end of the last. */
  toDocSpan(start: number, end: number): Span {
    const s = this.docOffset(start);
    if (end <= start) return { start: s, end: s };
    const last = Math.min(end, this.contentLength) - 1;
    const e = last >= start ? this.units[this.unitOf[last]].srcEnd : this.tail;
    return { start: s, end: Math.max(s, e) };
  }

  /** whether a document offset is within the value's text (from its first character to the tail, inclusive) */
  contains(offset: number): boolean {
    return this.contentStart <= offset && offset <= this.tail;
  }

  /** The embedded offset of a document offset inside the value: a unit's start when the offset falls in it. */
  toEmbedded(offset: number): number {
    if (offset >= this.tail) return this.contentLength;
    let lo = 0;
    let hi = this.units.length - 1;
    if (hi < 0 || offset < this.units[0].srcStart) return 0;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.units[mid].srcStart <= offset) lo = mid;
      else hi = mid - 1;
    }
    // past the end of unit lo (a cut by `\c` or a NUL can leave a gap): the next unit's start
    const u = this.units[lo];
    return offset >= u.srcEnd && u.srcEnd < this.tail ? this.unitStart[lo + 1] : this.unitStart[lo];
  }

  /**
   * Where the embedded edit `[start, end)` goes in the document. Widened to whole units, and over an open unit
   * just before it; an edit of echo's final newline is an edit at the tail (the newline is always written).
   * Returns the embedded text to rewrite around the edit's own text (`before`, `after`) and `text` adjusted.
   */
  mapEdit(start: number, end: number, newText: string): { range: MappedRange; text: string; embedded: { start: number; end: number; wideStart: number; wideEnd: number } } {
    let a = Math.max(0, Math.min(start, this.text.length));
    let b = Math.max(a, Math.min(end, this.text.length));
    let x = newText;
    if (this.text.length > this.contentLength) {
      // echo writes the final newline whatever the value says: keep it out of the edit
      if (a > this.contentLength) {
        a = b = this.contentLength;
        if (x !== '') x = '\n' + (x.endsWith('\n') ? x.slice(0, -1) : x);
      } else if (b > this.contentLength) {
        b = this.contentLength;
        if (x.endsWith('\n')) x = x.slice(0, -1);
        // deleting through the end: the newline before becomes the last one, which echo writes anyway
        else if (x === '' && a > 0 && this.text[a - 1] === '\n') a--;
      }
    }
    let a2 = a < this.contentLength ? this.unitStart[this.unitOf[a]] : a;
    let b2: number;
    if (b > a) b2 = this.unitStart[this.unitOf[b - 1] + 1];
    else b2 = a < this.contentLength && a2 < a ? this.unitStart[this.unitOf[a] + 1] : a;
    if (b2 < a2) b2 = a2;
    // an open unit right before: what is written next could join it
    if (a2 > 0) {
      const prev = this.unitOf[a2 - 1];
      if (this.units[prev].open) a2 = this.unitStart[prev];
    }
    const docStart = this.docOffset(a2);
    const docEnd = b2 > a2 ? this.units[this.unitOf[b2 - 1]].srcEnd : docStart;
    return {
      range: { start: docStart, end: docEnd, before: this.text.slice(a2, a), after: this.text.slice(b, b2) },
      text: x,
      embedded: { start: a, end: b, wideStart: a2, wideEnd: b2 },
    };
  }

  /** Embedded text as content of this JSON string, to be read back by JSON and then `echo -e` as the same text. */
  encode(s: string): string {
    return encodeForEcho(s, this.style);
  }
}

/**
 * Text that JSON then `echo -e` read back unchanged: a backslash is written `\\\\` (JSON `\\`, echo `\\`), a newline
 * `\n` or `\\n` by the style, a NUL as echo's `\0000` (the environment cannot hold U+0000), the rest as JSON.stringify
 * writes it. Character by character, so encode(a + b) === encode(a) + encode(b).
 */
export function encodeForEcho(s: string, style: NewlineStyle): string {
  let out = '';
  let run = 0;
  const flush = (i: number) => {
    if (i > run) out += JSON.stringify(s.slice(run, i)).slice(1, -1);
  };
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    let rep: string | undefined;
    if (c === '\\') rep = '\\\\\\\\';
    else if (c === '\n') rep = style === 'echo' ? '\\\\n' : '\\n';
    else if (c === '\0') rep = '\\\\0000';
    if (rep === undefined) continue;
    flush(i);
    out += rep;
    run = i + 1;
  }
  flush(s.length);
  return out;
}
