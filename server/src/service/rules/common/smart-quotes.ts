import type { Fix } from '../../types';
import type { Rule } from '../rule';
import { scanRanges } from './scalar-scan';
import { walk } from '../../documents/model';

interface CharInfo {
  name: string;
  ascii: string;
}

/** Characters that arrive by copy-paste from word processors, web pages and chat. */
const CHARS: Record<string, CharInfo> = {
  '\u2018': { name: 'left single quotation mark ‘', ascii: "'" },
  '\u2019': { name: 'right single quotation mark ’', ascii: "'" },
  '\u201A': { name: 'single low quotation mark ‚', ascii: "'" },
  '\u201B': { name: 'single high-reversed quotation mark ‛', ascii: "'" },
  '\u2032': { name: 'prime ′', ascii: "'" },
  '\u201C': { name: 'left double quotation mark “', ascii: '"' },
  '\u201D': { name: 'right double quotation mark ”', ascii: '"' },
  '\u201E': { name: 'double low quotation mark „', ascii: '"' },
  '\u201F': { name: 'double high-reversed quotation mark ‟', ascii: '"' },
  '\u2033': { name: 'double prime ″', ascii: '"' },
  '\u2010': { name: 'hyphen ‐', ascii: '-' },
  '\u2011': { name: 'non-breaking hyphen ‑', ascii: '-' },
  '\u2012': { name: 'figure dash ‒', ascii: '-' },
  '\u2013': { name: 'en dash –', ascii: '-' },
  '\u2014': { name: 'em dash —', ascii: '-' },
  '\u2015': { name: 'horizontal bar ―', ascii: '-' },
  '\u2212': { name: 'minus sign −', ascii: '-' },
  '\u00A0': { name: 'non-breaking space', ascii: ' ' },
  '\u2007': { name: 'figure space', ascii: ' ' },
  '\u202F': { name: 'narrow non-breaking space', ascii: ' ' },
  '\u200B': { name: 'zero-width space', ascii: '' },
  '\u200C': { name: 'zero-width non-joiner', ascii: '' },
  '\u200D': { name: 'zero-width joiner', ascii: '' },
  '\u2060': { name: 'word joiner', ascii: '' },
  '\uFEFF': { name: 'zero-width no-break space (BOM)', ascii: '' },
};
const PATTERN = new RegExp(`[${Object.keys(CHARS).join('')}]`, 'g');

export const smartQuotes: Rule = {
  id: 'smart-quotes',
  kinds: ['dragent', 'marathon-app'],
  severity: 'warning',
  severities: [
    { severity: 'warning', when: 'in a key or value (read or sent literally)' },
    { severity: 'error', when: 'where JSON needs a straight quote (Marathon refuses the file)', kind: 'marathon-app' },
  ],
  fixable: true,
  title: 'Typographic quote, dash or invisible space in a key or value',
  docs:
    'Text copied from the vendor guide, a web page or a chat often carries typographic quotes (“ ” ‘ ’), en and em dashes, non-breaking spaces and zero-width characters. Neither the agent nor Marathon treats them as their ASCII look-alikes: inside a value they are read literally (a host name with an em dash does not resolve, a key with a non-breaking space is a different key), and where one stands in for a JSON quote — as in the guide\'s own sysdig.json, whose env values end in `”` — Marathon rejects the whole file as invalid JSON; those cases are errors. The fix replaces the character with its ASCII form (a straight quote, `-`, a space, or nothing for zero-width characters), escaping a double quote inside a JSON or double-quoted YAML string and doubling a single quote inside a single-quoted YAML string. Where the character starts a plain YAML key or value, an ASCII quote there would open a quoted string (and `- ` a list item): a pair of typographic quotes around the whole value is replaced together (`“mesos”` → `"mesos"`), anything else is fixed by quoting the value.',
  check({ doc, report }) {
    const repaired = new Set(doc.repairs.map((r) => r.offset));
    let strings: { start: number; end: number }[] | undefined;
    const jsonStrings = () => (strings ??= jsonStringSpans(doc.text, repaired));
    const seen = new Set<number>();
    const insideDoubleQuoted = doubleQuotedTest(doc, () => (doc.kind === 'marathon-app' ? jsonStrings() : undefined));
    // single-quoted YAML scalars, where a `'` must be written `''`
    const single = new Set<number>();
    if (doc.kind === 'dragent') walk(doc.root, (n) => void (n.type === 'scalar' && n.style === 'single' && single.add(n.range.start)));
    /** closing typographic quotes already replaced by the fix of their opening one */
    const pairedClose = new Set<number>();
    for (const r of scanRanges(doc)) {
      const slice = doc.text.slice(r.start, r.end);
      for (const m of slice.matchAll(PATTERN)) {
        const offset = r.start + m.index!;
        if (seen.has(offset)) continue;
        seen.add(offset);
        if (offset === 0 && m[0] === '\uFEFF') continue; // a leading BOM is the syntax rule's business
        const info = CHARS[m[0]];
        const brokeSyntax = repaired.has(offset);
        let replacement = info.ascii;
        if (replacement === '"' && !brokeSyntax && insideDoubleQuoted(offset)) replacement = '\\"';
        if (replacement === "'" && single.has(r.start)) replacement = "''";
        let fix: Fix | undefined = {
          title: `Replace the ${info.name} with ${describe(replacement)}`,
          edits: [{ start: offset, end: offset + m[0].length, newText: replacement }],
          preferred: true,
        };
        if (doc.kind === 'dragent' && offset === r.start && startsDifferently(replacement, doc.text, offset + m[0].length, r.end)) {
          fix = leadingFix(doc.text, r, info.name, replacement);
          if (fix && fix.edits.length === 2) pairedClose.add(fix.edits[1].start);
        } else if (pairedClose.has(offset)) fix = undefined; // the pair's fix, on the opening quote, does it
        const more = report({
          start: offset,
          end: offset + m[0].length,
          severity: brokeSyntax ? 'error' : undefined,
          message: brokeSyntax
            ? `A ${info.name} stands where JSON needs a straight quote ": Marathon rejects the file as invalid JSON.`
            : `${capitalise(info.name)} (U+${m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}) in a ${doc.kind === 'dragent' ? 'key or value: the agent reads it literally, not as' : 'value: it is sent literally, not as'} ${describe(info.ascii)}.`,
          ...(fix ? { fixes: [fix] } : {}),
        });
        if (!more) return; // the cap of findings per rule is reached: the rest of a huge file is not read
      }
    }
  },
};

/**
 * Whether `replacement` at the start of a plain YAML key or value (a quoted or block one starts with its ASCII
 * indicator, so a range starting with a typographic character is plain) would make it parse differently: a quote
 * opens a quoted scalar, `- ` a sequence entry (issue 10 §8: `“mesos”` fixed one quote at a time broke the file).
 */
function startsDifferently(replacement: string, text: string, after: number, end: number): boolean {
  if (replacement === '"' || replacement === "'") return true;
  return replacement === '-' && (after >= end || /[\s,[\]{}]/.test(text[after]));
}

/**
 * The fix for a typographic character that starts a plain YAML scalar: a pair of typographic quotes around the
 * whole value becomes the ASCII pair (`“mesos”` → `"mesos"`) when the inside needs no escape; otherwise the value
 * is double-quoted as it reads with that character replaced. None for a value spanning lines.
 */
function leadingFix(text: string, r: { start: number; end: number }, name: string, replacement: string): Fix | undefined {
  const src = text.slice(r.start, r.end);
  if (/[\r\n]/.test(src)) return undefined;
  const first = src[0];
  const last = src[src.length - 1];
  const inner = src.slice(1, -1);
  if (src.length >= 2 && CHARS[last]?.ascii === replacement && (replacement === '"' ? !/["\\]/.test(inner) : replacement === "'" && !inner.includes("'"))) {
    return {
      title: `Replace the typographic quotes with ${describe(replacement)}`,
      edits: [
        { start: r.start, end: r.start + first.length, newText: replacement },
        { start: r.end - last.length, end: r.end, newText: replacement },
      ],
      preferred: true,
    };
  }
  return {
    title: `Replace the ${name} with ${describe(replacement)} (and quote the value)`,
    edits: [{ start: r.start, end: r.end, newText: JSON.stringify(replacement + src.slice(first.length)) }],
    preferred: true,
  };
}

function describe(ascii: string): string {
  return ascii === '' ? 'nothing' : ascii === ' ' ? 'a space' : `\`${ascii}\``;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * Whether `offset` is inside a double-quoted string. Called for findings in increasing order, so each call
 * goes on from the last one: a binary search over the JSON string spans, or for YAML a running count of the
 * quotes on the line (counting from the line start for every finding was quadratic on one long line).
 */
function doubleQuotedTest(doc: { text: string }, strings: () => { start: number; end: number }[] | undefined): (offset: number) => boolean {
  let lineStart = -1;
  let pos = 0;
  let quotes = 0;
  return (offset) => {
    const spans = strings();
    if (spans) {
      let lo = 0;
      let hi = spans.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (spans[mid].end <= offset) lo = mid + 1;
        else hi = mid;
      }
      return lo < spans.length && offset > spans[lo].start && offset < spans[lo].end;
    }
    // YAML: a double-quoted scalar starts with `"`; an odd number of unescaped quotes before it on its line
    if (lineStart < 0 || offset < pos) {
      lineStart = doc.text.lastIndexOf('\n', offset) + 1;
      pos = lineStart;
      quotes = 0;
    }
    for (; pos < offset; pos++) {
      const c = doc.text.charCodeAt(pos);
      if (c === 0x0a) quotes = 0;
      else if (c === 0x22 && doc.text[pos - 1] !== '\\') quotes++;
    }
    return quotes % 2 === 1;
  };
}

/** Spans of JSON string tokens (after repairs, typographic quotes that closed a string count as `"`). */
function jsonStringSpans(text: string, repaired: Set<number>): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let i = 0;
  const isQuote = (k: number) => text[k] === '"' || repaired.has(k);
  while (i < text.length) {
    if (isQuote(i)) {
      const start = i++;
      while (i < text.length && !isQuote(i) && text[i] !== '\n') {
        if (text[i] === '\\') i++;
        i++;
      }
      out.push({ start, end: i });
    }
    i++;
  }
  return out;
}
