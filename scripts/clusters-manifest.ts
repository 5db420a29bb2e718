// Named clusters' part of the manifest (issue 13 §2): the `sysdig-mesos.clusters` setting — the same entries as
// `.sysdig-mesos.json`'s `clusters`, from its schema — and the commands that keep each cluster's credentials in VS
// Code's secret storage. scripts/manifest.ts `applyManifest` writes it; test/client/manifest.test.ts fails on drift.
import configSchema from '../schemas/sysdig-mesos-config.schema.json';
import { CLUSTERS_SETTING, COMMANDS, SECTION } from '../client/src/ids';

const CATEGORY = 'Sysdig Mesos';

export const CLUSTER_COMMAND_CONTRIBUTIONS = [
  { command: COMMANDS.setClusterCredentials, title: 'Set Cluster Credentials…', category: CATEGORY, enablement: '!virtualWorkspace' },
  { command: COMMANDS.clearClusterCredentials, title: 'Clear Cluster Credentials…', category: CATEGORY, enablement: '!virtualWorkspace' },
];

/** Writes the setting and the commands into a parsed package.json (in place). */
export function applyClustersManifest(pkg: Record<string, any>): void {
  const c = pkg.contributes;
  const ours = new Set<string>(CLUSTER_COMMAND_CONTRIBUTIONS.map((x) => x.command));
  const at = c.commands.findIndex((x: { command: string }) => x.command === COMMANDS.setMarathonCredentials);
  const rest = c.commands.filter((x: { command: string }) => !ours.has(x.command));
  // next to "Set Marathon credentials for deploy" in the list
  const i = at < 0 ? rest.length : rest.findIndex((x: { command: string }) => x.command === COMMANDS.setMarathonCredentials) + 1;
  c.commands = [...rest.slice(0, i), ...CLUSTER_COMMAND_CONTRIBUTIONS, ...rest.slice(i)];
  const items = JSON.parse(JSON.stringify(configSchema.properties.clusters.items)) as Record<string, any>;
  items.properties.app.description = 'The agent app file (sysdig.json) of this cluster, relative to the first workspace folder.';
  const setting = `${SECTION}.${CLUSTERS_SETTING}`;
  c.configuration.properties[setting] = {
    type: 'array',
    default: [],
    scope: 'window',
    items,
    markdownDescription:
      'Named clusters (dev, staging, production) shown side by side in the **Sysdig on Mesos** view; Deploy and Check ask which one. ' +
      'The same entries as `clusters` in `.sysdig-mesos.json` (which the CLI reads for `--cluster NAME`); a name in both: the file\'s entry wins. ' +
      'No passwords here: run **Sysdig Mesos: Set Cluster Credentials…** (kept in VS Code\'s secret storage by cluster name).',
  };
  // a workspace's setting would send the user's stored credentials to the cluster it names: not in Restricted Mode
  const restricted: string[] = pkg.capabilities.untrustedWorkspaces.restrictedConfigurations;
  if (!restricted.includes(setting)) restricted.push(setting);
}
