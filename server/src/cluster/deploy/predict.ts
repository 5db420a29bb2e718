import { oldTasksStoppedFirst } from '../../service/rules/marathon/agent-app-upgrade-strategy';
import type { MesosAgentResources, MesosResources } from '../mesos';
import type { StallPrediction } from './types';

/**
 * Whether an update of a one-task-per-node app (`["hostname","UNIQUE"]` or `["hostname","MAX_PER","1"]`) can finish,
 * predicted before anything is sent.
 *
 * Marathon replaces the tasks of a changed app with TaskReplaceActor: it stops
 * `instances − ceil(instances × minimumHealthCapacity)` old tasks at once (the rule agent-app-upgrade-strategy's
 * arithmetic, `oldTasksStoppedFirst`) and each further old one only when a new one is healthy. When that is 0, a new
 * task needs a node first:
 * - Marathon 0.x counts every task of the app for the constraint (v0.15.7 src/main/scala/mesosphere/mesos/
 *   ResourceMatcher.scala:79-83): only a node without one, with room for one, takes it;
 * - from 1.1 (commit 3bf03f86d, v1.4.13 ResourceMatcher.scala:175-180, through master) tasks of an older
 *   configuration do not count, so a node that runs an old task takes the new one when it has room for a second
 *   (cpus, mem, disk and ports), beside the old.
 * A node without a task of the app that has room makes the update finish: each old task stopped frees its node for
 * the next. Nodes that have room beside an old task let it start, and whether it finishes then depends on which old
 * task Marathon stops first (the new one's neighbour frees no node): "may stall".
 */

type Obj = { [k: string]: unknown };

const KILL_FIRST = '"upgradeStrategy": {"minimumHealthCapacity": 0, "maximumOverCapacity": 0}';
export const KILL_FIRST_FIX = `add ${KILL_FIRST} to the file (the quick fix of agent-app-upgrade-strategy): Marathon then stops the old tasks first — on each node monitoring pauses until its new agent runs; 0.5 replaces them in batches instead`;

function num(v: unknown, d: number): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : d;
}

/** `["hostname","UNIQUE"]` or `["hostname","MAX_PER","1"]` (1.5+ upper-cases the operator, SchedulingValidation.scala:115). */
export function oneTaskPerNode(app: Obj): boolean {
  const cs = Array.isArray(app.constraints) ? app.constraints : [];
  return cs.some((c) => Array.isArray(c) && c[0] === 'hostname' && (String(c[1]).toUpperCase() === 'UNIQUE' || (String(c[1]).toUpperCase() === 'MAX_PER' && String(c[2]) === '1')));
}

/** The update stops no old task before a new one runs (the rule's arithmetic on the app as it will be). */
export function startsNewFirst(app: Obj): boolean {
  const instances = num(app.instances, 1);
  const us = app.upgradeStrategy && typeof app.upgradeStrategy === 'object' ? (app.upgradeStrategy as Obj) : {};
  // UpgradeStrategy.empty is (1, 1), and a missing member reads as 1 (v1.4.13 api/v2/json/Formats.scala UpgradeStrategyReads)
  return instances > 0 && oldTasksStoppedFirst(instances, num(us.minimumHealthCapacity, 1)) === 0;
}

/** `"[31000-32000, 33000-33000]"` → the port numbers (as a count and a membership test). */
function portRanges(s: string | undefined): [number, number][] {
  const out: [number, number][] = [];
  // (?<!\d): a match starts only where a digit run starts; without it a long run of digits from a hostile Mesos
  // is rescanned from every one of its positions (quadratic; test/security/regex-audit found it)
  for (const m of (s ?? '').matchAll(/(?<!\d)(\d+)-(\d+)/g)) out.push([Number(m[1]), Number(m[2])]);
  return out;
}

function portCount(r: [number, number][]): number {
  return r.reduce((n, [a, b]) => n + Math.max(0, b - a + 1), 0);
}

/** What a node can still give Marathon: its resources less what runs (and, when Mesos says, only unreserved ones). */
export function freeOn(agent: MesosAgentResources): { cpus: number; mem: number; disk: number; ports: number } {
  const f = (k: keyof Omit<MesosResources, 'ports'>) => {
    const all = num(agent.resources[k], 0) - num(agent.used[k], 0);
    return agent.unreserved && typeof agent.unreserved[k] === 'number' ? Math.min(all, agent.unreserved[k]!) : all;
  };
  const ports = Math.max(0, portCount(portRanges(agent.resources.ports)) - portCount(portRanges(agent.used.ports)));
  return { cpus: f('cpus'), mem: f('mem'), disk: f('disk'), ports };
}

/** What one task of the app takes from an offer: Marathon's defaults cpus 1, mem 128, disk 0; one host port per port definition. */
export function taskNeeds(app: Obj): { cpus: number; mem: number; disk: number; ports: number } {
  const docker = ((app.container as Obj | undefined)?.docker ?? {}) as Obj;
  const mappings = Array.isArray(docker.portMappings) ? docker.portMappings.filter((p) => p && typeof p === 'object' && (p as Obj).hostPort !== undefined).length : 0;
  const defs = Array.isArray(app.portDefinitions) ? app.portDefinitions.length : Array.isArray(app.ports) ? app.ports.length : 0;
  const bridged = docker.network === 'BRIDGE' || docker.network === 'USER';
  return { cpus: num(app.cpus, 1), mem: num(app.mem, 128), disk: num(app.disk, 0), ports: bridged ? mappings : defs };
}

/** Marathon before 1.1 counts the old tasks for the constraint; undefined version: assume 1.1+ and say so. */
export function countsOldTasks(version: string | undefined): boolean {
  const m = /^(\d+)\.(\d+)/.exec(version ?? '');
  if (!m) return false;
  const [maj, min] = [Number(m[1]), Number(m[2])];
  return maj === 0 || (maj === 1 && min < 1);
}

export interface PredictInput {
  /** the app on Marathon now (its tasks say where the old ones run) */
  current: Obj;
  /** the app as it will be after the PUT */
  merged: Obj;
  /** `/v2/info` version, when known */
  marathonVersion?: string;
  /** Mesos agents with their resources; a string: why they could not be read */
  agents: MesosAgentResources[] | string;
}

/** undefined: the update is not of that kind (no replacement, not one per node, or old tasks are stopped first). */
export function predictUpgrade(i: PredictInput): StallPrediction | undefined {
  if (!oneTaskPerNode(i.merged) || !startsNewFirst(i.merged)) return undefined;
  const instances = num(i.merged.instances, 1);
  const tasks = Array.isArray(i.current.tasks) ? (i.current.tasks as Obj[]) : [];
  const oldHosts = new Set(tasks.map((t) => String(t.host ?? '')).filter(Boolean));
  const rule = `with the ${i.merged.upgradeStrategy ? 'given' : 'default'} upgradeStrategy Marathon stops no old task before a new one is healthy, and "hostname UNIQUE" needs a node for each new task`;
  if (typeof i.agents === 'string') {
    return {
      verdict: 'unknown',
      reason: `${rule}: if every node runs one already and none has room for a second, the update never finishes — the prediction could not be made (${i.agents})`,
      fix: KILL_FIRST_FIX,
    };
  }
  const need = taskNeeds(i.merged);
  const fits = (a: MesosAgentResources) => {
    const f = freeOn(a);
    return f.cpus + 1e-9 >= need.cpus && f.mem + 1e-9 >= need.mem && f.disk + 1e-9 >= need.disk && f.ports >= need.ports;
  };
  const old = countsOldTasks(i.marathonVersion);
  const withOld = i.agents.filter((a) => oldHosts.has(a.hostname));
  const free = i.agents.filter((a) => !oldHosts.has(a.hostname) && fits(a));
  const beside = old ? [] : withOld.filter(fits);
  const needText = `${need.cpus} cpus, ${need.mem} MiB, ${need.disk} MiB disk${need.ports ? `, ${need.ports} port(s)` : ''}`;
  const where = `${i.agents.length} Mesos agent(s), ${withOld.length} running ${String(i.merged.id ?? 'the app')}`;
  if (free.length > 0) {
    return { verdict: 'finishes', reason: `${free.length} node(s) without a task of the app have room for one (${needText}): each old task stopped frees its node for the next (${where})`, fix: '' };
  }
  if (beside.length === 0) {
    const why = old
      ? `Marathon ${i.marathonVersion} counts the old tasks for UNIQUE (before 1.1), so only a node without one can take a new task, and none has room`
      : `no node has room for a new task (${needText}) beside its old one, and no other node has room`;
    return { verdict: 'stalls', reason: `${rule}: ${why} (${where}) — the deployment would never finish`, fix: KILL_FIRST_FIX };
  }
  if (beside.length >= withOld.length && withOld.length >= Math.min(instances, oldHosts.size)) {
    return { verdict: 'finishes', reason: `every node that runs an old task has room for a new one beside it (${needText}; ${where})`, fix: '' };
  }
  return {
    verdict: 'may-stall',
    reason: `${rule}: only ${beside.length} of the ${withOld.length} node(s) that run an old task have room for a new one beside it (${needText}): the update starts, and stalls if Marathon stops the old task beside a new one first (${where})`,
    fix: KILL_FIRST_FIX,
  };
}
