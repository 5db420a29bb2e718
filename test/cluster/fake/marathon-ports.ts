import type { MarathonProfile } from './marathon-profile';

/**
 * Service ports: a port 0 in an app's port definitions (0.15: `ports`) is replaced by a globally unique service port
 * from `--local_port_min` 10000 up to `--local_port_max` 20000 when the app is stored; an app that keeps asking for 0
 * gets back the ports it had (v1.4.13:src/main/scala/mesosphere/marathon/core/group/impl/GroupManagerActor.scala:238-300,
 * defaults v1.4.13:src/main/scala/mesosphere/marathon/MarathonConf.scala:105-113). The default port definition of an
 * app that names none is one port 0, so every such app gets one.
 */

type Obj = Record<string, any>;
const MIN = 10000;
const MAX = 20000;

export function servicePorts(profile: MarathonProfile, def: Obj | undefined): number[] {
  if (!def) return [];
  if (profile === '0.15') return Array.isArray(def.ports) ? def.ports.filter((p: unknown) => typeof p === 'number') : [];
  return Array.isArray(def.portDefinitions) ? def.portDefinitions.map((p: Obj) => p?.port).filter((p: unknown) => typeof p === 'number') : [];
}

/** Replaces the 0 ports of `def` in place. `others`: the service ports every other app holds. */
export function assignServicePorts(profile: MarathonProfile, def: Obj, old: Obj | undefined, others: number[]): void {
  const mine = servicePorts(profile, def);
  if (!mine.includes(0)) return;
  const taken = new Set([...others, ...mine.filter((p) => p !== 0)]);
  // the ports the old definition had and the new one does not name: given back first (GroupManagerActor.scala:263-271)
  const reusable = servicePorts(profile, old).filter((p) => p >= MIN && p < MAX && !mine.includes(p));
  const next = (): number => {
    const again = reusable.shift();
    if (again !== undefined) return again;
    for (let p = MIN; p < MAX; p++) {
      if (!taken.has(p)) {
        taken.add(p);
        return p;
      }
    }
    throw new Error(`no free service port in [${MIN}, ${MAX})`); // PortRangeExhaustedException; the fake never gets there
  };
  if (profile === '0.15') def.ports = def.ports.map((p: number) => (p === 0 ? next() : p));
  else def.portDefinitions = def.portDefinitions.map((p: Obj) => (p?.port === 0 ? { ...p, port: next() } : p));
}
