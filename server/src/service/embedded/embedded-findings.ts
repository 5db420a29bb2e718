import type { ParsedDocument } from '../documents/model';
import type { Finding, Fix, TextEdit } from '../types';
import { additionalConfs, type EmbeddedConf } from './additional-conf';

/** What every finding from an embedded dragent.yaml says first, so the Problems row names where it is. */
export const EMBEDDED_PREFIX = 'In `ADDITIONAL_CONF`: ';

/**
 * The dragent.yaml rules on each ADDITIONAL_CONF of an agent app, mapped into the app: same rule ids (so
 * settings, `.sysdig-mesos.json` and docs/rules.md apply), ranges on the characters written in the JSON string,
 * fixes re-encoded so the string stays valid JSON and reads back as the fixed YAML. `runDragent` runs the rule set
 * with the app's settings on a parsed dragent.yaml.
 *
 * Rules of both kinds that scan strings (placeholder, smart-quotes) see the value twice, as JSON and as YAML: the
 * app's own placeholder finding stays (the fill-in box and deploy's fills work on the app's text); for any other
 * rule the YAML one replaces the app's, since its fix knows YAML quoting.
 */
export function withEmbeddedFindings(doc: ParsedDocument, host: Finding[], runDragent: (embedded: ParsedDocument) => Finding[]): Finding[] {
  const confs = additionalConfs(doc);
  if (!confs.length) return host;
  const added: Finding[] = [];
  for (const conf of confs) {
    // the entrypoint skips an empty ADDITIONAL_CONF
    if (conf.map.contentLength === 0) continue;
    for (const f of runDragent(conf.doc)) added.push(mapFinding(conf, f));
  }
  if (!added.length) return host;
  // the app's finding and the embedded one of the same rule on the same characters: by rule, spans sorted by start
  // (thousands of typographic quotes in one string must not compare every pair)
  const addedBy = spansByRule(added.filter((a) => a.ruleId !== 'placeholder'));
  const hostPlaceholders = spansByRule(host.filter((h) => h.ruleId === 'placeholder'));
  const keepHost = (h: Finding) => h.ruleId === 'placeholder' || !overlapsAny(addedBy.get(h.ruleId), h);
  const keepAdded = (a: Finding) => a.ruleId !== 'placeholder' || !overlapsAny(hostPlaceholders.get(a.ruleId), a);
  const out = [...host.filter(keepHost), ...added.filter(keepAdded)];
  out.sort((a, b) => a.start - b.start || a.end - b.end || a.ruleId.localeCompare(b.ruleId));
  return out;
}

function mapFinding(conf: EmbeddedConf, f: Finding): Finding {
  const span = conf.map.toDocSpan(f.start, f.end);
  const fixes = f.fixes?.map((x) => mapFix(conf, x));
  return { ...f, ...span, message: EMBEDDED_PREFIX + f.message, ...(fixes && fixes.length ? { fixes } : {}) };
}

/**
 * A fix's edits in the app. Each edit is widened to whole units (see EmbeddedText.mapEdit); edits that then touch
 * are joined into one, rewritten from the embedded text with the fix applied.
 */
export function mapFix(conf: EmbeddedConf, fix: Fix): Fix {
  const map = conf.map;
  const edits = [...fix.edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const out: TextEdit[] = [];
  // a group of edits whose widened ranges touch: one document edit
  let group: { start: number; end: number; wideEnd: number; text: string; cursor: number } | undefined;
  const close = () => {
    if (!group) return;
    out.push({ start: group.start, end: group.end, newText: map.encode(group.text + map.text.slice(group.cursor, group.wideEnd)) });
  };
  for (const e of edits) {
    const m = map.mapEdit(e.start, e.end, e.newText);
    if (group && m.range.start < group.end) {
      group.text += map.text.slice(group.cursor, Math.max(group.cursor, m.embedded.start)) + m.text;
      group.cursor = Math.max(group.cursor, m.embedded.end);
      group.end = Math.max(group.end, m.range.end);
      group.wideEnd = Math.max(group.wideEnd, m.embedded.wideEnd);
      continue;
    }
    close();
    group = { start: m.range.start, end: m.range.end, wideEnd: m.embedded.wideEnd, text: m.range.before + m.text, cursor: m.embedded.end };
  }
  close();
  return { ...fix, edits: out };
}

interface SortedSpans {
  starts: number[];
  /** the largest end among the spans up to each index */
  maxEnd: number[];
}

function spansByRule(findings: readonly Finding[]): Map<string, SortedSpans> {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const g = groups.get(f.ruleId);
    if (g) g.push(f);
    else groups.set(f.ruleId, [f]);
  }
  const out = new Map<string, SortedSpans>();
  for (const [id, g] of groups) {
    g.sort((a, b) => a.start - b.start);
    const maxEnd: number[] = [];
    let m = -1;
    for (const f of g) maxEnd.push((m = Math.max(m, Math.max(f.end, f.start + 1))));
    out.set(id, { starts: g.map((f) => f.start), maxEnd });
  }
  return out;
}

/** whether some span overlaps `q` (an empty span counts as its one character), by binary search */
function overlapsAny(spans: SortedSpans | undefined, q: { start: number; end: number }): boolean {
  if (!spans) return false;
  const qEnd = Math.max(q.end, q.start + 1);
  // the last span starting before qEnd
  let lo = 0;
  let hi = spans.starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans.starts[mid] < qEnd) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 && spans.maxEnd[lo - 1] > q.start;
}
