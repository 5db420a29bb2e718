import type { TextEdit } from '../../types';
import type { Rule } from '../rule';
import { agentApp, envEntries, type EnvEntry } from './agent';
import { replaceInString } from './util';
import type { ParsedDocument } from '../../documents/model';

/** Variables the agent image's entrypoint turns into dragent.yaml settings (agent-dragent.md §1.16). */
export const AGENT_ENV_NAMES = ['ACCESS_KEY', 'TAGS', 'COLLECTOR', 'COLLECTOR_PORT', 'SECURE', 'CHECK_CERTIFICATE', 'RUN_MODE', 'ADDITIONAL_CONF'];
const RENAMES: Record<string, string> = { CHECK_CERT: 'CHECK_CERTIFICATE' };

function renameEdit(doc: ParsedDocument, e: EnvEntry, to: string): TextEdit {
  if (e.source === 'parameter' && e.node) return replaceInString(doc, e.node, 0, e.name.length, to);
  const raw = doc.text.slice(e.keyRange.start, e.keyRange.end);
  if (raw.length >= 2 && raw.slice(1, -1) === e.name) return { start: e.keyRange.start + 1, end: e.keyRange.end - 1, newText: to };
  return { start: e.keyRange.start, end: e.keyRange.end, newText: JSON.stringify(to) };
}

export const agentAppEnvName: Rule = {
  id: 'agent-app-env-name',
  kinds: ['marathon-app'],
  severity: 'warning',
  title: 'Agent environment variable the entrypoint does not read',
  fixable: true,
  docs:
    'The agent image\'s entrypoint maps a fixed set of environment variables to dragent.yaml: `ACCESS_KEY`, `TAGS`, `COLLECTOR`, `COLLECTOR_PORT`, `SECURE`, `CHECK_CERTIFICATE`, `RUN_MODE` and `ADDITIONAL_CONF`. Sysdig\'s own documentation and install scripts spell the certificate switch `CHECK_CERT`, which the entrypoint never reads, so `CHECK_CERT=false` leaves certificate checking on and an on-premises backend with a private certificate stays unreachable. Names are case-sensitive: `collector` is not `COLLECTOR`. Only checked for `sysdig/agent` apps, in `env` and in docker `env` parameters. The quick fix renames the variable, unless the correct name is already set.',
  check({ doc, report }) {
    const app = agentApp(doc);
    if (!app) return;
    const entries = envEntries(doc, app);
    const names = new Set(entries.map((e) => e.name));
    for (const e of entries) {
      if (AGENT_ENV_NAMES.includes(e.name)) continue;
      const to = RENAMES[e.name.toUpperCase()] ?? AGENT_ENV_NAMES.find((n) => n === e.name.toUpperCase());
      if (!to) continue;
      const r = e.source === 'parameter' && e.node ? rangeOfName(doc, e) : e.keyRange;
      const already = names.has(to);
      report({
        start: r.start,
        end: r.end,
        message: `The agent's entrypoint does not read ${e.name}; it reads ${to}${RENAMES[e.name.toUpperCase()] ? ' (the documentation\'s spelling is ignored)' : ' (names are case-sensitive)'}.${already ? ` ${to} is also set, so this one is dead.` : ''}`,
        fixes: already ? undefined : [{ title: `Rename to ${to}`, edits: [renameEdit(doc, e, to)], preferred: true }],
      });
    }
  },
};

function rangeOfName(doc: ParsedDocument, e: EnvEntry) {
  const n = e.node!;
  const raw = doc.text.slice(n.range.start, n.range.end);
  if (raw.length >= 2 && raw.slice(1, -1) === n.value) return { start: n.range.start + 1, end: n.range.start + 1 + e.name.length };
  return n.range;
}
