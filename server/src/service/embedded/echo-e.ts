/**
 * What the agent image's entrypoint writes for ADDITIONAL_CONF: `echo -e "$ADDITIONAL_CONF" >> dragent.yaml`
 * (agent-dragent.md §1 item 16 and §5: "expanded with `echo -e`, so `\n` in the value becomes a newline";
 * appended only when no dragent.yaml existed before the container started). The entrypoint is `#!/bin/bash`, so
 * this is bash's builtin echo with `-e`, whose other escapes are applied too (checked against bash 5.2 with
 * LC_ALL=C — the image sets no locale; test/unit/echo-e.test.ts compares with a real bash):
 *
 * - `\a \b \e \E \f \n \r \t \v` control characters, `\\` one backslash;
 * - `\c`: nothing after it is written, not even echo's final newline;
 * - `\0` with up to three octal digits and `\x` with up to two hex digits: one byte (the file is read as UTF-8,
 *   so bytes of 0x80 and above are decoded together, an invalid sequence as U+FFFD);
 * - `\u` with up to four and `\U` with up to eight hex digits: the character when it is ASCII, else — in the C
 *   locale — the text `\uXXXX` / `\UXXXXXXXX` (upper-case hex); `\x`, `\u`, `\U` without digits stay as written;
 * - any other backslash is written as it is, with the character after it;
 * - echo ends the text with a newline.
 *
 * The environment cannot carry U+0000, so the value ends at the first one; a value that is only option letters
 * (`-n`, `-e`, `-neE`) is taken by echo as options and writes no configuration.
 */

/** One piece of the written text and the characters of the value that produced it. */
export interface EchoUnit {
  /** source offsets (into the JSON document) of the value characters that produced `out` */
  srcStart: number;
  srcEnd: number;
  out: string;
  /**
   * true when a character typed right after this unit could join it: `\x4` then `1` is `\x41`; a lone `\` at the
   * end of the value then `n` is `\n`. An edit right after an open unit rewrites it too.
   */
  open: boolean;
  /** an `echo -e` escape (`\n` written as backslash and `n` in the value), not a character of the value */
  escape?: boolean;
}

export interface EchoResult {
  units: EchoUnit[];
  /** false when `\c` stopped the output (no final newline); else echo's final newline follows the units */
  newline: boolean;
  /** source offset where the written text ends: the value's end, or the `\c` */
  tail: number;
}

const SIMPLE: Record<string, string> = { a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };

function digitValue(c: string | undefined, base: 8 | 16): number {
  if (c === undefined) return -1;
  const v = parseInt(c, base);
  return Number.isNaN(v) ? -1 : v;
}

/**
 * `value` is the decoded ADDITIONAL_CONF value; `starts[i]`/`ends[i]` the source span of value[i]; `end` the
 * source offset just after the value (where its string closes).
 */
export function echoE(value: string, starts: readonly number[], ends: readonly number[], end: number): EchoResult | undefined {
  const nul = value.indexOf('\0');
  const len = nul >= 0 ? nul : value.length;
  const tailAt = (i: number) => (i < starts.length ? starts[i] : end);
  const optionsOnly = len >= 2 && value[0] === '-' && [...value.slice(1, len)].every((c) => c === 'n' || c === 'e' || c === 'E');
  if (optionsOnly) return undefined;
  const units: EchoUnit[] = [];
  // bytes of 0x80 and above waiting to be decoded as UTF-8 together
  let pending: number[] = [];
  let pendingStart = 0;
  let pendingEnd = 0;
  let pendingOpen = false;
  const flush = () => {
    if (!pending.length) return;
    const out = new TextDecoder('utf-8').decode(new Uint8Array(pending));
    units.push({ srcStart: pendingStart, srcEnd: pendingEnd, out, open: pendingOpen });
    pending = [];
  };
  const emit = (i: number, j: number, out: string, open = false) => {
    flush();
    units.push({ srcStart: starts[i], srcEnd: ends[j - 1], out, open });
  };
  const byte = (i: number, j: number, b: number, open: boolean) => {
    if (b < 0x80) return emit(i, j, String.fromCharCode(b), open);
    if (!pending.length) pendingStart = starts[i];
    pending.push(b);
    pendingEnd = ends[j - 1];
    pendingOpen = open;
  };
  let i = 0;
  while (i < len) {
    const c = value[i];
    if (c !== '\\') {
      emit(i, i + 1, c);
      i++;
      continue;
    }
    if (i + 1 >= len) {
      emit(i, i + 1, '\\', true);
      i++;
      continue;
    }
    const n = value[i + 1];
    const simple = SIMPLE[n];
    if (simple !== undefined) {
      emit(i, i + 2, simple);
      units[units.length - 1].escape = true;
      i += 2;
      continue;
    }
    if (n === 'c') {
      flush();
      return { units, newline: false, tail: tailAt(i) };
    }
    if (n === '0' || n === 'x' || n === 'u' || n === 'U') {
      const base = n === '0' ? 8 : 16;
      const max = n === '0' ? 3 : n === 'x' ? 2 : n === 'u' ? 4 : 8;
      let j = i + 2;
      let v = 0;
      while (j < len && j - (i + 2) < max && digitValue(value[j], base) >= 0) v = v * base + digitValue(value[j++], base);
      const digits = j - (i + 2);
      const open = digits < max;
      if (n === '0') byte(i, j, v & 0xff, open);
      else if (digits === 0) emit(i, j, value.slice(i, j), true);
      else if (n === 'x') byte(i, j, v, open);
      else if (v < 0x80) emit(i, j, String.fromCharCode(v), open);
      else emit(i, j, v <= 0xffff ? `\\u${v.toString(16).toUpperCase().padStart(4, '0')}` : `\\U${v.toString(16).toUpperCase().padStart(8, '0')}`, open);
      i = j;
      continue;
    }
    emit(i, i + 2, `\\${n}`);
    i += 2;
  }
  flush();
  return { units, newline: true, tail: tailAt(len) };
}
