import type { Rule } from '../rule';
import { addEnvFix, agentApp, envAnchor, envEntries } from './agent';
import { missingOrEmpty } from '../../deploy-fills';

export const DEFAULT_COLLECTOR = 'collector.sysdigcloud.com';

export const agentAppCollector: Rule = {
  id: 'agent-app-collector',
  kinds: ['marathon-app'],
  severity: 'warning',
  severities: [
    { severity: 'warning', when: 'in general' },
    { severity: 'info', when: 'in the editor when deploy fills the variable (the `sysdig-mesos.deploy.collector` setting is set)' },
  ],
  title: 'Sysdig agent app without COLLECTOR',
  fixable: true,
  docs:
    `The entrypoint writes the \`COLLECTOR\` environment variable into dragent.yaml as \`collector\`. Without it the agent connects to the default SaaS collector, \`${DEFAULT_COLLECTOR}\`: right for that SaaS region, wrong for an on-premises backend or another region, where the agent then never shows up. The guide always sets it (\`{ "key": "env", "value": "COLLECTOR=…" }\`). An empty value is reported too. Only checked for \`sysdig/agent\` apps. The quick fix writes the default explicitly (\`COLLECTOR=${DEFAULT_COLLECTOR}\`) where the app keeps its other variables, so the choice is visible; change it for other backends.`,
  check({ doc, settings, report }) {
    const app = agentApp(doc);
    if (!app) return;
    const all = envEntries(doc, app);
    const entries = all.filter((e) => e.name === 'COLLECTOR');
    if (!entries.length) {
      const r = envAnchor(app);
      report({
        start: r.start,
        end: r.end,
        ...missingOrEmpty(settings.deployFills, all, 'COLLECTOR', `The Sysdig agent app sets no COLLECTOR: the agent connects to the default SaaS collector ${DEFAULT_COLLECTOR}. Set COLLECTOR for an on-premises backend or another region.`, true),
        fixes: [addEnvFix(doc, app, 'COLLECTOR', DEFAULT_COLLECTOR, `Set COLLECTOR=${DEFAULT_COLLECTOR} explicitly`, true)],
      });
      return;
    }
    for (const e of entries) {
      if (e.secret || e.value === undefined || e.value.trim() !== '') continue;
      report({ start: e.valueRange.start, end: e.valueRange.end, ...missingOrEmpty(settings.deployFills, all, 'COLLECTOR', 'COLLECTOR is empty: the agent has no collector host to connect to.', false) });
    }
  },
};
