/**
 * Named clusters (issue 13 §2): dev, staging and production side by side. One list, two doors: `clusters` in
 * `.sysdig-mesos.json` (the CLI's `--cluster NAME`, and the editor) and the `sysdig-mesos.clusters` setting (the
 * editor), both of the same shape. The lists hold addresses and user names only: a password or key is refused where
 * it is written (a URI with `user:password@`), because both files are meant to be shared; credentials come from the
 * environment (CLI) or VS Code's SecretStorage (editor), per cluster name. Pure: no I/O.
 */
import { userInfoSpan } from './agent-uri';

export interface NamedCluster {
  /** unique (case-insensitively, and as an environment variable's part), a short identifier */
  name: string;
  /** the Mesos master, e.g. http://10.0.0.1:5050 */
  mesos: string;
  /** Marathon, e.g. http://10.0.0.1:8080 */
  marathon: string;
  mesosUser?: string;
  marathonUser?: string;
  /** the agent app file, relative to the file that lists the cluster (the setting: to the workspace folder) */
  app?: string;
}

export interface ClusterCredentials {
  user: string;
  password: string;
}

/** a name: letter or digit first, then letters, digits, `.`, `_`, `-`; at most 40 (shown in a tree and a QuickPick) */
export const CLUSTER_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;
/** the same, as the schema's pattern (kept equal by a test) */
export const CLUSTER_NAME_PATTERN = CLUSTER_NAME.source;

const KEYS = ['name', 'mesos', 'marathon', 'mesosUser', 'marathonUser', 'app'] as const;

/** where credentials go, said by every refusal of a password in the list */
export function credentialsAdvice(name: string): string {
  const env = clusterEnvNames(name);
  return `credentials never go in the list: in the CLI set ${env.marathonPassword} (and ${env.mesosPassword}), in VS Code run "Sysdig Mesos: Set Cluster Credentials…"`;
}

/** Whether a URI string carries a password in its user-info (`user:password@`; a user alone is not a secret). */
export function uriHasPassword(uri: string): boolean {
  const span = userInfoSpan(uri);
  return !!span && uri.slice(span.start, span.end).includes(':');
}

/** The environment variable part for a name: upper-cased, every character not A-Z or 0-9 as `_`. */
export function envPart(name: string): string {
  let out = '';
  for (const ch of name.toUpperCase()) out += /^[A-Z0-9]$/.test(ch) ? ch : '_';
  return out;
}

/** The CLI's environment variables for a cluster's credentials: SYSDIG_MESOS_<NAME>_{MESOS,MARATHON}_{USER,PASSWORD}. */
export function clusterEnvNames(name: string): { mesosUser: string; mesosPassword: string; marathonUser: string; marathonPassword: string } {
  const p = `SYSDIG_MESOS_${envPart(name)}_`;
  return { mesosUser: `${p}MESOS_USER`, mesosPassword: `${p}MESOS_PASSWORD`, marathonUser: `${p}MARATHON_USER`, marathonPassword: `${p}MARATHON_PASSWORD` };
}

/**
 * Checks a `clusters` list (from `where`: the file or the setting). Returns the usable clusters and one message per
 * problem; an entry with a problem is left out whole (a cluster half-read would be read at the wrong address).
 */
export function readClusterList(raw: unknown, where = 'clusters'): { clusters: NamedCluster[]; problems: string[] } {
  const problems: string[] = [];
  const clusters: NamedCluster[] = [];
  if (raw === undefined || raw === null) return { clusters, problems };
  if (!Array.isArray(raw)) return { clusters, problems: [`${where} must be a list of clusters ({ "name", "mesos", "marathon" })`] };
  const seen = new Map<string, string>();
  raw.forEach((e, i) => {
    const at = `${where}[${i}]`;
    if (!e || typeof e !== 'object' || Array.isArray(e)) return problems.push(`${at} must be an object with name, mesos and marathon`);
    const o = e as Record<string, unknown>;
    const before = problems.length;
    for (const k of Object.keys(o)) if (!(KEYS as readonly string[]).includes(k)) problems.push(`${at}: unknown property "${k}"${/pass|secret|key|token/i.test(k) ? ` (${credentialsAdvice(typeof o.name === 'string' ? o.name : 'NAME')})` : ''}`);
    const name = o.name;
    if (typeof name !== 'string' || !CLUSTER_NAME.test(name)) {
      problems.push(`${at}.name must be a short identifier (letters, digits, . _ -; at most 40; a letter or digit first)${typeof name === 'string' ? `, not ${JSON.stringify(name.slice(0, 50))}` : ''}`);
    } else {
      const key = envPart(name);
      const other = seen.get(key);
      if (other !== undefined) problems.push(`${at}.name ${JSON.stringify(name)} is already used by ${JSON.stringify(other)}${other === name ? '' : ` (the same environment variables, ${clusterEnvNames(name).marathonPassword})`}: names must be unique`);
      else seen.set(key, name);
    }
    const label = typeof name === 'string' && CLUSTER_NAME.test(name) ? name : 'NAME';
    for (const k of ['mesos', 'marathon'] as const) {
      const v = o[k];
      if (typeof v !== 'string' || !/^https?:\/\/[^/?#\s]+/i.test(v)) problems.push(`${at}.${k} must be an http:// or https:// URI${k === 'mesos' ? ' (the Mesos master, e.g. http://10.0.0.1:5050)' : ' (e.g. http://10.0.0.1:8080)'}`);
      else if (uriHasPassword(v)) problems.push(`${at}.${k} holds a password: ${credentialsAdvice(label)}`);
    }
    for (const k of ['mesosUser', 'marathonUser', 'app'] as const) {
      const v = o[k];
      if (v !== undefined && (typeof v !== 'string' || v === '' || /[\r\n]/.test(v))) problems.push(`${at}.${k} must be a non-empty string on one line`);
    }
    if (problems.length > before) return;
    const c: NamedCluster = { name: name as string, mesos: o.mesos as string, marathon: o.marathon as string };
    if (o.mesosUser !== undefined) c.mesosUser = o.mesosUser as string;
    if (o.marathonUser !== undefined) c.marathonUser = o.marathonUser as string;
    if (o.app !== undefined) c.app = o.app as string;
    clusters.push(c);
  });
  return { clusters, problems };
}

/**
 * The editor's one list: the workspace file's clusters, then the setting's that the file does not name. By name
 * (case-insensitively, as the environment variables see it), the file wins — as its `rules` win over the editor's
 * settings: it is the list the team shares and the CLI reads.
 */
export function mergeClusterLists(fromFile: readonly NamedCluster[], fromSettings: readonly NamedCluster[]): (NamedCluster & { from: 'file' | 'settings' })[] {
  const out: (NamedCluster & { from: 'file' | 'settings' })[] = fromFile.map((c) => ({ ...c, from: 'file' as const }));
  const names = new Set(fromFile.map((c) => envPart(c.name)));
  for (const c of fromSettings) {
    if (names.has(envPart(c.name))) continue;
    names.add(envPart(c.name));
    out.push({ ...c, from: 'settings' });
  }
  return out;
}

/** The cluster named `name` (exactly, else case-insensitively), or the one line that lists the known names. */
export function findCluster(list: readonly NamedCluster[], name: string, where: string): { cluster: NamedCluster } | { problem: string } {
  const c = list.find((x) => x.name === name) ?? list.find((x) => x.name.toLowerCase() === name.toLowerCase());
  if (c) return { cluster: c };
  const shown = JSON.stringify(name.length > 50 ? name.slice(0, 50) + '…' : name);
  return { problem: list.length ? `no cluster ${shown} in ${where}: known clusters are ${list.map((x) => x.name).join(', ')}` : `no cluster ${shown}: ${where} lists no clusters (add "clusters": [{ "name", "mesos", "marathon" }])` };
}

/**
 * The CLI's credentials of a cluster, from the environment: the password from SYSDIG_MESOS_<NAME>_<SERVICE>_PASSWORD,
 * the user from SYSDIG_MESOS_<NAME>_<SERVICE>_USER, else the list's mesosUser/marathonUser. A password without any
 * user is a problem (Basic authentication needs one); a user without a password is sent with an empty one.
 */
export function clusterCredentialsFromEnv(
  c: NamedCluster,
  env: Readonly<Record<string, string | undefined>>,
): { mesos?: ClusterCredentials; marathon?: ClusterCredentials; problem?: string } {
  const names = clusterEnvNames(c.name);
  const one = (user: string | undefined, password: string | undefined, userVar: string, passwordVar: string, listKey: string): ClusterCredentials | string | undefined => {
    const u = user || undefined;
    if (!u && password) return `${passwordVar} is set but no user is: set ${userVar}, or ${listKey} in the cluster's entry`;
    return u ? { user: u, password: password ?? '' } : undefined;
  };
  const mesos = one(env[names.mesosUser] || c.mesosUser, env[names.mesosPassword], names.mesosUser, names.mesosPassword, 'mesosUser');
  const marathon = one(env[names.marathonUser] || c.marathonUser, env[names.marathonPassword], names.marathonUser, names.marathonPassword, 'marathonUser');
  const problem = [mesos, marathon].find((x): x is string => typeof x === 'string');
  return {
    mesos: typeof mesos === 'object' ? mesos : undefined,
    marathon: typeof marathon === 'object' ? marathon : undefined,
    ...(problem ? { problem } : {}),
  };
}

/**
 * A cluster URI with credentials as its user-info (percent-encoded): the form every door already takes, parses
 * (http.ts parseClusterUri decodes it into a Basic header; URIs never go on the wire with it) and masks. A URI with a
 * user-info of its own (a user alone) keeps its host and gets these credentials instead.
 */
export function uriWithCredentials(uri: string, creds: ClusterCredentials | undefined): string {
  if (!creds) return uri;
  const sep = uri.indexOf('://');
  if (sep < 0) return uri;
  const span = userInfoSpan(uri);
  const rest = span ? uri.slice(span.end + 1) : uri.slice(sep + 3);
  return `${uri.slice(0, sep + 3)}${encodeURIComponent(creds.user)}:${encodeURIComponent(creds.password)}@${rest}`;
}
