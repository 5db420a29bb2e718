import { getProp } from '../../documents/model';
import type { Rule } from '../rule';
import { agentApp, oneTaskPerHost } from './agent';
import { asArray, insertItems, insertMember } from './util';

export const agentAppUniqueHost: Rule = {
  id: 'agent-app-unique-host',
  kinds: ['marathon-app'],
  severity: 'warning',
  title: 'Sysdig agent app without a one-per-host constraint',
  fixable: true,
  docs:
    'Exactly one agent should run on each Mesos agent node: two agents on one host both load the driver and report the host twice, and `instances` only means "one per node" when Marathon is told so. The guide uses the constraint `["hostname", "UNIQUE"]` (`["hostname", "MAX_PER", "1"]` is accepted as equivalent). Without it Marathon packs several agent tasks onto the same node as soon as resources allow. Only checked for `sysdig/agent` apps. The quick fix adds `["hostname", "UNIQUE"]`, creating `constraints` when needed.',
  check({ doc, report }) {
    const app = agentApp(doc);
    if (!app) return;
    const cP = getProp(app.root, 'constraints');
    const list = asArray(cP?.value);
    if (oneTaskPerHost(app)) return;
    const idP = getProp(app.root, 'id');
    const r = cP && list ? cP.keyRange : idP ? idP.keyRange : { start: app.root.range.start, end: app.root.range.start + 1 };
    const edit = list ? insertItems(doc, list, [['hostname', 'UNIQUE']], 0) : insertMember(doc, app.root, 'constraints', [['hostname', 'UNIQUE']], 0);
    report({
      start: r.start,
      end: r.end,
      message: 'The Sysdig agent app has no ["hostname", "UNIQUE"] constraint: Marathon may start several agents on one node (double data, two drivers) and none on others.',
      fixes: [{ title: 'Add ["hostname", "UNIQUE"]', edits: [edit], preferred: true }],
    });
  },
};
