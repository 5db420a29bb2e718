import type { Fix } from '../../types';
import type { Rule } from '../rule';
import { scanRanges } from './scalar-scan';

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
    'Text copied from the vendor guide, a web page or a chat often carries typographic quotes (“ ” ‘ ’), en and em dashes, non-breaking spaces and zero-width characters. Neither the agent nor Marathon treats them as their ASCII look-alikes: inside a value they are read literally (a host name with an em dash does not resolve, a key with a non-breaking space is a different key), and where one stands in for a JSON quote — as in the guide\'s own sysdig.json, whose env values end in `”` — Marathon rejects the whole file as invalid JSON; those cases are errors. The fix replaces the character with its ASCII form (a straight quote, `-`, a space, or nothing for zero-width characters), escaping a double quote inside a JSON or double-quoted YAML string.',
  check({ doc, report }) {
    const repaired = new Set(doc.repairs.map((r) => r.offset));
    let strings: { start: number; end: number }[] | undefined;
    const jsonStrings = () => (strings ??= jsonStringSpans(doc.text, repaired));
    const seen = new Set<number>();
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
        if (replacement === '"' && !brokeSyntax && insideDoubleQuoted(doc, offset, doc.kind === 'marathon-app' ? jsonStrings() : undefined)) replacement = '\\"';
        const fix: Fix = {
          title: `Replace the ${info.name} with ${describe(replacement)}`,
          edits: [{ start: offset, end: offset + m[0].length, newText: replacement }],
          preferred: true,
        };
        report({
          start: offset,
          end: offset + m[0].length,
          severity: brokeSyntax ? 'error' : undefined,
          message: brokeSyntax
            ? `A ${info.name} stands where JSON needs a straight quote ": Marathon rejects the file as invalid JSON.`
            : `${capitalise(info.name)} (U+${m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}) in a ${doc.kind === 'dragent' ? 'key or value: the agent reads it literally, not as' : 'value: it is sent literally, not as'} ${describe(info.ascii)}.`,
          fixes: [fix],
        });
      }
    }
  },
};

function describe(ascii: string): string {
  return ascii === '' ? 'nothing' : ascii === ' ' ? 'a space' : `\`${ascii}\``;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function insideDoubleQuoted(doc: { kind: string; text: string; root: unknown }, offset: number, strings?: { start: number; end: number }[]): boolean {
  if (strings) return strings.some((s) => offset > s.start && offset < s.end);
  // YAML: a double-quoted scalar starts with `"`; find the scalar around the offset by scanning its line.
  const lineStart = doc.text.lastIndexOf('\n', offset) + 1;
  const before = doc.text.slice(lineStart, offset);
  const quotes = (before.match(/(?<!\\)"/g) ?? []).length;
  return quotes % 2 === 1;
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
