import { getProp } from '../../documents/model';
import type { Rule } from '../rule';
import { asScalar, contentRange, rewriteString, rootObject } from './util';

/** Marathon's per-segment id expression, as quoted in its 422 answer (PathId.scala). */
export const MARATHON_ID_REGEX = '^(([a-z0-9]|[a-z0-9][a-z0-9\\-]*[a-z0-9])\\.)*([a-z0-9]|[a-z0-9][a-z0-9\\-]*[a-z0-9])|(\\.|\\.\\.)$';
const LABEL = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;
const RESERVED_LAST = new Set(['restart', 'tasks', 'versions']);

function segmentOk(seg: string): boolean {
  return seg === '.' || seg === '..' || seg.split('.').every((l) => LABEL.test(l));
}

interface Bad {
  start: number;
  end: number;
  /** what is wrong there, one reason per kind of character (said once for the whole id) */
  whys: string[];
}

/** Character ranges (in the id string) that break Marathon's rule, each with a short reason. */
function badParts(id: string): Bad[] {
  const out: Bad[] = [];
  let pos = 0;
  const segments = id.split('/');
  segments.forEach((seg, si) => {
    const segStart = pos;
    pos += seg.length + 1;
    // A leading `/` (absolute id) and a trailing `/` give empty segments that Marathon drops.
    if (seg === '' && (si === 0 || si === segments.length - 1)) return;
    if (seg === '') {
      out.push({ start: segStart - 1, end: segStart + 1, whys: ['an empty path segment (`//`)'] });
      return;
    }
    if (segmentOk(seg)) return;
    // Characters that are never allowed.
    for (const m of seg.matchAll(/[^a-z0-9.-]+/g)) {
      const run = m[0];
      const kinds = new Set([...run].map((c) => (/[A-Z]/.test(c) ? 'upper-case letters' : c === '_' ? '`_`' : c === ' ' ? 'spaces' : JSON.stringify(c))));
      out.push({ start: segStart + m.index!, end: segStart + m.index! + run.length, whys: [...kinds] });
    }
    if (/[^a-z0-9.-]/.test(seg)) return;
    // Only allowed characters: the problem is the shape of a dot-separated label.
    let lpos = segStart;
    for (const label of seg.split('.')) {
      if (label === '') out.push({ start: Math.max(segStart, lpos - 1), end: Math.min(lpos + 1, segStart + seg.length), whys: ['an empty part between dots'] });
      else {
        if (label.startsWith('-')) out.push({ start: lpos, end: lpos + 1, whys: ['a `-` at the start of a part'] });
        if (label.endsWith('-') && label.length > 1) out.push({ start: lpos + label.length - 1, end: lpos + label.length, whys: ['a `-` at the end of a part'] });
      }
      lpos += label.length + 1;
    }
  });
  return out;
}

/** The fix Marathon users usually want: lower-case, `_` → `-`; only offered when the result is valid. */
export function suggestId(id: string): string | undefined {
  const next = id.toLowerCase().replace(/_/g, '-');
  if (next === id) return undefined;
  return badParts(next).length === 0 ? next : undefined;
}

export const marathonId: Rule = {
  id: 'marathon-id',
  kinds: ['marathon-app'],
  severity: 'error',
  severities: [
    { severity: 'error', when: 'for a missing or invalid id' },
    { severity: 'warning', when: "for an id ending in one of Marathon's API words (refused by 1.8 and later only)" },
  ],
  title: 'App id missing or not a valid Marathon path',
  fixable: true,
  docs:
    'Every app needs an `id`: a path such as `sysdig-agent` or `/monitoring/sysdig-agent`. Each segment between `/` may hold only lower-case letters, digits, `-` and `.`, and no dot-separated part may start or end with `-` (ids become DNS names). Marathon refuses anything else with `422 Object is not valid`, path `/id`, "must fully match regular expression \'…\'" (0.7 said "path contains invalid characters"); a missing id is refused too, and a number instead of a string gets `error.expected.jsstring`. The finding points at the offending characters. The quick fix lower-cases the id and turns `_` into `-` when that gives a valid id, editing only the changed characters. Marathon 1.8 and later also refuse ids whose last segment is `restart`, `tasks` or `versions`; that is reported as a warning because older versions accept it.',
  check({ doc, report }) {
    const root = rootObject(doc);
    if (!root) return;
    const p = getProp(root, 'id');
    if (!p) {
      report({ start: root.range.start, end: root.range.start + 1, message: 'The app has no "id": Marathon refuses it (422, path /id). Add an id such as "sysdig-agent".' });
      return;
    }
    const s = asScalar(p.value);
    if (!s || typeof s.value !== 'string') {
      const r = p.value ? p.value.range : p.keyRange;
      report({ start: r.start, end: r.end, message: 'The app "id" must be a JSON string such as "sysdig-agent": Marathon answers error.expected.jsstring at /id.' });
      return;
    }
    const id = s.value;
    if (id.replace(/\//g, '') === '') {
      report({ start: s.range.start, end: s.range.end, message: `The app "id" ${JSON.stringify(id)} names no app: Marathon refuses it (422, path /id).` });
      return;
    }
    const bad = badParts(id);
    if (bad.length) {
      const suggestion = suggestId(id);
      const fixes = suggestion ? [{ title: `Change the id to ${JSON.stringify(suggestion)}`, edits: rewriteString(doc, s, suggestion), preferred: true }] : undefined;
      // One finding from the first to the last offending character, so "fix all" applies the fix once.
      const range = contentRange(doc, s, Math.min(...bad.map((b) => b.start)), Math.max(...bad.map((b) => b.end)));
      const reasons = [...new Set(bad.flatMap((b) => b.whys))].join(', ');
      report({
        start: range.start,
        end: range.end,
        message: `Invalid Marathon id ${JSON.stringify(id)} (${reasons}): segments may contain only lower-case letters, digits, "-" and ".", with no "-" at the start or end of a part. Marathon refuses it with 422 at /id: "must fully match regular expression '${MARATHON_ID_REGEX}'".`,
        fixes,
      });
      return;
    }
    const segs = id.split('/').filter((x) => x !== '');
    const last = segs[segs.length - 1];
    if (RESERVED_LAST.has(last)) {
      const idx = id.lastIndexOf(last);
      const r = contentRange(doc, s, idx, idx + last.length);
      report({
        start: r.start,
        end: r.end,
        severity: 'warning',
        message: `An app id ending in "${last}" clashes with Marathon's own API paths: Marathon 1.8 and later refuse it (422 at /id); older versions accept it.`,
      });
    }
  },
};
