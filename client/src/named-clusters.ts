// Named clusters in the editor (issue 13 §2), the plain part: where a cluster's credentials are kept in SecretStorage,
// how the stored value reads back, the QuickPick's items for Deploy and Check, and which clusters the view reads. No
// `vscode` here (cluster-choice.ts is the UI); the list itself comes from the server (`sysdig-mesos/clusterList`).
import type { ClusterListEntry, ClusterListResult, NamedClusterParams } from '../../server/src/lsp/constants';
import { CLUSTER_CREDENTIALS_SECRET_PREFIX } from './ids';

export type Credential = { user: string; password: string };
export interface StoredClusterCredentials {
  mesos?: Credential;
  marathon?: Credential;
}

/** SecretStorage key of a cluster's credentials: by name, case-insensitively (names are unique so) */
export function clusterSecretKey(name: string): string {
  return CLUSTER_CREDENTIALS_SECRET_PREFIX + name.toLowerCase();
}

/** The stored JSON read back; anything malformed is nothing stored (asked again, never half-used). */
export function parseClusterSecret(raw: string | undefined): StoredClusterCredentials {
  if (!raw) return {};
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch {
    return {};
  }
  const one = (x: unknown): Credential | undefined => {
    const c = x as { user?: unknown; password?: unknown } | null;
    return c && typeof c.user === 'string' && c.user !== '' ? { user: c.user, password: typeof c.password === 'string' ? c.password : '' } : undefined;
  };
  const o = (v ?? {}) as Record<string, unknown>;
  const out: StoredClusterCredentials = {};
  const mesos = one(o.mesos);
  const marathon = one(o.marathon);
  if (mesos) out.mesos = mesos;
  if (marathon) out.marathon = marathon;
  return out;
}

/** What a request carries for a named cluster: the entry and its stored credentials. */
export function namedParams(c: ClusterListEntry, stored: StoredClusterCredentials): NamedClusterParams {
  const p: NamedClusterParams = { name: c.name, mesos: c.mesos, marathon: c.marathon };
  if (c.mesosUser) p.mesosUser = c.mesosUser;
  if (c.marathonUser) p.marathonUser = c.marathonUser;
  if (stored.mesos || stored.marathon) p.credentials = { ...stored };
  return p;
}

export interface ClusterChoice {
  label: string;
  description?: string;
  detail?: string;
  /** undefined: the workspace's own cluster (dragent.yaml's marathon_uris / mesos_state_uri, the deploy setting) */
  cluster?: ClusterListEntry;
}

/**
 * The QuickPick of Deploy and Check, when named clusters exist: first (the default) the cluster the workspace's files
 * name, then every named cluster. `own` describes the first item (undefined: the workspace names none, the guide's
 * defaults are used).
 */
export function clusterChoices(list: ClusterListResult, own: string | undefined): ClusterChoice[] {
  const first: ClusterChoice = {
    label: own ? `$(file) ${own}` : '$(file) The workspace\'s defaults',
    description: list.configCluster ? `same Marathon as ${list.configCluster}` : 'the file\'s own mesos_state_uri and marathon_uris',
    detail: own ? 'URIs and credentials from the file (and the deploy settings)' : 'no dragent.yaml: http://localhost:5050 and http://localhost:8080, or the deploy setting',
  };
  return [
    first,
    ...list.clusters.map((c) => ({
      label: `$(server-environment) ${c.name}`,
      description: `Marathon ${c.marathon}`,
      detail: `Mesos ${c.mesos} · from ${c.from === 'file' ? '.sysdig-mesos.json' : 'the sysdig-mesos.clusters setting'}`,
      cluster: c,
    })),
  ];
}

/** What the view reads: every named cluster, and the workspace's own one unless a named cluster has its Marathon. */
export function viewTargets(list: ClusterListResult, hasOwn: boolean): { own: boolean; named: ClusterListEntry[] } {
  return { own: hasOwn && list.configCluster === null, named: list.clusters };
}
