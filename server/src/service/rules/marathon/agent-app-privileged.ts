import { getProp } from '../../documents/model';
import type { Rule } from '../rule';
import { agentApp, dockerKey } from './agent';
import { asScalar, insertMember } from './util';

export const agentAppPrivileged: Rule = {
  id: 'agent-app-privileged',
  kinds: ['marathon-app'],
  severity: 'warning',
  title: 'Sysdig agent container is not privileged',
  fixable: true,
  docs:
    'The Sysdig agent captures system calls through a kernel module (or an eBPF probe) that it loads from inside its container, and reads every process on the host; that only works in a privileged container. Marathon accepts an agent app without `"privileged": true` and the container starts, but the agent cannot load its driver and reports nothing useful. Checked only for apps whose `container.docker.image` is `sysdig/agent` (any registry, tag or digest). The quick fix sets `"privileged": true` in `container.docker`, adding the member when it is missing.',
  check({ doc, report }) {
    const app = agentApp(doc);
    if (!app) return;
    const p = getProp(app.docker, 'privileged');
    if (p && p.value) {
      const s = asScalar(p.value);
      if (s && s.value === true) return;
      report({
        start: p.value.range.start,
        end: p.value.range.end,
        message: 'The Sysdig agent must run privileged to load its kernel module or eBPF probe; without it the agent starts but captures nothing. Set "privileged": true.',
        fixes: [{ title: 'Set "privileged": true', edits: [{ start: p.value.range.start, end: p.value.range.end, newText: 'true' }], preferred: true }],
      });
      return;
    }
    const r = dockerKey(app);
    report({
      start: r.start,
      end: r.end,
      message: 'The Sysdig agent container is not privileged ("privileged" is missing, so false): the agent cannot load its kernel module or eBPF probe and captures nothing. Add "privileged": true.',
      fixes: [{ title: 'Add "privileged": true', edits: [insertMember(doc, app.docker, 'privileged', true)], preferred: true }],
    });
  },
};
