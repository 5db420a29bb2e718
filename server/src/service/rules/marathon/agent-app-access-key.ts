import type { Rule } from '../rule';
import { addEnvFix, agentApp, envAnchor, envEntries } from './agent';
import { missingOrEmpty } from '../../deploy-fills';
import { effectiveModel } from '../../embedded/effective-config';

export const agentAppAccessKey: Rule = {
  id: 'agent-app-access-key',
  kinds: ['marathon-app'],
  severity: 'error',
  severities: [
    { severity: 'error', when: 'in general' },
    { severity: 'info', when: 'in the editor when deploy fills the variable (an access key is in VS Code\'s secret storage)' },
  ],
  title: 'Sysdig agent app without ACCESS_KEY',
  fixable: true,
  docs:
    'The agent image\'s entrypoint writes the `ACCESS_KEY` environment variable into dragent.yaml as `customerid`; without it the agent has no access key, cannot authenticate with the Sysdig backend and sends nothing, although Marathon happily runs it. An `ADDITIONAL_CONF` that writes a non-empty `customerid` counts as the key (the entrypoint appends it to a fresh dragent.yaml). The variable may come from the app\'s `env` (a string or a `{"secret": …}` reference) or, as in the guide, from a docker parameter `{ "key": "env", "value": "ACCESS_KEY=…" }`. An empty value is reported too; a leftover placeholder is the `placeholder` rule\'s business. Only checked for `sysdig/agent` apps. The quick fix adds `ACCESS_KEY` with a `YOUR-ACCESS-KEY-HERE` placeholder where the app keeps its other variables; replace it with the key from the Sysdig settings page.',
  check({ doc, settings, report }) {
    const app = agentApp(doc);
    if (!app) return;
    const all = envEntries(doc, app);
    const entries = all.filter((e) => e.name === 'ACCESS_KEY');
    if (!entries.length) {
      // The entrypoint appends ADDITIONAL_CONF to a dragent.yaml it writes afresh (agent-dragent.md §1 item 16, §5):
      // a `customerid` there is the agent's access key. When the file persists on a volume it applies on a node's
      // first start only — agent-app-additional-conf-persisted says so; here the key is not missing.
      if (setByAdditionalConf(doc)) return;
      const r = envAnchor(app);
      report({
        start: r.start,
        end: r.end,
        ...missingOrEmpty(settings.deployFills, all, 'ACCESS_KEY', 'The Sysdig agent app sets no ACCESS_KEY (neither in "env" nor as a docker "env" parameter): the agent cannot authenticate and sends no data.', true),
        fixes: [addEnvFix(doc, app, 'ACCESS_KEY', 'YOUR-ACCESS-KEY-HERE', 'Add ACCESS_KEY (then fill in your access key)')],
      });
      return;
    }
    for (const e of entries) {
      if (e.secret || e.value === undefined || e.value.trim() !== '') continue;
      report({ start: e.valueRange.start, end: e.valueRange.end, ...missingOrEmpty(settings.deployFills, all, 'ACCESS_KEY', 'ACCESS_KEY is empty: the Sysdig agent cannot authenticate and sends no data.', false) });
    }
  },
};

/** ADDITIONAL_CONF writes a non-empty top-level `customerid` line (the model's raw text, never shown). */
function setByAdditionalConf(doc: Parameters<Rule['check']>[0]['doc']): boolean {
  const m = effectiveModel(doc);
  return !!m?.lines.some((l) => l.key === 'customerid' && l.origin.kind === 'additional-conf' && /^customerid\s*:\s*\S/.test(l.raw) && !/^customerid\s*:\s*(""|''|~|null)?\s*(#.*)?$/.test(l.raw));
}
