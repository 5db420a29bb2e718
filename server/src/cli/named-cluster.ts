// `--cluster NAME` (issue 13 §2): the one resolution every cluster command calls (status, check, deploy, logs). The
// list is the `clusters` of `.sysdig-mesos.json` — found as `lint` finds it (the current directory) or named by
// `--clusters-file` — and the credentials come from the environment (service/clusters.ts names the variables).
import { dirname, isAbsolute, join } from 'node:path';
import { clusterCredentialsFromEnv, clusterEnvNames, findCluster, uriWithCredentials, type NamedCluster } from '../service/clusters';
import { InputError, loadWorkspaceConfig } from './inputs';

/** `--cluster` cannot be used as asked (conflicting flags, an unknown name, a password without a user): exit 2. */
export class ClusterFlagError extends Error {
  override readonly name = 'ClusterFlagError';
}

export interface ResolvedCluster {
  cluster: NamedCluster;
  /** the Mesos and Marathon URIs with the environment's credentials as user-info (pass them as --mesos/--marathon are) */
  mesos: string;
  marathon: string;
  /** the cluster's agent app file, resolved against the list file's directory */
  app?: string;
  /** the file the list came from */
  listFile: string;
  /** a 401's advice: the variables that set this cluster's credentials */
  hints: { mesos: string; marathon: string };
  /** the passwords taken from the environment (every door masks them; the URIs' user-info is masked anyway) */
  secrets: string[];
}

/**
 * The flags that name a cluster otherwise, each refused next to --cluster: one source of addresses per run. Call with
 * the command's flags before resolving.
 */
export function clusterFlagConflict(flags: ReadonlyMap<string, unknown>): string | undefined {
  if (!flags.has('cluster')) return flags.has('clusters-file') ? '--clusters-file goes with --cluster NAME' : undefined;
  for (const f of ['config', 'mesos', 'marathon']) {
    if (flags.has(f)) return `--cluster and --${f} both say which cluster: give --cluster NAME alone (its entry in .sysdig-mesos.json has the Mesos and Marathon URIs)`;
  }
  return undefined;
}

/** `--cluster` given more than once: one cluster per run (the flags parser keeps only the last). */
export function repeatedClusterFlag(argv: readonly string[]): boolean {
  return argv.filter((a) => a === '--cluster' || a.startsWith('--cluster=')).length > 1;
}

/**
 * The named cluster `name`: from `clustersFile` or ./.sysdig-mesos.json, with its credentials from `env`.
 * Throws InputError (the file cannot be read or has problems: one line naming it) or ClusterFlagError.
 */
export function resolveNamedCluster(name: string, opts: { clustersFile?: string; env: Readonly<Record<string, string | undefined>> }): ResolvedCluster {
  const loaded = loadWorkspaceConfig(opts.clustersFile, false);
  if ('error' in loaded) throw new InputError(loaded.error);
  const listFile = opts.clustersFile ?? '.sysdig-mesos.json';
  if (!loaded.config) throw new ClusterFlagError(`--cluster ${name}: no .sysdig-mesos.json in the current directory to list the clusters (or name one with --clusters-file PATH)`);
  const found = findCluster(loaded.config.clusters ?? [], name, listFile);
  if ('problem' in found) throw new ClusterFlagError(found.problem);
  const cluster = found.cluster;
  const creds = clusterCredentialsFromEnv(cluster, opts.env);
  if (creds.problem) throw new ClusterFlagError(`--cluster ${cluster.name}: ${creds.problem}`);
  const env = clusterEnvNames(cluster.name);
  return {
    cluster,
    mesos: uriWithCredentials(cluster.mesos, creds.mesos),
    marathon: uriWithCredentials(cluster.marathon, creds.marathon),
    app: cluster.app === undefined ? undefined : isAbsolute(cluster.app) ? cluster.app : join(dirname(listFile), cluster.app),
    listFile,
    hints: {
      mesos: `${env.mesosUser} (or mesosUser in ${listFile}) and ${env.mesosPassword}`,
      marathon: `${env.marathonUser} (or marathonUser in ${listFile}) and ${env.marathonPassword}`,
    },
    secrets: [creds.mesos?.password, creds.marathon?.password].filter((p): p is string => !!p),
  };
}
