import type { MesosFact } from '../../workspace/facts';
import { nameList, reportGroup, type WorkspaceEntry, type WorkspaceRule } from './workspace-rule';

export const workspaceDelegatedAgents: WorkspaceRule = {
  id: 'workspace-delegated-agents',
  kinds: ['dragent', 'marathon-app'],
  severity: 'warning',
  title: 'more than one config reads the same Mesos cluster remotely',
  docs:
    'The guide: when the Mesos master runs no agent, "choose another node with an agent installed to remotely receive infrastructure information from the API server. Choose only one other agent installed node for this role". A `mesos_state_uri` naming a remote master makes the agent that reads it a delegated agent; two configs of the workspace doing so for the same cluster make two delegated agents, each polling the master\'s whole state and each sending the cluster\'s metadata, so the backend gets it twice. **The same cluster**: the same set of hosts in `mesos_state_uri` (dragent.yaml, or the `ADDITIONAL_CONF` of an agent app), compared as `host:port` with the host in lower case and port 5050 where the URI writes none; scheme, credentials and path do not count. **Remote**: any host but `localhost`, the loopback addresses and 0.0.0.0 (a file cannot tell a host name that is the node itself). Every config involved gets the finding, with links to the others; keep `mesos_state_uri` in one of them and remove it (or set it to the local master) in the others. In the editor the workspace is every workspace folder; in the CLI, every file given or found under the directories given.',
  checkWorkspace(ctx) {
    const byCluster = new Map<string, { entry: WorkspaceEntry; at: MesosFact }[]>();
    for (const entry of ctx.entries) {
      const m = entry.facts.mesos;
      if (!m) continue;
      let g = byCluster.get(m.cluster);
      if (!g) byCluster.set(m.cluster, (g = []));
      g.push({ entry, at: m });
    }
    for (const [cluster, group] of byCluster) {
      if (group.length < 2) continue;
      reportGroup(
        ctx,
        group,
        (self, others) =>
          `${self.at.where} makes this agent read the remote Mesos master ${cluster}, and so ${others.length === 1 ? 'does' : 'do'} ${nameList(others.map((o) => o.entry.label))}: the guide says to choose only one other agent for this role (each delegated agent polls the master and sends the cluster's metadata). Keep \`mesos_state_uri\` in one config.`,
        (o) => `${o.at.where} also reads ${cluster} remotely`,
      );
    }
  },
};
