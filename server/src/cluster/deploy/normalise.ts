/**
 * The app as Marathon has it vs the app we would send, in one comparable form: server-owned fields
 * (version, counts, tasks, deployments, …) and Marathon's defaults removed, keys sorted, ids absolute.
 * An unchanged app then gives two identical texts. Defaults: mesos-marathon-api.md §1.3 and the
 * fields 1.x returns empty (`"cmd": null`, `"env": {}`, `"constraints": []`, …).
 */

import { envSlots, maskAppSecrets, MASK, SECRET_NAME, type Json } from './app-env';
import { Secrets } from '../../service/secrets';

type Obj = { [k: string]: unknown };

/** Fields Marathon adds to what it stores: never part of a definition. */
export const SERVER_OWNED = [
  'version',
  'versionInfo',
  'tasks',
  'tasksStaged',
  'tasksRunning',
  'tasksHealthy',
  'tasksUnhealthy',
  'deployments',
  'lastTaskFailure',
  'taskStats',
  'readinessCheckResults',
  'counts',
];

/** Top-level defaults Marathon fills in (0.15–1.7). A value equal to its default is as good as absent. */
const DEFAULTS: Obj = {
  instances: 1,
  cpus: 1,
  mem: 128,
  disk: 0,
  gpus: 0,
  backoffSeconds: 1,
  backoffFactor: 1.15,
  maxLaunchDelaySeconds: 3600,
  requirePorts: false,
  executor: '',
  killSelection: 'YOUNGEST_FIRST',
  upgradeStrategy: { maximumOverCapacity: 1, minimumHealthCapacity: 1 },
  unreachableStrategy: { expungeAfterSeconds: 600, inactiveAfterSeconds: 300 },
  ports: [0],
  portDefinitions: [{ name: 'default', port: 0, protocol: 'tcp' }],
};
const CONTAINER_DEFAULTS: Obj = { type: 'DOCKER' };
const DOCKER_DEFAULTS: Obj = { privileged: false, forcePullImage: false };
const PORT_DEFINITION_DEFAULTS: Obj = { protocol: 'tcp' };

function isObj(v: unknown): v is Obj {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

function equal(a: unknown, b: unknown): boolean {
  return JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (isObj(v)) return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys(v[k])]));
  return v;
}

/** null, [], {} and "" carry nothing: Marathon returns them for every field not set. */
function empty(v: unknown): boolean {
  return v === null || v === undefined || (Array.isArray(v) && v.length === 0) || (isObj(v) && Object.keys(v).length === 0);
}

function strip(o: Obj, defaults: Obj): Obj {
  const out: Obj = {};
  for (const [k, v] of Object.entries(o)) {
    if (empty(v)) continue;
    if (k in defaults && equal(v, defaults[k])) continue;
    out[k] = v;
  }
  return out;
}

const NETWORK_MODE: Record<string, string> = { HOST: 'host', BRIDGE: 'container/bridge', USER: 'container' };

/**
 * One app in comparable form. `networksStyle`: Marathon 1.5+ returns `networks: [{mode}]` instead of the
 * `container.docker.network` it was given ("accepted but no longer returned"), so when either side uses
 * `networks` both are written that way.
 */
export function normaliseApp(app: Obj, networksStyle = false): Obj {
  const a = structuredClone(app);
  for (const k of SERVER_OWNED) delete a[k];
  if (typeof a.id === 'string') {
    const t = a.id.trim().replace(/(?<!\/)\/+$/, '');
    a.id = t.startsWith('/') ? t : `/${t}`;
  }
  if (isObj(a.container)) {
    const c = strip(a.container, CONTAINER_DEFAULTS);
    if (isObj(c.docker)) {
      const d = strip(c.docker, DOCKER_DEFAULTS);
      // the docker field is the one that was sent (1.5+ translates it into `networks` on the way in)
      if (networksStyle && typeof d.network === 'string' && NETWORK_MODE[d.network]) {
        a.networks = [{ mode: NETWORK_MODE[d.network] }];
        delete d.network;
      }
      if (Array.isArray(d.portMappings) && d.portMappings.length === 0) delete d.portMappings;
      c.docker = d;
      if (empty(d)) delete c.docker;
    }
    a.container = c;
  }
  if (Array.isArray(a.networks) && a.networks.length === 1 && equal(a.networks[0], { mode: 'host' }) && !networksStyle) delete a.networks;
  if (Array.isArray(a.portDefinitions)) a.portDefinitions = a.portDefinitions.map((p) => (isObj(p) ? strip(p, PORT_DEFINITION_DEFAULTS) : p));
  // With the host network and no ports asked for, Marathon 1.x answers the default port definition.
  const out = strip(a, { ...DEFAULTS, portDefinitions: [{ name: 'default', port: 0 }] });
  return sortKeys(out) as Obj;
}

export interface AppDiff {
  before: string;
  after: string;
  unchanged: boolean;
  /** secret variables whose (masked) values change: the texts cannot show it */
  secretsChanged: string[];
}

/**
 * `current`: Marathon's app; `sent`: the body we PUT. PUT merges (AppUpdate: a field left out keeps its
 * old value — Marathon ≤1.3 always, 1.4+ by default), so the result is the current app with the sent
 * top-level fields replaced. Equality is decided on the real values. What is shown is masked on the
 * values, before they are written as JSON (a secret holding `"` or `\` is escaped there, and a short one
 * would be found nowhere by searching text): secret-looking variables (ACCESS_KEY, …) on both sides;
 * `shownSent`, the body with its secret `${VAR}`s already masked (prepare's `redacted`), gives the
 * after side, and a string of Marathon's that is exactly a filled secret string is shown as its masked
 * form, one that differs at that place as `***`; `secrets` masks known values everywhere last.
 */
export function diffApps(current: Obj, sent: Obj, secrets: Secrets = new Secrets(), shownSent: Obj = sent): AppDiff {
  const networksStyle = !empty(current.networks) || !empty(sent.networks);
  const before = normaliseApp(current, networksStyle);
  const after = normaliseApp({ ...current, ...sent }, networksStyle);
  const unchanged = JSON.stringify(before) === JSON.stringify(after);
  const afterShown = normaliseApp({ ...current, ...shownSent }, networksStyle);
  const beforeShown = maskLike(before, after, afterShown) as Obj;
  const show = (o: Obj) => JSON.stringify(secrets.maskDeep(maskAppSecrets(o as { [k: string]: Json })), null, 2);
  // Masked secrets look the same whether or not they changed: name the ones that do.
  const secretsOf = (o: Obj) => new Map(envSlots(o as { [k: string]: Json }).filter((s) => SECRET_NAME.test(s.name)).map((s) => [s.name, s.get()]));
  const was = secretsOf(before);
  const secretsChanged = [...secretsOf(after)].filter(([k, v]) => was.has(k) && was.get(k) !== v).map(([k]) => k);
  return { before: show(beforeShown), after: show(afterShown), unchanged, secretsChanged };
}

/**
 * `before` shown: where the filled app (`real`) has a string that shows masked (`shown`), the same place
 * in `before` shows that masked form when it holds the same value, and `***` when it holds another (a
 * secret of an earlier deploy, whose value we do not know to search for).
 */
function maskLike(before: unknown, real: unknown, shown: unknown): unknown {
  if (typeof real === 'string' && typeof shown === 'string' && real !== shown) {
    return typeof before === 'string' ? (before === real ? shown : MASK) : before;
  }
  if (Array.isArray(before) && Array.isArray(real) && Array.isArray(shown)) return before.map((b, i) => maskLike(b, real[i], shown[i]));
  if (isObj(before) && isObj(real) && isObj(shown)) return Object.fromEntries(Object.entries(before).map(([k, b]) => [k, maskLike(b, real[k], shown[k])]));
  return before;
}
