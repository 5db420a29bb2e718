import { getProp } from '../../documents/model';
import type { Rule } from '../rule';
import { agentApp, dockerKey } from './agent';
import { asArray, asString, insertItems, insertMember, stringValue } from './util';

export const agentAppPidHost: Rule = {
  id: 'agent-app-pid-host',
  kinds: ['marathon-app'],
  severity: 'warning',
  title: 'Sysdig agent without the host PID namespace',
  fixable: true,
  docs:
    'The agent has to see every process on the host, which needs Docker\'s `--pid=host`. Marathon has no field for it; the guide passes it as a docker parameter, `{ "key": "pid", "value": "host" }` in `container.docker.parameters`. Without it Marathon deploys the app, but the agent only sees its own container\'s processes and host and container metrics are incomplete. Only checked for `sysdig/agent` apps. The quick fix adds the parameter (creating `parameters` when needed) or corrects its value.',
  check({ doc, report }) {
    const app = agentApp(doc);
    if (!app) return;
    const paramsP = getProp(app.docker, 'parameters');
    const params = asArray(paramsP?.value);
    for (const item of params?.items ?? []) {
      if (stringValue(getProp(item, 'key')?.value) !== 'pid') continue;
      const v = asString(getProp(item, 'value')?.value);
      if (v && v.value === 'host') return;
      const r = v ? v.range : item.range;
      report({
        start: r.start,
        end: r.end,
        message: 'The Sysdig agent needs the host PID namespace: the docker parameter "pid" must be "host".',
        fixes: v ? [{ title: 'Set the value to "host"', edits: [{ start: v.range.start, end: v.range.end, newText: '"host"' }], preferred: true }] : undefined,
      });
      return;
    }
    const r = paramsP && params ? paramsP.keyRange : dockerKey(app);
    const edit = params ? insertItems(doc, params, [{ key: 'pid', value: 'host' }], 0) : insertMember(doc, app.docker, 'parameters', [{ key: 'pid', value: 'host' }], 1);
    report({
      start: r.start,
      end: r.end,
      message: 'The Sysdig agent runs without the host PID namespace: it sees only its own processes. Add the docker parameter { "key": "pid", "value": "host" }.',
      fixes: [{ title: 'Add { "key": "pid", "value": "host" }', edits: [edit], preferred: true }],
    });
  },
};
