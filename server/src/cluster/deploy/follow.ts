import { ClusterError } from '../errors';
import { parseJson } from '../http';
import { appPath, call, marathonStatusError } from './api';
import { stallReason, type QueueEntry } from './stall';
import { blockedReason } from './blocked';
import type { FollowOutcome, MarathonTarget, ProgressEvent } from './types';

/**
 * Follows one deployment until the app runs, it fails, it is blocked, time runs out or the person cancels.
 *
 * Marathon has no "failed" deployment state (mesos-marathon-api.md §1.6, pitfall 17): a stuck deployment
 * stays listed at the same step forever. Success is judged from what Marathon reports about the app: the
 * deployment is gone from `/v2/deployments` and from the app, and as many tasks of the app's configuration
 * (`versionInfo.lastConfigChangeAt`) run (and are healthy, with health checks) as the app has instances.
 * The version the write answered only tells whose deployment it was: the app moves to it when something it
 * stores changed (GroupVersioningUtil.updateVersionInfoForChangedApps, v1.4.13 upgrade/GroupVersioningUtil.scala:26-49),
 * and a PUT that changes nothing leaves the app at its older version with no deployment ever listed — that
 * ends at once as success `unchanged` when the tasks run, never as a wait for a version that will not come.
 * A deployment missing from the list right after the POST (pitfall 16, MARATHON-8566) is not success: the
 * app is then at the answered version and its tasks are not running yet.
 * Stalls are explained from `lastTaskFailure` and `/v2/queue`; a one-task-per-node replacement that no offer
 * can take ends within a few polls as `blocked` (blocked.ts), other stalls as `timeout` at the end of the wait;
 * `failed` is for what cannot heal: the app removed, or its version replaced by another deployment.
 */

export interface FollowOptions {
  target: MarathonTarget;
  appId: string;
  deploymentId: string;
  /** the version sendApp returned */
  version: string;
  /** the file's instances (the app's own value wins once Marathon has it) */
  instances: number;
  signal?: AbortSignal;
  onProgress?: (e: ProgressEvent) => void;
  /** default 10 minutes */
  timeoutMs?: number;
  /** default 2000 */
  pollMs?: number;
  /** unchanged polls before asking /v2/queue why; default 3 */
  stallPolls?: number;
  /** a rollback of a create: the deployment removes the app, and its absence is the success */
  removes?: boolean;
  /** consecutive failed polls tolerated (a leader election); default 3 */
  maxPollErrors?: number;
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

interface MarathonTask {
  version?: string;
  state?: string;
  startedAt?: string | null;
  stagedAt?: string | null;
  healthCheckResults?: { alive?: boolean }[];
}

interface AppView {
  id?: string;
  version?: string;
  constraints?: unknown[];
  upgradeStrategy?: { minimumHealthCapacity?: number; maximumOverCapacity?: number };
  versionInfo?: { lastConfigChangeAt?: string };
  instances?: number;
  tasks?: MarathonTask[];
  deployments?: { id?: string }[];
  healthChecks?: unknown[];
  lastTaskFailure?: { version?: string; host?: string; message?: string; state?: string; timestamp?: string };
}

interface DeploymentView {
  id?: string;
  currentStep?: number;
  totalSteps?: number;
  currentActions?: { action?: string; app?: string }[];
}

class Cancelled extends Error {}

const STALLED = ' — stalled: ';

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new Cancelled());
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(new Cancelled());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function running(t: MarathonTask): boolean {
  // `state` from 1.4; before, a started task is a running one
  return t.state !== undefined ? t.state === 'TASK_RUNNING' : !!t.startedAt;
}

/** Asked to die and not yet gone (a scale-down, a replacement): TASK_KILLING from 1.4 (0.15 shows no such state). */
function killing(t: MarathonTask): boolean {
  return t.state === 'TASK_KILLING';
}

/** The change a person would notice: step, action, counts and the stall's kind — not its seconds or counters. */
function changeKey(e: ProgressEvent): string {
  return JSON.stringify([e.step, e.steps, e.action, e.instances, e.running, e.healthy, e.staged, e.killing, e.stalled?.replace(/\d+/g, '#')]);
}

export async function followDeployment(o: FollowOptions): Promise<FollowOutcome> {
  const now = o.now ?? (() => Date.now());
  const sleep = o.sleep ?? defaultSleep;
  const timeoutMs = o.timeoutMs ?? 600_000;
  const pollMs = o.pollMs ?? 2000;
  const stallPolls = o.stallPolls ?? 3;
  const maxPollErrors = o.maxPollErrors ?? 3;
  const start = now();
  let seen = false;
  let last: ProgressEvent | undefined;
  let lastKey = '';
  let shownKey = '';
  let same = 0;
  let changedAt = start;
  let errors = 0;
  let unseenAbsent = 0;
  const elapsed = () => now() - start;
  const cancelled = (): FollowOutcome => ({ outcome: 'cancelled', progress: last, elapsedMs: elapsed() });
  // a line when something a person would notice changed, not every poll (a stalled follow used to print ~300)
  const show = (e: ProgressEvent, force = false) => {
    const k = changeKey(e);
    if (force || k !== shownKey) o.onProgress?.(e);
    shownKey = k;
  };

  for (let poll = 0; ; poll++) {
    if (o.signal?.aborted) return cancelled();
    if (poll > 0) {
      try {
        await sleep(pollMs, o.signal);
      } catch (e) {
        if (e instanceof Cancelled || o.signal?.aborted) return cancelled();
        throw e;
      }
      if (o.signal?.aborted) return cancelled();
    }
    if (elapsed() >= timeoutMs) {
      const where = last ? ` (${last.message.split(STALLED)[0]})` : '';
      return {
        outcome: 'timeout',
        reason: `not finished after ${Math.round(elapsed() / 1000)} s${where}${last?.stalled ? `: ${last.stalled}` : ''} — Marathon keeps trying`,
        progress: last,
        elapsedMs: elapsed(),
      };
    }

    let deployments: DeploymentView[];
    let app: AppView | undefined;
    try {
      const dres = await call(o.target, 'GET', '/v2/deployments', o.signal);
      if (dres.status !== 200) throw marathonStatusError(dres);
      const list = parseJson<unknown>(dres, 'Marathon');
      deployments = Array.isArray(list) ? (list as DeploymentView[]) : [];
      const ares = await call(o.target, 'GET', `/v2/apps${appPath(o.appId)}`, o.signal);
      if (ares.status === 404 && /does not exist/i.test(ares.body)) app = undefined;
      else if (ares.status !== 200) throw marathonStatusError(ares);
      else app = parseJson<{ app?: AppView }>(ares, 'Marathon')?.app;
      errors = 0;
    } catch (e) {
      // Cancel aborts the poll in flight (not only the sleep between polls): that is not a failed poll.
      if (o.signal?.aborted) return cancelled();
      // 401 will not heal; a leader election or a dropped connection may.
      if (!(e instanceof ClusterError) || e.kind === 'unauthorized' || e.kind === 'forbidden' || ++errors > maxPollErrors) {
        return { outcome: 'failed', reason: (e as Error).message, progress: last, elapsedMs: elapsed() };
      }
      const base = last ?? event(o, undefined, undefined, elapsed(), undefined, undefined);
      show({ ...base, message: `${base.message.split(STALLED)[0]} — poll failed (${errors} of ${maxPollErrors} tolerated), retrying: ${(e as Error).message}`, elapsedMs: elapsed() }, true);
      continue;
    }

    const mine = deployments.find((d) => d.id === o.deploymentId);
    const onApp = !!app?.deployments?.some((d) => d.id === o.deploymentId);
    if (mine || onApp) seen = true;

    if (!app) {
      // A removal's deployment is listed only once the one it cancelled has stopped (DeploymentManager.scala:272-283,
      // v1.4.13), while the app is gone at once and its id stays locked: absence is the end only after the deployment
      // was seen, or when it never shows in `stallPolls` polls (it ran and ended between two polls).
      if (o.removes && !mine && (seen || ++unseenAbsent >= stallPolls)) {
        last = { ...event(o, undefined, undefined, elapsed(), undefined, undefined), message: `${o.appId} removed` };
        show(last);
        return { outcome: 'success', progress: last, elapsedMs: elapsed() };
      }
      // Just after a 201 the app may 404 for a moment (0.8.2, issue #2070); once seen, it was removed.
      if (seen && !mine) return { outcome: 'failed', reason: `${o.appId} no longer exists: the deployment was rolled back or the app deleted`, progress: last, elapsedMs: elapsed() };
      last = event(o, undefined, undefined, elapsed(), mine, undefined);
      show(last);
      continue;
    }

    const instances = typeof app.instances === 'number' ? app.instances : o.instances;
    const busy = deployments.some((d) => d.id !== o.deploymentId && (d as { affectedApps?: string[] }).affectedApps?.includes(o.appId)) || (app.deployments ?? []).some((d) => d.id !== o.deploymentId);
    // A PUT Marathon treated as a no-op: the app kept an older version, and our deployment was never listed (a plan
    // without steps is over at once). Judged from the app, at once — not a wait for a version that will not come.
    const noop = !seen && !mine && !onApp && !!app.version && app.version < o.version && !busy;
    if (!mine && !onApp && !noop && app.version && app.version !== o.version && (seen || app.version > o.version)) {
      return { outcome: 'failed', reason: `${o.appId} is now at version ${app.version}, not ${o.version}: another deployment replaced or rolled back this one`, progress: last, elapsedMs: elapsed() };
    }

    // Tasks of the app's configuration (a scale-only change keeps the tasks' older config version). While the app
    // does not show our version yet (and the PUT was not a no-op), none of its tasks are ours.
    const atVersion = noop || app.version === o.version;
    const config = app.versionInfo?.lastConfigChangeAt ?? app.version;
    const tasks = atVersion ? (app.tasks ?? []).filter((t) => t.version === undefined || config === undefined || t.version >= config) : [];
    const healthChecked = Array.isArray(app.healthChecks) && app.healthChecks.length > 0;
    const run = tasks.filter(running);
    const counts = {
      running: run.length,
      healthy: run.filter((t) => (t.healthCheckResults ?? []).length > 0 && t.healthCheckResults!.every((h) => h.alive === true)).length,
      staged: tasks.filter((t) => !running(t) && !killing(t)).length,
      killing: tasks.filter(killing).length,
    };
    const enough = counts.running >= instances && (!healthChecked || counts.healthy >= instances);

    const key = JSON.stringify([mine?.currentStep, counts]);
    same = key === lastKey ? same + 1 : 0;
    if (same === 0) changedAt = now();
    lastKey = key;
    // a failure of an older version is history, not the reason this deployment stalls
    const ltf = atVersion && app.lastTaskFailure && (app.lastTaskFailure.version === undefined || app.lastTaskFailure.version >= (config ?? '')) ? app.lastTaskFailure : undefined;
    let stalled: string | undefined;
    let blocked: string | undefined;
    if (!enough && (ltf || same >= stallPolls)) {
      let queue: QueueEntry | undefined;
      try {
        // lastUnusedOffers only with the embed (v1.4.13 QueueResource.scala:30); older versions ignore the parameter
        const qres = await call(o.target, 'GET', '/v2/queue?embed=lastUnusedOffers', o.signal);
        if (qres.status === 200) {
          const q = parseJson<{ queue?: QueueEntry[] }>(qres, 'Marathon');
          queue = q?.queue?.find((e) => e?.app?.id === o.appId);
        }
      } catch {
        if (o.signal?.aborted) return cancelled();
        queue = undefined; // the queue only explains; not being able to read it changes nothing
      }
      stalled = stallReason(ltf, queue, same >= stallPolls ? Math.round((now() - changedAt) / 1000) : undefined);
      if (!ltf && same >= stallPolls && mine) blocked = blockedReason(app, mine, queue, o.deploymentId);
    }

    last = event(o, { ...counts, instances, healthChecked }, stalled, elapsed(), mine, atVersion);
    show(last);
    if (blocked) return { outcome: 'blocked', reason: blocked, progress: last, elapsedMs: elapsed() };
    if (!mine && !onApp && atVersion && enough) return { outcome: 'success', progress: last, elapsedMs: elapsed(), ...(noop ? { unchanged: true } : {}) };
  }
}

function event(
  o: FollowOptions,
  c: { running: number; healthy: number; staged: number; killing: number; instances: number; healthChecked: boolean } | undefined,
  stalled: string | undefined,
  elapsedMs: number,
  d: DeploymentView | undefined,
  atVersion: boolean | undefined,
): ProgressEvent {
  const instances = c?.instances ?? o.instances;
  const actions = [...new Set((d?.currentActions ?? []).map((a) => a.action).filter((a): a is string => !!a))].join(', ');
  const step = d && typeof d.currentStep === 'number' ? d.currentStep : undefined;
  const steps = d && typeof d.totalSteps === 'number' ? d.totalSteps : undefined;
  const where = step !== undefined ? `step ${step} of ${steps ?? '?'}${actions ? ` (${actions})` : ''}` : c && atVersion ? 'deployment finished' : 'waiting for the deployment to show';
  const tasks = c ? `${c.running} of ${instances} running${c.healthChecked ? `, ${c.healthy} of ${instances} healthy` : ''}${c.staged ? `, ${c.staged} staged` : ''}${c.killing ? `, ${c.killing} stopping` : ''}` : `${o.appId} not visible yet`;
  return {
    step,
    steps,
    action: actions || undefined,
    instances,
    running: c?.running ?? 0,
    healthy: c?.healthy ?? 0,
    staged: c?.staged ?? 0,
    killing: c?.killing ?? 0,
    healthChecked: c?.healthChecked ?? false,
    stalled,
    message: `${where}: ${tasks}${stalled ? `${STALLED}${stalled}` : ''}`,
    elapsedMs,
  };
}
