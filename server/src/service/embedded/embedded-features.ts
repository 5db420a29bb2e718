import type { ParsedDocument } from '../documents/model';
import type { Rule } from '../rules/rule';
import type { Finding } from '../types';
import { hover, type HoverResult } from '../features/hover';
import { complete, escapeSnippet, type CompletionEntry } from '../features/completion';
import { confAt } from './additional-conf';
import type { EmbeddedText } from './embedded-text';

/**
 * Hover inside an ADDITIONAL_CONF string: the dragent.yaml hover of the embedded text (key documentation, the
 * paragraphs of the rules whose findings cover the place), mapped back. Undefined when the offset is not inside
 * one, or the embedded hover has nothing (the app's own hover then answers).
 */
export function embeddedHover(doc: ParsedDocument, offset: number, findings: readonly Finding[], rules: readonly Rule[]): HoverResult | undefined {
  const conf = confAt(doc, offset);
  if (!conf) return undefined;
  const map = conf.map;
  // the app's findings inside the string, back in embedded offsets (a finding's range maps unit by unit)
  const inside = findings
    .filter((f) => f.start <= offset && offset <= f.end && map.contains(f.start) && map.contains(f.end))
    .map((f) => ({ ...f, start: map.toEmbedded(f.start), end: Math.max(map.toEmbedded(f.start), endInEmbedded(map, f.end)) }));
  const h = hover(conf.doc, map.toEmbedded(offset), inside, rules);
  if (!h) return undefined;
  return { contents: h.contents, ...map.toDocSpan(h.start, h.end) };
}

/** the embedded end of a document range end: the end of the unit it closes */
function endInEmbedded(map: EmbeddedText, docEnd: number): number {
  return docEnd >= map.tail ? map.contentLength : map.toEmbedded(docEnd);
}

/**
 * Completion inside an ADDITIONAL_CONF string: the dragent.yaml completion at the mapped offset, each item's range
 * and text mapped back and written as this string's content (a newline as the string writes its newlines).
 * Undefined when the offset is not inside one.
 */
export function embeddedCompletion(doc: ParsedDocument, offset: number): CompletionEntry[] | undefined {
  const conf = confAt(doc, offset);
  if (!conf) return undefined;
  const map = conf.map;
  const out: CompletionEntry[] = [];
  for (const e of complete(conf.doc, map.toEmbedded(offset))) {
    const m = map.mapEdit(e.start, e.end, '');
    const insertText = e.snippet
      ? escapeSnippet(map.encode(m.range.before)) + encodeSnippet(map, e.insertText) + escapeSnippet(map.encode(m.range.after))
      : map.encode(m.range.before + e.insertText + m.range.after);
    out.push({ ...e, insertText, start: m.range.start, end: m.range.end });
  }
  return out;
}

/**
 * A snippet's literal text encoded for the string, its tab stops (`$1`, `${2}`, `${3:default}`) kept: literal runs
 * are unescaped, encoded, and escaped again for the snippet syntax.
 */
export function encodeSnippet(map: EmbeddedText, snippet: string): string {
  let out = '';
  let lit = '';
  let depth = 0;
  const flush = () => {
    if (lit) out += escapeSnippet(map.encode(lit));
    lit = '';
  };
  for (let i = 0; i < snippet.length; i++) {
    const c = snippet[i];
    if (c === '\\' && i + 1 < snippet.length && '$}\\'.includes(snippet[i + 1])) {
      lit += snippet[++i];
      continue;
    }
    if (c === '$') {
      let j = i + 1;
      const brace = snippet[j] === '{';
      if (brace) j++;
      const d0 = j;
      while (j < snippet.length && snippet[j] >= '0' && snippet[j] <= '9') j++;
      if (j > d0) {
        flush();
        if (brace && snippet[j] === ':') {
          depth++;
          j++;
        } else if (brace && snippet[j] === '}') j++;
        out += snippet.slice(i, j);
        i = j - 1;
        continue;
      }
    }
    if (c === '}' && depth > 0) {
      flush();
      depth--;
      out += '}';
      continue;
    }
    lit += c;
  }
  flush();
  return out;
}
