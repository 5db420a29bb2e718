/**
 * Masking of the effective dragent.yaml (effective-config.ts) before it is shown: by structure — the value of every
 * secret-named key, a URI's user-info — and then every known secret wherever else it appears (secrets.ts).
 */
import { walk, type MObject, type ParsedDocument } from '../documents/model';
import { MASK, type Secrets } from '../secrets';
import { redactUri, userInfoSpan } from '../agent-uri';
import type { Span } from '../types';

/** a line of the model: its raw text in, the text to show (and whether it differs) out */
export interface MaskedLine {
  raw: string;
  text: string;
  masked?: boolean;
}

/** Key names whose values are secrets: the access key and every password (mesos_, marathon_, dcos_ …). */
export function isSecretKey(key: string): boolean {
  const k = key.toLowerCase();
  return k === 'customerid' || k.includes('password') || k.includes('secret') || k.includes('access_key');
}

/**
 * Masks each line in place: the value of every secret-named key (found in the parse, any depth, flow mappings
 * too, and — for a file that does not parse — on a `key: value` line), the user-info of URIs (`user:***@host`),
 * and any known secret (the access key, the passwords found) wherever else it appears.
 */
export function maskLines(lines: MaskedLine[], parsed: ParsedDocument, starts: number[], lineOf: (o: number) => number, secrets: Secrets): void {
  // [start, end) of the raw text and what is shown there instead
  const ranges: (Span & { by: string })[] = [];
  walk(parsed.root, (node) => {
    if (node.type === 'scalar') {
      // a URI with user-info, whatever characters its password has (a space defeats maskUserInfo in running text):
      // the whole scalar rewritten with redactUri, quoted as a JSON string when it was quoted (YAML reads it back)
      const info = node.text.includes('//') || node.text.includes('@') ? userInfoSpan(node.text) : undefined;
      if (!info || node.range.end <= node.range.start) return;
      secrets.addUri(node.text);
      const shown = redactUri(node.text);
      ranges.push({ ...node.range, by: node.style === 'plain' ? shown : JSON.stringify(shown) });
      return;
    }
    if (node.type !== 'object') return;
    for (const p of (node as MObject).props) {
      if (!isSecretKey(p.key) || !p.value || p.value.type !== 'scalar' || p.value.range.end <= p.value.range.start) continue;
      secrets.add(p.value.text);
      ranges.push({ ...p.value.range, by: MASK });
    }
  });
  lines.forEach((l, i) => {
    const v = lineValue(l.raw);
    if (!v || !isSecretKey(v.key)) return;
    secrets.add(l.raw.slice(v.start).trim());
    ranges.push({ start: starts[i] + v.start, end: starts[i] + l.raw.length, by: MASK });
  });
  const byLine = new Map<number, (Span & { by: string })[]>();
  for (const r of ranges) {
    const i = lineOf(r.start);
    // a scalar over several lines (a folded quoted string) is masked from its start to the end of its first line,
    // and its other lines by the known secrets below
    const s = { start: r.start - starts[i], end: Math.min(r.end - starts[i], lines[i].raw.length), by: r.by };
    const list = byLine.get(i);
    if (list) list.push(s);
    else byLine.set(i, [s]);
  }
  lines.forEach((l, i) => {
    let text = l.raw;
    const rs = (byLine.get(i) ?? []).sort((a, b) => a.start - b.start || b.end - a.end);
    if (rs.length) {
      let out = '';
      let pos = 0;
      for (const r of rs) {
        if (r.end <= pos) continue;
        // a range inside one already replaced (a password value inside a masked URI) is covered by it
        if (r.start < pos) continue;
        out += text.slice(pos, r.start) + r.by;
        pos = r.end;
      }
      text = out + text.slice(pos);
    }
    text = secrets.maskText(text);
    l.text = text;
    if (text !== l.raw) l.masked = true;
  });
}

/** `key: value` on one line (after indentation and `- `): the key and where the value starts; no regex (linear) */
function lineValue(line: string): { key: string; start: number } | undefined {
  let i = 0;
  while (i < line.length && (line[i] === ' ' || line[i] === '\t')) i++;
  if (line[i] === '-' && line[i + 1] === ' ') i += 2;
  if (line[i] === '#') return undefined;
  const colon = line.indexOf(':', i);
  if (colon < 0) return undefined;
  if (colon + 1 < line.length && line[colon + 1] !== ' ' && line[colon + 1] !== '\t') return undefined;
  let key = line.slice(i, colon).trim();
  if (key.length >= 2 && (key[0] === '"' || key[0] === "'") && key[key.length - 1] === key[0]) key = key.slice(1, -1);
  let start = colon + 1;
  while (start < line.length && (line[start] === ' ' || line[start] === '\t')) start++;
  if (start >= line.length) return undefined;
  return { key, start };
}

