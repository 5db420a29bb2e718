/**
 * A JSON string literal's content decoded with, for every decoded UTF-16 unit, the source characters it came from:
 * `\"` is two source characters for one `"`, `\u00e9` six for one `é`. What embedded text (ADDITIONAL_CONF) needs
 * to put a finding on the characters the user wrote.
 */
export interface DecodedJsonString {
  value: string;
  /** source offset of the escape (or character) that produced value[i] */
  starts: number[];
  /** source end of that escape */
  ends: number[];
}

const SIMPLE: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

function isHex(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

/**
 * Decodes the content between a string's quotes, `text[start, end)`. Undefined on an escape JSON does not know
 * (the parser's own syntax error speaks for it; a value we cannot read exactly is not mapped at all).
 */
export function decodeJsonString(text: string, start: number, end: number): DecodedJsonString | undefined {
  const out: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  let i = start;
  while (i < end) {
    const c = text[i];
    if (c !== '\\') {
      out.push(c);
      starts.push(i);
      ends.push(i + 1);
      i++;
      continue;
    }
    const n = text[i + 1];
    if (i + 1 >= end || n === undefined) return undefined;
    if (n === 'u') {
      if (i + 6 > end) return undefined;
      for (let k = i + 2; k < i + 6; k++) if (!isHex(text.charCodeAt(k))) return undefined;
      out.push(String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16)));
      starts.push(i);
      ends.push(i + 6);
      i += 6;
      continue;
    }
    const s = SIMPLE[n];
    if (s === undefined) return undefined;
    out.push(s);
    starts.push(i);
    ends.push(i + 2);
    i += 2;
  }
  return { value: out.join(''), starts, ends };
}

/** A text as JSON string content (no quotes), the way JSON.stringify writes it. */
export function jsonStringContent(s: string): string {
  return JSON.stringify(s).slice(1, -1);
}
