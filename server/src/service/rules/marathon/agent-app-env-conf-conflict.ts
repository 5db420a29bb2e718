import type { Rule } from '../rule';
import { SAME_DOCUMENT, type Fix, type RelatedLocation, type Span } from '../../types';
import { describeOrigin, effectiveModel, type EffectiveModel, type LineOrigin } from '../../embedded/effective-config';
import { mapFix } from '../../embedded/embedded-findings';
import type { MProp } from '../../documents/model';
import { ENTRYPOINT_SOURCE } from '../../public-sources';

/** the keys the access key and the collector go to: the sharper message (a second, unused backend or key) */
const CONNECTION: Record<string, string> = { customerid: 'ACCESS_KEY', collector: 'COLLECTOR' };

export const agentAppEnvConfConflict: Rule = {
  id: 'agent-app-env-conf-conflict',
  kinds: ['marathon-app'],
  severity: 'warning',
  title: 'A dragent.yaml key set both by an environment variable and in ADDITIONAL_CONF',
  fixable: true,
  // the order: agent-dragent.md §1 item 16 and entrypoint.ts; duplicate keys: agent-dragent.md §2
  docs:
    "The agent image's entrypoint writes dragent.yaml in a fixed order (" +
    ENTRYPOINT_SOURCE +
    "): `ACCESS_KEY`→`customerid`, `TAGS`→`tags`, `COLLECTOR`→`collector`, `COLLECTOR_PORT`→`collector_port`, `SECURE`→`ssl`, `CHECK_CERTIFICATE`→`ssl_verify_certificate`, then `ADDITIONAL_CONF` appended, then `RUN_MODE`→`run_mode`. The agent's YAML reader, yaml-cpp, keeps a key written twice and a lookup returns the first, so the same key in `ADDITIONAL_CONF` after one of the first six variables is silently never used; `RUN_MODE`'s `sed` rewrites a `run_mode:` line that `ADDITIONAL_CONF` wrote at column 0, and is itself the one ignored when `ADDITIONAL_CONF` wrote `run_mode` any other way. Reported on the setting that is not used, inside the JSON string, with the one the agent uses as related location. `customerid` and `collector` (while `ACCESS_KEY` / `COLLECTOR` are set, or filled by deploy) are the same rule with a sharper message, not a rule of their own: the mechanism, the consequence (a second access key or backend that is never used) and the fix are the same, and one rule keeps one finding per place. The quick fix removes the unused lines from `ADDITIONAL_CONF` (the string stays valid JSON); nothing changes for the agent. See the effective dragent.yaml (`sysdig-mesos effective`, or the editor's *Show the agent's effective dragent.yaml*).",
  check({ doc, settings, report }) {
    const m = effectiveModel(doc, settings.deployFills);
    if (!m?.conf) return;
    const first = new Map<string, number>();
    for (const { prop, line } of m.props) {
      const at = first.get(prop.key);
      if (at === undefined) {
        first.set(prop.key, line);
        continue;
      }
      const usedLine = m.lines[at];
      const here = m.lines[line];
      if (here.origin.kind === 'additional-conf' && usedLine.origin.kind !== 'additional-conf') {
        // the usual case: an env variable wrote the key before ADDITIONAL_CONF was appended
        const span = confSpan(m, prop);
        if (!span) continue;
        report({ ...span.doc, message: message(prop.key, usedLine.origin), ...related(usedLine.origin), fixes: removeFix(m, prop, span) });
      } else if (here.origin.kind !== 'additional-conf' && usedLine.origin.kind === 'additional-conf' && here.origin.kind === 'env') {
        // RUN_MODE appended after an ADDITIONAL_CONF `run_mode` its sed did not match: the variable is the one ignored
        report({
          ...here.origin.span,
          message: `${here.origin.name} is not used: \`ADDITIONAL_CONF\` already writes \`${prop.key}\` (line ${usedLine.origin.line} of its text, not at column 0 as \`${prop.key}:\`, so the entrypoint's sed leaves it) and ${here.origin.name} is appended after it; the agent (yaml-cpp) reads the first.`,
          related: [{ id: SAME_DOCUMENT, ...usedLine.origin.span, message: `\`${prop.key}\` in ADDITIONAL_CONF, the value the agent reads` }],
        });
      }
    }
    // RUN_MODE's sed rewrote a line ADDITIONAL_CONF wrote: that line's value is gone
    for (const l of m.lines) {
      if (!l.replaced || l.replaced.kind !== 'additional-conf' || l.origin.kind !== 'env' || !l.conf) continue;
      const fix = removeLineFix(m, l.conf.embStart, l.key ?? 'run_mode');
      report({
        ...l.replaced.span,
        message: `${l.origin.name} replaces this line: after \`ADDITIONAL_CONF\` is appended, the entrypoint's \`sed\` rewrites every line starting with \`${l.key ?? 'run_mode'}:\` with ${l.origin.name}'s value, so the value here is never written.`,
        related: [{ id: SAME_DOCUMENT, ...l.origin.span, message: `${l.origin.name}, whose value the agent reads` }],
        ...(fix ? { fixes: fix } : {}),
      });
    }
  },
};

function message(key: string, used: LineOrigin): string {
  const by = used.kind === 'deploy' ? `${used.name} (${describeOrigin(used)})` : used.kind === 'env' ? used.name : describeOrigin(used);
  const order = `${by} writes \`${key}\` to dragent.yaml before \`ADDITIONAL_CONF\` is appended, and the agent (yaml-cpp) reads the first`;
  const name = CONNECTION[key];
  if (name && used.kind !== 'additional-conf' && used.name === name) {
    const what = key === 'customerid' ? 'access key' : 'collector';
    return `The ${what} in \`ADDITIONAL_CONF\` (\`${key}\`) is never used: ${order}. The agent connects with the ${name} value; remove \`${key}\` from ADDITIONAL_CONF${key === 'customerid' ? ' (a second copy of a secret in the app)' : ''}.`;
  }
  return `\`${key}\` in \`ADDITIONAL_CONF\` is not used: ${order}.`;
}

function related(used: LineOrigin): { related?: RelatedLocation[] } {
  if (used.kind !== 'env') return {};
  return { related: [{ id: SAME_DOCUMENT, ...used.span, message: `${used.name}, the value the agent reads` }] };
}

/** A top-level prop of the effective file that ADDITIONAL_CONF wrote: its characters in the JSON string, and its embedded range. */
function confSpan(m: EffectiveModel, prop: MProp): { doc: Span; emb: Span } | undefined {
  // the line holding the prop's start, by binary search (a findIndex per prop was quadratic on many duplicates)
  let lo = 0;
  let hi = m.rawLineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (m.rawLineStarts[mid] <= prop.range.start) lo = mid;
    else hi = mid - 1;
  }
  const first = lo;
  const line = m.lines[first];
  if (!line?.conf) return undefined;
  const delta = line.conf.embStart - m.rawLineStarts[first];
  const emb = { start: prop.range.start + delta, end: prop.range.end + delta };
  return { doc: line.conf.conf.map.toDocSpan(emb.start, emb.end), emb };
}

/**
 * Remove the prop's lines from ADDITIONAL_CONF: from its line's start through the newline after its end, when it
 * starts its line and ends one (a block mapping entry); no fix for a part of a flow mapping.
 */
function removeFix(m: EffectiveModel, prop: MProp, span: { emb: Span }): Fix[] | undefined {
  const conf = m.conf!;
  const text = conf.map.text;
  let start = span.emb.start;
  while (start > 0 && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
  if (start > 0 && text[start - 1] !== '\n') return undefined;
  let end = span.emb.end;
  while (end < text.length && (text[end] === ' ' || text[end] === '\t')) end++;
  if (end < text.length && text[end] !== '\n') return undefined;
  if (end < text.length) end++;
  return [mapFix(conf, { title: `Remove \`${prop.key}\` from ADDITIONAL_CONF (not used)`, edits: [{ start, end, newText: '' }], preferred: true })];
}

/** Remove one line of ADDITIONAL_CONF (embedded offset of its start), unless the lines after it are its children. */
function removeLineFix(m: EffectiveModel, embStart: number, key: string): Fix[] | undefined {
  const conf = m.conf!;
  const text = conf.map.text;
  const nl = text.indexOf('\n', embStart);
  const end = nl < 0 ? text.length : nl + 1;
  if (end < text.length && (text[end] === ' ' || text[end] === '\t')) return undefined;
  return [mapFix(conf, { title: `Remove \`${key}\` from ADDITIONAL_CONF (replaced by the entrypoint)`, edits: [{ start: embStart, end, newText: '' }], preferred: true })];
}
