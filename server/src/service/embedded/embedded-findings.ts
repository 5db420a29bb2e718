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
  const keepHost = (h: Finding) => !added.some((a) => a.ruleId === h.ruleId && h.ruleId !== 'placeholder' && a.start < Math.max(h.end, h.start + 1) && h.start < Math.max(a.end, a.start + 1));
  const keepAdded = (a: Finding) => !(a.ruleId === 'placeholder' && host.some((h) => h.ruleId === 'placeholder' && a.start < h.end && h.start < a.end));
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
