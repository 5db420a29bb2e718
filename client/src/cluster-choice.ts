// Named clusters in the editor (issue 13 §2), the VS Code side: the list from the server (the workspace's
// `.sysdig-mesos.json` and the `sysdig-mesos.clusters` setting, merged there), the QuickPick Deploy and Check show when
// named clusters exist, and the commands that keep a cluster's credentials in SecretStorage — by cluster name, never in
// a file, never logged. Nothing is remembered between runs: each Deploy and Check asks again.
import * as vscode from 'vscode';
import { CLUSTER_LIST_REQUEST, type ClusterListEntry, type ClusterListResult, type NamedClusterParams } from '../../server/src/lsp/constants';
import type { ClusterHost } from './cluster-commands';
import { CLUSTERS_SETTING, SECTION } from './ids';
import { clusterChoices, clusterSecretKey, namedParams, parseClusterSecret, type ClusterChoice, type StoredClusterCredentials } from './named-clusters';

const EMPTY: ClusterListResult = { clusters: [], problems: [], configCluster: null };

/** The named clusters (and which one the dragent.yaml names); empty when the server cannot say. */
export async function clusterList(host: ClusterHost, configDoc?: vscode.TextDocument): Promise<ClusterListResult> {
  const client = await host.client();
  if (!client) return EMPTY;
  const settings = vscode.workspace.getConfiguration(SECTION).get<unknown>(CLUSTERS_SETTING);
  const config = configDoc ? { uri: client.code2ProtocolConverter.asUri(configDoc.uri), text: configDoc.getText() } : undefined;
  const r = await client.sendRequest<ClusterListResult>(CLUSTER_LIST_REQUEST, { settings, config });
  for (const p of r.problems) host.output.warn(`${SECTION}.${CLUSTERS_SETTING}: ${p}`);
  return r;
}

export async function storedClusterCredentials(secrets: vscode.SecretStorage, name: string): Promise<StoredClusterCredentials> {
  return parseClusterSecret(await secrets.get(clusterSecretKey(name)));
}

export async function namedClusterParams(secrets: vscode.SecretStorage, c: ClusterListEntry): Promise<NamedClusterParams> {
  return namedParams(c, await storedClusterCredentials(secrets, c.name));
}

/**
 * Which cluster `what` (Deploy, Check Mesos, …) acts on. No named cluster: the workspace's own, without asking.
 * Undefined: the person dismissed the QuickPick. `own` names the workspace's own cluster (its dragent.yaml).
 */
export async function pickCluster(host: ClusterHost, what: string, configDoc: vscode.TextDocument | undefined): Promise<ClusterChoice | undefined> {
  let list = EMPTY;
  try {
    list = await clusterList(host, configDoc);
  } catch (e) {
    // the list cannot be had: the workspace's own cluster, as before named clusters; the log says why
    host.output.warn(`${what}: the named clusters could not be listed: ${e instanceof Error ? e.message : String(e)}`);
  }
  const own = configDoc ? vscode.workspace.asRelativePath(configDoc.uri) : undefined;
  const items = clusterChoices(list, own);
  if (items.length === 1) return items[0];
  return vscode.window.showQuickPick(items, { title: `${what}: which cluster?`, placeHolder: 'The first item is the cluster the workspace\'s files name', ignoreFocusOut: true, matchOnDescription: true });
}

/** "Set Cluster Credentials…": which cluster (unless given), which service, then user and password. */
export async function setClusterCredentials(host: ClusterHost, secrets: vscode.SecretStorage, name?: string): Promise<void> {
  const cluster = await chooseNamed(host, 'Set cluster credentials', name);
  if (!cluster) return;
  const service = await vscode.window.showQuickPick(
    [
      { label: 'Marathon', description: cluster.marathon, key: 'marathon' as const, listUser: cluster.marathonUser },
      { label: 'Mesos', description: cluster.mesos, key: 'mesos' as const, listUser: cluster.mesosUser },
    ],
    { title: `Credentials for ${cluster.name} (1/3): which service?`, ignoreFocusOut: true },
  );
  if (!service) return;
  const user = await vscode.window.showInputBox({
    title: `Credentials for ${cluster.name} (2/3): ${service.label} user`,
    prompt: `The ${service.label} user${service.listUser ? ` (the list says ${service.listUser})` : ''}. Kept in VS Code's secret storage, never in a file.`,
    value: service.listUser ?? '',
    ignoreFocusOut: true,
  });
  if (user === undefined || user.trim() === '') return;
  const password = await vscode.window.showInputBox({ title: `Credentials for ${cluster.name} (3/3): password of ${user.trim()}`, password: true, ignoreFocusOut: true });
  if (password === undefined) return;
  const stored = await storedClusterCredentials(secrets, cluster.name);
  stored[service.key] = { user: user.trim(), password };
  await secrets.store(clusterSecretKey(cluster.name), JSON.stringify(stored));
  host.output.info(`Cluster ${cluster.name}: ${service.label} credentials for ${user.trim()} stored in the secret storage`);
  void vscode.window.showInformationMessage(`${service.label} credentials for ${user.trim()} stored for cluster ${cluster.name} (VS Code's secret storage).`);
}

/** "Clear Cluster Credentials…": which cluster, then both services' credentials are forgotten. */
export async function clearClusterCredentials(host: ClusterHost, secrets: vscode.SecretStorage, name?: string): Promise<void> {
  const cluster = await chooseNamed(host, 'Clear cluster credentials', name);
  if (!cluster) return;
  await secrets.delete(clusterSecretKey(cluster.name));
  host.output.info(`Cluster ${cluster.name}: stored credentials removed`);
  void vscode.window.showInformationMessage(`The stored credentials of cluster ${cluster.name} were removed.`);
}

async function chooseNamed(host: ClusterHost, title: string, name: string | undefined): Promise<ClusterListEntry | undefined> {
  const list = await clusterList(host);
  if (name !== undefined) {
    const c = list.clusters.find((x) => x.name.toLowerCase() === name.toLowerCase());
    if (c) return c;
  }
  if (!list.clusters.length) {
    const open = 'Open the setting';
    const pick = await vscode.window.showInformationMessage(`No named clusters: list them in .sysdig-mesos.json ("clusters") or the ${SECTION}.${CLUSTERS_SETTING} setting.`, open);
    if (pick === open) await vscode.commands.executeCommand('workbench.action.openSettings', `${SECTION}.${CLUSTERS_SETTING}`);
    return undefined;
  }
  const pick = await vscode.window.showQuickPick(
    list.clusters.map((c) => ({ label: c.name, description: `Marathon ${c.marathon} · Mesos ${c.mesos}`, c })),
    { title: `${title}: which cluster?`, ignoreFocusOut: true },
  );
  return pick?.c;
}
