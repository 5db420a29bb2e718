// The editor's "Deploy agent app to Marathon", server side: the deploy engine's steps (cluster/deploy) as
// requests. The client shows the plan (diff view, modal), then asks to send and to follow; the server keeps
// the plan — and the filled body with the access key — in memory only, for a limited time, and never
// returns or logs a secret (every text leaving here is masked).
import { checkHref } from '../cluster/check-ids';
import { isExpectedFailure, RequestFailure } from './expected-failure';
import { namedTarget } from './named-target';
import { marathonFailure } from '../cluster/deploy/failure-text';
import {
  configTarget,
  mesosTargetOf,
  DeployError,
  deploymentListed,
  followDeployment,
  planDeploy,
  prepareApp,
  rollbackDeployment,
  sendApp,
  type DeployPlan,
} from '../cluster/deploy/index';
import { createLanguageService, marathonPathRange, type LintContext } from '../service/index';
import type {
  DeployFollowParams,
  DeployFollowResult,
  DeployPlanParams,
  DeployPlanResult,
  DeployProgressParams,
  DeployRollbackParams,
  DeployRollbackResult,
  DeploySendParams,
  DeploySendResult,
} from './constants';
import { DIAGNOSTIC_SOURCE } from './constants';
import { Secrets } from '../service/secrets';
import { safeText } from '../service/safe-text';

/** a plan not sent within this time is forgotten (with its filled body) */
const PLAN_TTL_MS = 30 * 60_000;

interface Kept {
  plan: DeployPlan;
  appUri: string;
  appText: string;
  /** every secret of this deploy: all text leaving here goes through it */
  secrets: Secrets;
  at: number;
}

const plans = new Map<string, Kept>();
let seq = 0;

/**
 * The revert deployments this server started (DELETE /v2/deployments/{id}), by Marathon and app, until one is seen to
 * end: a revert holds the app's lock like any deployment (v1.4.13 MarathonSchedulerActor.scala:197-198), so the next
 * deploy of the app waits for it instead of meeting a 409 of our own making.
 */
const rollbacks = new Map<string, { deploymentId: string; version: string }>();
const rollbackKey = (k: { plan: DeployPlan }) => `${k.plan.target.base} ${k.plan.appId}`;

/** Our revert of this plan's app, if Marathon still lists it (an update's app names its deployments; a create asks). */
async function pendingRollback(plan: DeployPlan, signal?: AbortSignal): Promise<{ deploymentId: string; version: string } | undefined> {
  const key = rollbackKey({ plan });
  const rb = rollbacks.get(key);
  if (!rb) return undefined;
  const listed = plan.action === 'update' ? plan.runningDeployments.includes(rb.deploymentId) : await deploymentListed(plan.target, rb.deploymentId, signal);
  if (!listed) rollbacks.delete(key);
  return listed ? rb : undefined;
}

function keep(k: Omit<Kept, 'at'>): string {
  const now = Date.now();
  for (const [id, p] of plans) if (now - p.at > PLAN_TTL_MS) plans.delete(id);
  const id = `plan-${++seq}-${now.toString(36)}`;
  plans.set(id, { ...k, at: now });
  return id;
}

function kept(planId: string): Kept {
  const k = plans.get(planId);
  if (!k) throw new RequestFailure('this deploy plan is no longer known (the server restarted or it is over 30 minutes old): run Deploy again');
  return k;
}

/**
 * every text that leaves: known secret values and any user:password@ masked; and, as messages quote
 * Marathon's answers and end up in notifications and the output channel, control characters escaped
 */
function masker(secrets: Secrets): (s: string) => string {
  return (s) => safeText(secrets.maskText(s));
}

/** A JSON document for the diff view: masked only (its newlines are its own, JSON escapes the rest). */
function blockMasker(secrets: Secrets): (s: string) => string {
  return (s) => secrets.maskText(s);
}

/** `fn`, with the message of anything it throws masked before it reaches the log or the client */
async function guarded<T>(secrets: Secrets, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof Error) e.message = secrets.maskText(e.message);
    throw e;
  }
}

const SET_CREDENTIALS = 'the command "Sysdig Mesos: Set Marathon Credentials"';
const CREDENTIALS_HINT: Record<'setting' | 'config' | 'default', string> = {
  setting: `user:password@ in the sysdig-mesos.deploy.marathonUri setting, or ${SET_CREDENTIALS}`,
  config: `marathon_user/marathon_password or user:password@ in marathon_uris in dragent.yaml, or ${SET_CREDENTIALS}`,
  default: SET_CREDENTIALS,
};
const SOURCE_SAID: Record<'setting' | 'config' | 'default', string> = {
  setting: 'from the sysdig-mesos.deploy.marathonUri setting',
  config: 'from dragent.yaml',
  default: "the guide's default",
};

/** Planning failed: one sentence saying which Marathon (and where its URI came from) and what it answered. */
function planFailure(e: unknown, shown: string, source: 'setting' | 'config' | 'default', mask: (s: string) => string, cluster?: string): Error {
  const message = e instanceof Error ? e.message : String(e);
  const failure = new RequestFailure(mask(marathonFailure(shown, cluster ? `cluster ${cluster}` : SOURCE_SAID[source], message)));
  // an unexpected error stays one: its stack goes to the log
  if (!isExpectedFailure(e)) return Object.assign(e instanceof Error ? e : new Error(message), { message: failure.message });
  return failure;
}

export async function deployPlan(params: DeployPlanParams, context?: LintContext, signal?: AbortSignal): Promise<DeployPlanResult> {
  // a named cluster: its Marathon and Mesos with its own credentials; the dragent.yaml and the setting's URI are not used
  const named = params.named ? namedTarget(params.named) : undefined;
  if (named) params = { ...params, config: undefined, marathon: named.marathon, mesos: named.mesos, credentials: undefined };
  const variables = params.variables ?? {};
  const prepared = prepareApp(params.app.text, {
    env: variables,
    secrets: { accessKey: params.accessKey || undefined, collector: params.collector || undefined },
    fileName: params.app.uri,
    context,
    door: 'editor',
  });
  if (!prepared.ok) {
    return {
      kind: 'refused',
      problems: prepared.problems.map((p) => ({
        ruleId: p.ruleId,
        message: p.message,
        range: { start: { line: p.line, character: p.character }, end: { line: p.line, character: p.character } },
      })),
    };
  }
  const { target: t, source: from, secrets } = configTarget(params.config?.text, params.marathon, { timeoutMs: params.timeoutMs });
  const stored = params.credentials && typeof params.credentials.user === 'string' && params.credentials.user !== '' ? params.credentials : undefined;
  const uriOwn = from === 'given' && /^[^/]*\/\/[^/@]*@/.test(params.marathon ?? '');
  const source: 'setting' | 'config' | 'default' = from === 'given' ? 'setting' : from;
  // a 401's advice names where this user sets the credentials: the setting, dragent.yaml, or the command
  const credentialsHint = named?.hints.marathon ?? CREDENTIALS_HINT[source];
  const target = { ...(stored && !uriOwn ? { ...t, credentials: { user: stored.user, password: String(stored.password ?? '') } } : t), credentialsHint };
  secrets.add(...prepared.secretValues, params.accessKey).addCredentials(target.credentials).addCredentials(stored ? { user: stored.user, password: String(stored.password ?? '') } : undefined);
  const mask = masker(secrets);
  const maskBlock = blockMasker(secrets);
  let plan: DeployPlan;
  try {
    const { mesos } = mesosTargetOf(params.config?.text, params.mesos, secrets, { timeoutMs: params.timeoutMs });
    plan = await planDeploy(target, prepared, { signal, mesos });
  } catch (e) {
    throw planFailure(e, target.shown, source, mask, params.named?.name);
  }
  // cancelled as the answer came in: the plan is not kept, so no later deploySend can write it
  if (signal?.aborted) throw new RequestFailure(`Marathon ${mask(target.shown)}: cancelled`);
  let pending: { deploymentId: string; version: string } | undefined;
  try {
    pending = await pendingRollback(plan, signal);
  } catch (e) {
    throw planFailure(e, target.shown, source, mask, params.named?.name);
  }
  const planId = keep({ plan, appUri: params.app.uri, appText: params.app.text, secrets });
  const base = {
    kind: 'plan' as const,
    planId,
    action: plan.action,
    appId: plan.appId,
    instances: plan.instances,
    marathon: mask(plan.marathon),
    source,
    leader: safeText(plan.leader),
    ...(plan.via ? { via: safeText(plan.via) } : {}),
    filled: prepared.filled,
    ignored: plan.ignored,
    ...(pending ? { pendingRollback: pending } : {}),
  };
  if (plan.action === 'create') return { ...base, redacted: maskBlock(plan.redacted) };
  return {
    ...base,
    diff: { before: maskBlock(plan.diff.before), after: maskBlock(plan.diff.after) },
    unchanged: plan.unchanged,
    secretsChanged: plan.secretsChanged,
    runningDeployments: plan.runningDeployments,
    tasksRunning: typeof plan.current.tasksRunning === 'number' ? plan.current.tasksRunning : undefined,
    ...(typeof plan.current.version === 'string' ? { currentVersion: safeText(plan.current.version) } : {}),
    ...(plan.stall ? { stall: { verdict: plan.stall.verdict, reason: mask(plan.stall.reason), fix: plan.stall.fix } } : {}),
  };
}

export async function deploySend(params: DeploySendParams, signal?: AbortSignal): Promise<DeploySendResult> {
  const k = kept(params.planId);
  const mask = masker(k.secrets);
  try {
    const r = await sendApp(k.plan, { force: !!params.force, signal });
    // written: no revert of ours locks the app any more (it ended, or the forced write cancelled it)
    rollbacks.delete(rollbackKey(k));
    return { kind: 'sent', deploymentId: r.deploymentId, version: r.version };
  } catch (e) {
    if (e instanceof DeployError) {
      if (e.kind === 'locked') return { kind: 'locked', message: mask(e.message), deployments: e.info.deployments ?? [] };
      if (e.kind === 'exists') return { kind: 'exists', message: mask(e.message) };
      if (e.kind === 'rejected') {
        const doc = createLanguageService().parse(k.appText, 'marathon-app');
        const items = (e.info.details ?? []).map((d) => {
          const r = marathonPathRange(doc, d.path);
          return {
            range: { start: r.startPosition, end: r.endPosition },
            severity: 1 as const,
            message: mask(`Marathon refused ${d.path}: ${d.errors.join('; ')}${r.exact ? '' : ` (not in the file; nearest: ${r.found})`}`),
            code: 'marathon-rejected',
            source: DIAGNOSTIC_SOURCE,
            href: checkHref('marathon-rejected'),
          };
        });
        return { kind: 'rejected', message: mask(e.message), diagnostics: items.length ? [{ uri: k.appUri, items }] : [] };
      }
    }
    return { kind: 'error', message: mask((e as Error).message) };
  }
}

export async function deployFollow(params: DeployFollowParams, signal: AbortSignal, progress: (p: DeployProgressParams) => void): Promise<DeployFollowResult> {
  const k = kept(params.planId);
  const mask = masker(k.secrets);
  const r = await guarded(k.secrets, () => followDeployment({
    target: k.plan.target,
    appId: k.plan.appId,
    deploymentId: params.deploymentId,
    version: params.version,
    instances: k.plan.instances,
    // the rollback of a create removes the app: its absence is the end
    removes: !!params.rollback && k.plan.action === 'create',
    signal,
    timeoutMs: params.timeoutMs,
    pollMs: params.pollMs,
    onProgress: (e) =>
      progress({
        progressToken: params.progressToken,
        message: mask(e.message),
        step: e.step,
        steps: e.steps,
        running: e.running,
        healthy: e.healthy,
        instances: e.instances,
        ...(e.stalled ? { stalled: mask(e.stalled) } : {}),
      }),
  }));
  if (params.rollback && r.outcome === 'success' && rollbacks.get(rollbackKey(k))?.deploymentId === params.deploymentId) rollbacks.delete(rollbackKey(k));
  const running = r.progress?.running ?? 0;
  const instances = r.progress?.instances ?? k.plan.instances;
  const unchanged = r.outcome === 'success' && !!r.unchanged;
  const tasks = `${running} of ${instances} task(s) running${r.progress?.healthChecked ? `, ${r.progress.healthy} healthy` : ''}`;
  const message =
    r.outcome === 'success'
      ? params.rollback
        ? k.plan.action === 'create'
          ? `${k.plan.appId} rolled back: removed`
          : `${k.plan.appId} rolled back: ${tasks}`
        : unchanged
          ? `${k.plan.appId} unchanged on Marathon (it keeps its version, nothing was deployed): ${tasks}`
          : `${k.plan.appId} deployed: ${tasks}`
      : r.outcome === 'cancelled'
        ? `stopped following ${k.plan.appId}: the deployment goes on in Marathon`
        : r.reason;
  return { outcome: r.outcome, message: mask(message), running, instances, ...(unchanged ? { unchanged } : {}), listed: !r.progress || r.progress.step !== undefined };
}

export async function deployRollback(params: DeployRollbackParams, signal?: AbortSignal): Promise<DeployRollbackResult> {
  const k = kept(params.planId);
  try {
    const r = await rollbackDeployment(k.plan.target, params.deploymentId, { signal, force: !!params.force });
    if (r.kind === 'rollback') rollbacks.set(rollbackKey(k), { deploymentId: r.deploymentId, version: r.version });
    return r.kind === 'rollback' ? { kind: 'rollback', deploymentId: r.deploymentId, version: r.version } : { kind: 'cancelled' };
  } catch (e) {
    return { kind: 'error', message: masker(k.secrets)((e as Error).message) };
  }
}
