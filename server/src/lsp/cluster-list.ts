// The editor's named clusters (issue 13 §2): the `clusters` of each workspace folder's `.sysdig-mesos.json` (checked by
// readConfig when the server reads the file) and of the `sysdig-mesos.clusters` setting (checked here), merged by name
// with the file winning (service/clusters.ts). Also which of them the workspace's dragent.yaml already names (the same
// Marathon), so the view shows that cluster once. In the lazily loaded bundle: it parses URIs with the cluster client's
// parser.
import { mergeClusterLists, readClusterList, type NamedCluster } from '../service/clusters';
import { createLanguageService } from '../service/index';
import { collectUris } from '../service/dragent/uris';
import { parseClusterUri } from '../cluster/http';
import type { ClusterListEntry, ClusterListParams, ClusterListResult } from './constants';

const service = createLanguageService();

/** the list file's folder and its (checked) clusters */
export interface ClusterListSource {
  folderUri: string;
  clusters: readonly NamedCluster[];
}

/** without its trailing `/`s — by index: a regex `\/+$` is quadratic on a run of `/` (test/security/regex-audit) */
export function trimSlashes(s: string): string {
  let end = s.length;
  while (end > 0 && s[end - 1] === '/') end--;
  return s.slice(0, end);
}

/** A Marathon URI as compared: scheme, host and port, path without a trailing `/`; no user-info. */
function sameMarathon(uri: string): string | undefined {
  try {
    return trimSlashes(parseClusterUri(uri, true).base.toLowerCase());
  } catch {
    return undefined;
  }
}

function appUri(folderUri: string, app: string | undefined): string | undefined {
  if (!app) return undefined;
  try {
    return new URL(app.replace(/\\/g, '/'), folderUri.endsWith('/') ? folderUri : `${folderUri}/`).href;
  } catch {
    return undefined;
  }
}

export function clusterList(params: ClusterListParams, sources: readonly ClusterListSource[]): ClusterListResult {
  const fromSettings = readClusterList(params?.settings ?? undefined, 'sysdig-mesos.clusters');
  // several folders: the first folder's entry of a name wins, as the file wins over the setting
  let fromFiles: (NamedCluster & { folderUri: string })[] = [];
  for (const s of sources) {
    const more = mergeClusterLists(fromFiles, s.clusters).filter((c) => c.from === 'settings').map((c) => ({ ...stripFrom(c), folderUri: s.folderUri }));
    fromFiles = [...fromFiles, ...more];
  }
  const firstFolder = sources[0]?.folderUri;
  const folderOf = new Map(fromFiles.map((c) => [c.name, c.folderUri]));
  const merged = mergeClusterLists(fromFiles.map(stripFolder), fromSettings.clusters);
  const clusters: ClusterListEntry[] = merged.map((c) => {
    const base = c.from === 'file' ? folderOf.get(c.name) : firstFolder;
    const entry: ClusterListEntry = { name: c.name, mesos: c.mesos, marathon: c.marathon, from: c.from };
    if (c.mesosUser) entry.mesosUser = c.mesosUser;
    if (c.marathonUser) entry.marathonUser = c.marathonUser;
    const a = base ? appUri(base, c.app) : undefined;
    if (a) entry.appUri = a;
    return entry;
  });
  let configCluster: string | null = null;
  if (params?.config && typeof params.config.text === 'string') {
    const first = collectUris(service.parse(params.config.text, 'dragent')).entries.find((e) => e.key === 'marathon_uris');
    const mine = first ? sameMarathon(first.scalar.text.trim()) : undefined;
    if (mine) configCluster = clusters.find((c) => sameMarathon(c.marathon) === mine)?.name ?? null;
  }
  return { clusters, problems: fromSettings.problems, configCluster };
}

function stripFrom<T extends { from?: unknown }>(c: T): Omit<T, 'from'> {
  const { from: _from, ...rest } = c;
  return rest;
}

function stripFolder<T extends { folderUri?: unknown }>(c: T): Omit<T, 'folderUri'> {
  const { folderUri: _f, ...rest } = c;
  return rest;
}
