import { atLeast, type MarathonProfile } from './marathon-profile';

/** What Marathon stores and answers for the fields an app definition does not set, per version. */

type Obj = Record<string, any>;

/**
 * What 1.4's writer adds for fields not set: every field, null or empty when unset
 * (v1.4.13:src/main/scala/mesosphere/marathon/api/v2/json/Formats.scala:1179-1237; defaults AppDefinition.scala:423-479,
 * unreachableStrategy 300/600 s and killSelection YOUNGEST_FIRST from 1.4).
 */
const WRITTEN_1_4: Obj = {
  cmd: null,
  args: null,
  user: null,
  gpus: 0,
  executor: '',
  uris: [],
  fetch: [],
  storeUrls: [],
  container: null,
  readinessChecks: [],
  dependencies: [],
  ipAddress: null,
  residency: null,
  secrets: {},
  taskKillGracePeriodSeconds: null,
  unreachableStrategy: { inactiveAfterSeconds: 300, expungeAfterSeconds: 600 },
  killSelection: 'YOUNGEST_FIRST',
};
/** 1.5+'s RAML writer: the same defaults, unset optional fields left out (a real 1.5 capture: corpus responses/v2-apps.marathon-1.5.marathon-lb.json). */
const WRITTEN_1_5: Obj = { gpus: 0, executor: '', unreachableStrategy: { inactiveAfterSeconds: 300, expungeAfterSeconds: 600 }, killSelection: 'YOUNGEST_FIRST' };

/** Marathon's defaults: what a stored app has that the request did not say (§1.3; 0.15 `ports`, 1.x `portDefinitions`). */
export function withDefaults(body: Obj, profile: MarathonProfile, id: string): Obj {
  const def: Obj = {
    instances: 1,
    cpus: 1,
    mem: 128,
    disk: 0,
    backoffSeconds: 1,
    backoffFactor: 1.15,
    maxLaunchDelaySeconds: 3600,
    requirePorts: false,
    upgradeStrategy: { minimumHealthCapacity: 1, maximumOverCapacity: 1 },
    constraints: [],
    env: {},
    labels: {},
    healthChecks: [],
    ...(profile === '0.15' ? { ports: [0] } : { portDefinitions: [{ port: 0, protocol: 'tcp', name: 'default' }] }),
    ...(profile === '1.4' ? WRITTEN_1_4 : {}),
    ...(atLeast(profile, '1.5') ? WRITTEN_1_5 : {}),
    ...structuredClone(body),
  };
  def.id = id;
  delete def.version;
  delete def.versionInfo;
  // a partial upgradeStrategy keeps the other default (v1.4.13 Formats.scala:915-919 readNullable…withDefault)
  def.upgradeStrategy = { minimumHealthCapacity: 1, maximumOverCapacity: 1, ...def.upgradeStrategy };
  if (def.container && !def.container.type) def.container.type = 'DOCKER';
  // 1.5+: old networking fields are accepted but no longer returned (changelog "App JSON Fields Changed or Moved")
  if (atLeast(profile, '1.5') && def.container?.docker?.network) {
    const mode: Record<string, string> = { HOST: 'host', BRIDGE: 'container/bridge', USER: 'container' };
    def.networks = [{ mode: mode[def.container.docker.network] ?? 'host' }];
    delete def.container.docker.network;
  }
  return def;
}

