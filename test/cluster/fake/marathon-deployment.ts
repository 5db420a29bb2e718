import { randomUUID } from 'node:crypto';

/**
 * Deployment plans and the arithmetic of their steps, as Marathon computes them. The store (marathon-apps.ts)
 * runs the steps tick by tick.
 */

type Obj = Record<string, any>;

export type Action = 'StartApplication' | 'ScaleApplication' | 'RestartApplication' | 'StopApplication';

/** TaskReplaceActor's state while a RestartApplication runs. */
export interface ReplaceState {
  maxCapacity: number;
  /** old task ids not yet terminal */
  oldIds: Set<string>;
  /** old task ids not yet asked to die, in kill order */
  toKill: string[];
  /** new instances started (queued or placed) */
  instancesStarted: number;
}

export interface Deployment {
  id: string;
  version: string;
  appId: string;
  actions: Action[];
  /** 1-based, as /v2/deployments shows it */
  currentStep: number;
  /** the step has been started (its tasks queued or killed) */
  initiated: boolean;
  hiddenPolls: number;
  /** the app's definition before the plan (undefined: the plan created it) — what a rollback restores */
  original?: Obj;
  /** the app's definition the plan deploys (undefined: the plan removes it) */
  target?: Obj;
  /** a seeded deployment that never moves (holds the lock) */
  frozen: boolean;
  replace?: ReplaceState;
}

/** Stable JSON: keys sorted, for comparing definitions. */
export function stable(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stable).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stable((v as Obj)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

const SERVER_OWNED = new Set(['version', 'versionInfo', 'instances']);
function config(def: Obj): string {
  return stable(Object.fromEntries(Object.entries(def).filter(([k]) => !SERVER_OWNED.has(k))));
}

/** AppDefinition.isUpgrade: anything but instances and the version differs (v1.4.13:src/main/scala/mesosphere/marathon/state/AppDefinition.scala:310). */
export const isUpgrade = (from: Obj, to: Obj): boolean => config(from) !== config(to);
/** AppDefinition.isOnlyScaleChange (v1.4.13 AppDefinition.scala:304). */
export const isOnlyScaleChange = (from: Obj, to: Obj): boolean => !isUpgrade(from, to) && from.instances !== to.instances;

/**
 * The new app's versionInfo: GroupVersioningUtil.updateVersionInfoForChangedApps
 * (v1.4.13:src/main/scala/mesosphere/marathon/upgrade/GroupVersioningUtil.scala:26-49, master same file :26-49):
 * a config change moves everything, a scale change moves `version` and `lastScalingAt`, and an unchanged app
 * keeps its old versionInfo — so a no-op PUT leaves the app at its old version.
 */
export function nextVersionInfo(from: Obj | undefined, to: Obj, version: string): { version: string; versionInfo: Obj } {
  if (!from) return { version, versionInfo: { lastScalingAt: version, lastConfigChangeAt: version } };
  if (isUpgrade(from, to)) return { version, versionInfo: { lastScalingAt: version, lastConfigChangeAt: version } };
  if (isOnlyScaleChange(from, to)) return { version, versionInfo: { lastScalingAt: version, lastConfigChangeAt: from.versionInfo.lastConfigChangeAt } };
  return { version: from.version, versionInfo: structuredClone(from.versionInfo) };
}

/**
 * The plan's steps for one app (v1.4.13:src/main/scala/mesosphere/marathon/upgrade/DeploymentPlan.scala:296-341 and
 * dependencyOrderedSteps :244-273): removed → StopApplication; new → StartApplication (0 instances), then
 * ScaleApplication; scale-only or scaled to zero → ScaleApplication; upgrade → RestartApplication; unchanged → no step.
 */
export function planActions(original: Obj | undefined, target: Obj | undefined): Action[] {
  if (!target) return original ? ['StopApplication'] : [];
  if (!original) return ['StartApplication', 'ScaleApplication'];
  if (isOnlyScaleChange(original, target) || (target.instances === 0 && original.instances !== 0)) return ['ScaleApplication'];
  if (isUpgrade(original, target)) return ['RestartApplication'];
  return [];
}

export function newDeployment(appId: string, version: string, actions: Action[], original: Obj | undefined, target: Obj | undefined, o: { frozen?: boolean; hiddenPolls?: number } = {}): Deployment {
  return {
    id: randomUUID(),
    version,
    appId,
    actions,
    currentStep: 1,
    initiated: false,
    hiddenPolls: o.hiddenPolls ?? 0,
    original: original && structuredClone(original),
    target: target && structuredClone(target),
    frozen: !!o.frozen,
  };
}

/**
 * TaskReplaceActor.computeRestartStrategy (v1.4.13:src/main/scala/mesosphere/marathon/upgrade/TaskReplaceActor.scala:203-237;
 * unchanged through v1.7.236:src/main/scala/mesosphere/marathon/core/deployment/impl/TaskReplaceActor.scala:207-241, so for
 * every profile): keep ceil(instances × minimumHealthCapacity) running, never exceed instances × (1 + maximumOverCapacity),
 * kill the rest at once; when both bounds meet at the running count, allow one instance over capacity. Master (after
 * 1.7) counts only healthy instances and kills instances beyond `instances` too (master same file :342-390): no profile
 * models master.
 */
export function restartStrategy(instances: number, upgradeStrategy: Obj, running: number): { nrToKillImmediately: number; maxCapacity: number } {
  const mhc = upgradeStrategy?.minimumHealthCapacity ?? 1;
  const moc = upgradeStrategy?.maximumOverCapacity ?? 1;
  const minHealthy = Math.ceil(instances * mhc - 1e-9);
  let maxCapacity = Math.floor(instances * (1 + moc) + 1e-9);
  const nrToKillImmediately = Math.max(0, running - minHealthy);
  if (minHealthy === maxCapacity && maxCapacity <= running) maxCapacity += 1;
  return { nrToKillImmediately, maxCapacity };
}

/** TaskReplaceActor.launchInstances (TaskReplaceActor.scala:140-152): how many new instances to queue now. */
export function instancesToStartNow(r: ReplaceState, instances: number): number {
  const leftCapacity = Math.max(0, r.maxCapacity - r.oldIds.size - r.instancesStarted);
  const notStartedYet = Math.max(0, instances - r.instancesStarted);
  const n = Math.min(notStartedYet, leftCapacity);
  r.instancesStarted += n;
  return n;
}
