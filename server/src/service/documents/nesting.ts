/**
 * Upper bound of flow nesting (`[`/`{`) in a text, stopping early past `limit`. Both parsers recurse
 * once per level; close to the stack limit V8 can even abort the process while compiling a regular
 * expression (seen with 2,000 levels inside a test runner), which no try/catch can stop. So very deep
 * texts are not handed to the parsers at all. Brackets inside double-quoted strings and after `#`
 * comments are skipped; other quoting is ignored, which can only over-count.
 */
export function flowDepthExceeds(text: string, limit: number, yaml: boolean): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */ || c === 10) inString = false;
      continue;
    }
    if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      if (++depth > limit) return true;
    } else if (c === 93 || c === 125) {
      if (depth > 0) depth--;
    } else if (yaml && c === 35 /* # */ && (i === 0 || text.charCodeAt(i - 1) <= 32)) {
      const nl = text.indexOf('\n', i);
      if (nl < 0) break;
      i = nl;
    }
  }
  return false;
}

/** Deepest block indentation (leading spaces of any line), stopping early past `limit`. */
export function indentExceeds(text: string, limit: number): boolean {
  let run = 0;
  let atLineStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      run = 0;
      atLineStart = true;
    } else if (atLineStart && c === 32) {
      if (++run > limit) return true;
    } else atLineStart = false;
  }
  return false;
}

/** Beyond this, a document is reported as too deep instead of parsed. Real configs stay under 20. */
export const MAX_NESTING = 256;
export const MAX_INDENT = 1024;
