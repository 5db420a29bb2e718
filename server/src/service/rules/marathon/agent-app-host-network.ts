import { getProp } from '../../documents/model';
import type { Rule } from '../rule';
import { agentApp } from './agent';
import { asArray, asObject, asString, inlineJson } from './util';

const DOCKER_NETWORKS = ['BRIDGE', 'HOST', 'NONE', 'USER'];

export const agentAppHostNetwork: Rule = {
  id: 'agent-app-host-network',
  kinds: ['marathon-app'],
  severity: 'warning',
  severities: [
    { severity: 'warning', when: 'for a network mode Marathon accepts other than host' },
    { severity: 'error', when: 'for a docker network Marathon refuses (not upper case, unknown)' },
  ],
  title: 'Sysdig agent not on the host network',
  fixable: true,
  docs:
    'The agent must share the host\'s network namespace to see the host\'s connections and to reach the local Mesos and Marathon APIs on `localhost:5050`/`localhost:8080`. The guide uses `"network": "HOST"` in `container.docker`; Marathon 1.5 and later express the same with `"networks": [{"mode": "host"}]`. Leaving both out is fine (host networking is the default for Docker containers and for 1.5+ apps); any other mode (`BRIDGE`, `USER`, `container`, `container/bridge`) is accepted by Marathon but leaves the agent blind to host traffic. A docker network written in lower case (`"host"`) is refused by Marathon outright and reported as an error. Only checked for `sysdig/agent` apps. The quick fix switches the mode to host networking.',
  check({ doc, report }) {
    const app = agentApp(doc);
    if (!app) return;
    const net = getProp(app.docker, 'network');
    const s = asString(net?.value);
    if (net && s && s.value !== 'HOST') {
      const v = s.value as string;
      const refused = !DOCKER_NETWORKS.includes(v);
      report({
        start: s.range.start,
        end: s.range.end,
        severity: refused ? 'error' : undefined,
        message: refused
          ? `Docker network ${JSON.stringify(v)} is not one of ${DOCKER_NETWORKS.join(', ')} (upper case): Marathon refuses the app. The Sysdig agent needs "HOST".`
          : `The Sysdig agent runs on the ${v} network: it cannot see the host's connections nor reach Mesos/Marathon on localhost. Use "network": "HOST".`,
        fixes: [{ title: 'Use "network": "HOST"', edits: [{ start: s.range.start, end: s.range.end, newText: '"HOST"' }], preferred: true }],
      });
    }
    for (const item of asArray(getProp(app.root, 'networks')?.value)?.items ?? []) {
      const o = asObject(item);
      if (!o) continue;
      const modeP = getProp(o, 'mode');
      const mode = asString(modeP?.value);
      if (mode && mode.value === 'host') continue;
      if (mode) {
        report({
          start: mode.range.start,
          end: mode.range.end,
          message: `The Sysdig agent joins a ${JSON.stringify(mode.value)} network: it cannot see the host's connections nor reach Mesos/Marathon on localhost. Use {"mode": "host"}.`,
          fixes: [{ title: 'Use "mode": "host"', edits: [{ start: mode.range.start, end: mode.range.end, newText: '"host"' }], preferred: true }],
        });
      } else if (!modeP) {
        report({
          start: o.range.start,
          end: o.range.end,
          message: 'A network without "mode" is a "container" network: the Sysdig agent would not see the host\'s connections. Use {"mode": "host"}.',
          fixes: [{ title: 'Use {"mode": "host"}', edits: [{ start: o.range.start, end: o.range.end, newText: inlineJson({ mode: 'host' }) }], preferred: true }],
        });
      }
    }
  },
};
