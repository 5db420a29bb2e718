import { getProp } from '../../documents/model';
import type { Rule } from '../rule';
import { agentApp } from './agent';
import { asScalar } from './util';
import { additionalConfs } from '../../embedded/additional-conf';
import { collectUris } from '../../dragent/uris';
import { parseAgentUri } from '../../agent-uri';

/** A host that is the node itself: the agent on a master node reading its own Mesos/Marathon is not delegated. */
function isLocalHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

export const agentAppDelegatedAgent: Rule = {
  id: 'agent-app-delegated-agent',
  kinds: ['marathon-app'],
  severity: 'warning',
  title: 'Every instance of the agent app reads a remote Mesos master (one delegated agent intended)',
  docs:
    'The vendor guide: when the Mesos master cannot run an agent itself, "choose another node with an agent installed to remotely receive infrastructure information from the API server. Choose only one other agent installed node for this role". The Sysdig agent\'s Marathon app runs one agent on every agent node (`instances` = the number of nodes, one per host), so a `mesos_state_uri` (or `marathon_uris`) naming a remote master in its `ADDITIONAL_CONF` makes every instance such a delegated agent: each polls the master\'s whole state, and the cluster\'s metadata arrives once per node. Reported on the URI inside the `ADDITIONAL_CONF` string, unless `instances` is 1 (or 0, or left out: Marathon\'s default is 1); a URI on `localhost` or `127.x.x.x` is the node\'s own master, not a remote one. Put the Mesos parameters in the one delegated agent\'s dragent.yaml (or a separate one-instance app) instead. No quick fix: which node should be the delegated agent is the operator\'s choice.',
  check({ doc, report }) {
    const app = agentApp(doc);
    if (!app) return;
    const instancesProp = getProp(app.root, 'instances');
    if (!instancesProp) return; // Marathon's default: one instance
    const inst = asScalar(instancesProp.value);
    const n = inst && typeof inst.value === 'number' ? inst.value : undefined;
    if (n === 1 || n === 0) return;
    const count = n !== undefined ? `instances: ${n}` : `instances: ${instancesProp.value ? doc.text.slice(instancesProp.value.range.start, instancesProp.value.range.end) : 'unset'}`;
    for (const conf of additionalConfs(doc)) {
      for (const e of collectUris(conf.doc).entries) {
        if (e.key === 'marathon_uris' && e.index !== 0) continue; // the agent uses only the first
        const parsed = parseAgentUri(e.scalar.text.trim());
        if (!parsed.ok || isLocalHost(parsed.uri.host.value)) continue;
        const span = conf.map.toDocSpan(e.scalar.range.start, e.scalar.range.end);
        const what = e.key === 'mesos_state_uri' ? 'the Mesos master' : 'Marathon';
        report({
          ...span,
          message: `\`${e.key}\` in \`ADDITIONAL_CONF\` points at ${what} on ${parsed.uri.host.value}: every instance of this app (${count}, one agent per node) becomes a delegated agent reading it remotely. The vendor guide: choose only one other agent for this role — set it in that agent's dragent.yaml, not in the app that runs on every node.`,
        });
      }
    }
  },
};
