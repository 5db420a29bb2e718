import { marathonFailure } from '../cluster/deploy/failure-text';
import { createLanguageService, marathonPathRange, type LintContext } from '../service/index';
import { Secrets } from '../service/secrets';
import {
  configTarget,
  mesosTargetOf,
  DeployError,
  followDeployment,
  planDeploy,
  prepareApp,
  sendApp,
  type DeployPlan,
  type DeployProblem,
  type FollowOutcome,
  type MarathonTarget,
  type ProgressEvent,
  type RejectionDetail,
} from '../cluster/deploy/index';
import { ClusterError } from '../cluster/errors';
import { lineDiff } from './line-diff';
import { undoDeployment, type OnFailure } from './deploy-undo';
import { safeLine, safeLines } from '../service/safe-text';

/**
 * `sysdig-mesos deploy FILE`: prepare → plan → (with --yes) send → follow, as the engine's steps.
 * Without --yes it shows the plan and exits 2. Exit 0 only when the deployment finished and the tasks
 * run; 1 on refusal, rejection, failure or timeout.
 */

export interface DeployInput {
  file: string;
  text: string;
  config?: { file: string; text: string };
  marathon?: string;
  /** the Mesos master asked for free resources (the stall prediction); else the config's mesos_state_uri */
  mesos?: string;
  yes: boolean;
  force: boolean;
  /** send an update the plan predicts can never finish (a one-task-per-node replacement with no room) */
  allowStall?: boolean;
  /** a deployment that timed out or is blocked: roll it back (followed to its end), cancel it, or leave it (default) */
  onFailure?: OnFailure;
  waitSeconds?: number;
  format: 'text' | 'json';
  timeoutMs?: number;
  insecure?: boolean;
  /** process.env: SYSDIG_ACCESS_KEY, SYSDIG_COLLECTOR and ${VAR} values */
  env: Record<string, string | undefined>;
  out(s: string): void;
  signal?: AbortSignal;
  pollMs?: number;
  /** the workspace file (.sysdig-mesos.json) and the app's path relative to it, as `lint` uses them */
  context?: LintContext;
  /** where this run's Marathon credentials are set, for a 401's advice (a named cluster's variables) */
  credentialsHint?: string;
  /** the named cluster the Marathon URI is from (--cluster NAME): said instead of "from --marathon" */
  cluster?: string;
}

/** A value given on the command line that cannot be used: exit 2. */
export class DeployUsageError extends Error {}

/** A `--config` file whose Marathon URI cannot be used: exit 2, one line, no usage text. */
export class DeployConfigError extends Error {}

export interface DeployReport {
  ok: boolean;
  file: string;
  marathon: string | null;
  source: 'flag' | 'config' | 'default';
  leader: string | null;
  via: string | null;
  appId: string | null;
  action: 'create' | 'update' | null;
  unchanged: boolean | null;
  diff: { before: string; after: string } | null;
  /** fields of the file Marathon drops (JSON pointers) */
  ignored: string[];
  /** the stall prediction of a one-task-per-node replacement, when it applies */
  stall: { verdict: string; reason: string; fix: string } | null;
  filled: string[];
  problems: (DeployProblem & { file: string })[];
  rejected: (RejectionDetail & { line: number; character: number })[];
  deploymentId: string | null;
  version: string | null;
  outcome: FollowOutcome['outcome'] | 'not-sent' | 'refused' | 'error' | 'unchanged';
  reason: string | null;
  progress: ProgressEvent | null;
  /** --on-failure: what was done with a deployment that timed out or is blocked, and how that ended */
  undo: { action: 'rollback' | 'cancel'; result: string; message: string } | null;
}

const CLI_CREDENTIALS_HINT: Record<DeployReport['source'], string> = {
  flag: 'user:password@ in --marathon, or marathon_user/marathon_password in the --config file',
  config: 'marathon_user/marathon_password or user:password@ in marathon_uris of the --config file, or --marathon with user:password@',
  default: 'user:password@ in --marathon, or marathon_user/marathon_password in a --config file',
};

function sourceLabel(s: DeployReport['source']): string {
  return s === 'flag' ? 'from --marathon' : s === 'config' ? 'from the config' : 'the default';
}

export async function runDeploy(input: DeployInput): Promise<{ code: number; report: DeployReport }> {
  // every secret of the run (access key, passwords, secret ${VAR}s): all text and the report go through it
  const known = new Secrets().add(input.env.SYSDIG_ACCESS_KEY).addUri(input.marathon);
  try {
    return await deploy(input, known);
  } catch (e) {
    // an unexpected failure is printed with its stack by cli.ts: both masked
    if (e instanceof Error) {
      e.message = known.maskText(e.message);
      if (e.stack) e.stack = known.maskText(e.stack);
    }
    throw e;
  }
}

async function deploy(input: DeployInput, known: Secrets): Promise<{ code: number; report: DeployReport }> {
  const secrets = { accessKey: input.env.SYSDIG_ACCESS_KEY || undefined, collector: input.env.SYSDIG_COLLECTOR || undefined };
  const show = (s: string) => known.maskText(s);
  const text = input.format === 'text';
  // Lines carry Marathon's answers (leader, deployment ids, task failures, rejection details): escaped
  // (safe-text.ts), so no answer can start a line of its own.
  const say = (s: string) => {
    if (text) input.out(safeLine(show(s)));
  };
  /** A pretty-printed JSON block (the app, its diff): its newlines are ours, any in a value are JSON-escaped. */
  const sayBlock = (s: string) => {
    if (text) input.out(safeLines(show(s)));
  };

  // ---- which Marathon (--marathon, else the config's first marathon_uris item, else the default)
  let target: MarathonTarget;
  let source: DeployReport['source'];
  try {
    const t = configTarget(input.config?.text, input.marathon, { timeoutMs: input.timeoutMs, insecure: input.insecure });
    source = t.source === 'given' ? 'flag' : t.source;
    // a 401's advice names where this run's credentials come from (not the editor's setting, not marathon_uris for --marathon)
    target = { ...t.target, credentialsHint: input.credentialsHint ?? CLI_CREDENTIALS_HINT[source] };
    known.addAll(t.secrets);
  } catch (e) {
    if (input.marathon !== undefined) throw new DeployUsageError(show((e as Error).message));
    // Only the config's URI can fail here (the default parses): the guide's `http://[marathon-host]:8080`
    // and the like make the file unusable for deploy, which is exit 2 with one line, not a crash.
    throw new DeployConfigError(show(`${input.config?.file ?? 'the config'}: the first marathon_uris item: ${(e as Error).message}; fix it or pass --marathon URI`));
  }

  const report: DeployReport = {
    ok: false,
    file: input.file,
    marathon: target.shown,
    source,
    leader: null,
    via: null,
    appId: null,
    action: null,
    unchanged: null,
    diff: null,
    ignored: [],
    stall: null,
    filled: [],
    problems: [],
    rejected: [],
    deploymentId: null,
    version: null,
    outcome: 'not-sent',
    reason: null,
    progress: null,
    undo: null,
  };
  // masked on the values, before anything is serialised: keys, booleans and null stay as they are
  const done = (code: number) => ({ code, report: known.maskDeep(report) });

  // ---- prepare
  const prepared = prepareApp(input.text, { env: input.env, secrets, fileName: input.file, context: input.context });
  if (!prepared.ok) {
    report.outcome = 'refused';
    report.problems = prepared.problems.map((p) => ({ ...p, file: input.file }));
    report.reason = `${input.file} has ${prepared.problems.length} problem(s) to fix before it can be deployed`;
    for (const p of prepared.problems) say(`${input.file}:${p.line + 1}:${p.character + 1} error ${p.ruleId} ${p.message}`);
    say(`Not deployed: ${report.reason} (the file is never changed by deploy; secrets come from SYSDIG_ACCESS_KEY, SYSDIG_COLLECTOR and \${VAR}s from the environment)`);
    return done(1);
  }
  known.add(...prepared.secretValues);
  report.appId = prepared.appId;
  report.filled = prepared.filled;

  // ---- plan (Ctrl-C here aborts the GET in flight: no plan, nothing sent)
  const cancelledBeforeWrite = () => {
    report.outcome = 'cancelled';
    report.reason = 'cancelled before anything was sent: nothing was written to Marathon';
    say(`Not deployed (cancelled): ${report.reason}`);
    return done(1);
  };
  if (input.signal?.aborted) return cancelledBeforeWrite();
  const mesosOf = mesosTargetOf(input.config?.text, input.mesos, known, { timeoutMs: input.timeoutMs, insecure: input.insecure });
  let plan: DeployPlan;
  try {
    plan = await planDeploy(target, prepared, { signal: input.signal, mesos: mesosOf.mesos });
  } catch (e) {
    if (input.signal?.aborted) return cancelledBeforeWrite();
    report.outcome = 'error';
    report.reason = (e as Error).message;
    say(marathonFailure(target.shown, input.cluster ? `cluster ${input.cluster}` : sourceLabel(source), report.reason));
    return done(1);
  }
  report.leader = plan.leader;
  report.via = plan.via ?? null;
  report.action = plan.action;
  say(`Marathon ${plan.marathon} (${input.cluster ? `cluster ${input.cluster}` : sourceLabel(source)})`);
  say(`Marathon leader: ${plan.leader}${plan.via ? ` (requests proxied by the standby ${plan.via})` : ''}`);
  if (prepared.filled.length) say(`Filled at send time: ${prepared.filled.join(', ')} (the file is not changed)`);
  report.ignored = plan.ignored;
  // Marathon's readers drop what they do not know: sent, never kept, so left out of the diff (dropped.ts)
  for (const f of plan.ignored) say(`Marathon will ignore \`${f.slice(1).replace(/\//g, '.')}\`; it is not kept (not part of the diff)`);
  if (plan.action === 'create') {
    say(`Plan: create ${plan.appId} with ${plan.instances} instance(s) (POST /v2/apps)`);
    if (!input.yes) sayBlock(plan.redacted);
  } else {
    report.unchanged = plan.unchanged;
    report.diff = plan.diff;
    if (plan.unchanged) say(`Plan: ${plan.appId} is already deployed with this definition: nothing to change`);
    else {
      say(`Plan: update ${plan.appId} (PUT /v2/apps${plan.appId})${plan.diff.before !== plan.diff.after ? '; changes (- now on Marathon, + after the deploy):' : ''}`);
      if (plan.diff.before !== plan.diff.after) sayBlock(lineDiff(plan.diff.before, plan.diff.after));
    }
    if (plan.secretsChanged.length) say(`Secret value(s) change: ${plan.secretsChanged.join(', ')} (not shown)`);
    if (plan.runningDeployments.length) say(`Note: deployment(s) ${plan.runningDeployments.join(', ')} of ${plan.appId} are still running: the update will be refused as locked unless --force`);
  }

  if (plan.action === 'update' && plan.unchanged) {
    // Nothing to send; succeed only if what runs is complete (the same rule as after a deploy).
    const running = typeof plan.current.tasksRunning === 'number' ? plan.current.tasksRunning : 0;
    const instances = typeof plan.current.instances === 'number' ? plan.current.instances : plan.instances;
    const busy = plan.runningDeployments.length > 0;
    report.outcome = 'unchanged';
    report.ok = running >= instances && !busy;
    report.reason = `${running} of ${instances} task(s) running${busy ? `, deployment(s) ${plan.runningDeployments.join(', ')} still running` : ''}`;
    say(`${report.ok ? 'OK' : 'Not complete'}: ${report.reason}`);
    return done(report.ok ? 0 : 1);
  }
  // ---- the stall prediction (predict.ts): a replacement that can never finish is not sent unless asked
  if (plan.action === 'update' && plan.stall) {
    const st = plan.stall;
    report.stall = { verdict: st.verdict, reason: st.reason, fix: st.fix };
    if (st.verdict === 'finishes') say(`Replacement: ${st.reason}`);
    else if (st.verdict === 'stalls' && !input.allowStall) {
      report.outcome = 'refused';
      report.reason = `this update can never finish: ${st.reason}. Fix: ${st.fix}`;
      say(`Not deployed: ${report.reason}. (--allow-stall sends it anyway; the deployment then stays blocked on Marathon.)`);
      return done(1);
    } else say(`Warning: ${st.verdict === 'stalls' ? 'this update can never finish (sent anyway: --allow-stall)' : st.verdict === 'may-stall' ? 'this update may stall' : 'could not predict whether this update finishes'}: ${st.reason}. Fix: ${st.fix}`);
  }
  if (!input.yes) {
    report.reason = 'not confirmed: re-run with --yes to deploy';
    say(`Nothing sent. Re-run with --yes to ${plan.action === 'create' ? 'create' : 'update'} ${plan.appId} on ${plan.marathon} (leader ${plan.leader}).`);
    return done(2);
  }

  // ---- send (a Ctrl-C that came while the plan was printed still stops it: sendApp sends nothing then)
  if (input.signal?.aborted) return cancelledBeforeWrite();
  let sent;
  try {
    sent = await sendApp(plan, { force: input.force, signal: input.signal });
  } catch (e) {
    report.outcome = e instanceof ClusterError && e.kind === 'cancelled' ? 'cancelled' : 'error';
    report.reason = (e as Error).message;
    if (e instanceof DeployError && e.kind === 'rejected') {
      const doc = createLanguageService().parse(input.text.charCodeAt(0) === 0xfeff ? input.text.slice(1) : input.text, 'marathon-app');
      report.rejected = (e.info.details ?? []).map((d) => {
        const r = marathonPathRange(doc, d.path);
        return { ...d, line: r.startPosition.line, character: r.startPosition.character };
      });
      say(report.reason);
      for (const d of report.rejected) say(`${input.file}:${d.line + 1}:${d.character + 1} error marathon-rejected ${d.path}: ${d.errors.join('; ')}`);
    } else if (e instanceof DeployError && e.kind === 'locked') {
      say(report.reason);
      say(`Not deployed. To cancel ${e.info.deployments?.join(', ') || 'the running deployment'} and deploy anyway, re-run with --yes --force. Warning: forcing stops that deployment where it is — tasks it was starting or stopping are left as they are.`);
    } else if (report.outcome === 'cancelled') say(`Not deployed (cancelled): ${report.reason}`);
    else say(report.reason);
    return done(1);
  }
  report.deploymentId = sent.deploymentId;
  report.version = sent.version;
  say(`Sent: deployment ${sent.deploymentId}, version ${sent.version}. Following (up to ${input.waitSeconds ?? 600} s)…`);

  // ---- follow
  const outcome = await followDeployment({
    target,
    appId: plan.appId,
    deploymentId: sent.deploymentId,
    version: sent.version,
    instances: plan.instances,
    timeoutMs: (input.waitSeconds ?? 600) * 1000,
    pollMs: input.pollMs,
    signal: input.signal,
    // the engine reports a state when it changes, not every poll
    onProgress: (p) => {
      report.progress = p;
      say(`  ${p.message}`);
    },
  });
  report.outcome = outcome.outcome;
  report.progress = outcome.progress ?? report.progress;
  const secs = Math.round(outcome.elapsedMs / 1000);
  // only for a deployment that exists: just sent and not yet polled, or still listed at the last poll
  const listed = !outcome.progress || outcome.progress.step !== undefined;
  const rollbackHint = listed
    ? `the deployment keeps running on Marathon; to roll it back: DELETE /v2/deployments/${sent.deploymentId} on ${plan.marathon} (curl -X DELETE; Marathon starts a revert deployment), or deploy a fixed file`
    : `deploy a fixed file, or look for a deployment of ${plan.appId} in GET /v2/deployments on ${plan.marathon}`;
  if (outcome.outcome === 'success') {
    report.ok = true;
    const p = outcome.progress;
    if (outcome.unchanged) {
      report.outcome = 'unchanged';
      report.reason = `Marathon kept ${plan.appId} as it was (unchanged on Marathon): nothing was deployed`;
      say(`Unchanged on Marathon: ${plan.appId} keeps its version, nothing was deployed; ${p.running} of ${p.instances} task(s) running${p.healthChecked ? `, ${p.healthy} healthy` : ''}.`);
      return done(0);
    }
    say(`Deployed ${plan.appId} in ${secs} s: ${p.running} of ${p.instances} task(s) running${p.healthChecked ? `, ${p.healthy} healthy` : ''}.`);
    return done(0);
  }
  if (outcome.outcome === 'cancelled') {
    report.reason = `stopped following after ${secs} s: ${rollbackHint}`;
  } else if (outcome.outcome === 'timeout') {
    report.reason = `${outcome.reason}; ${rollbackHint}`;
  } else if (outcome.outcome === 'blocked') {
    // no rollback hint: the revert would be stuck the same way (blocked.ts)
    report.reason = `${outcome.reason} (curl -X DELETE '${plan.marathon}/v2/deployments/${sent.deploymentId}?force=true')`;
  } else report.reason = outcome.reason;
  say(`Not deployed (${outcome.outcome}): ${report.reason}`);
  const how = input.onFailure ?? 'leave';
  if (how !== 'leave' && (outcome.outcome === 'timeout' || outcome.outcome === 'blocked') && listed) {
    say(how === 'rollback' ? `Rolling back deployment ${sent.deploymentId} (--on-failure rollback)…` : `Cancelling deployment ${sent.deploymentId} (--on-failure cancel)…`);
    const u = await undoDeployment(plan, sent.deploymentId, outcome, how, {
      signal: input.signal,
      pollMs: input.pollMs,
      waitSeconds: input.waitSeconds,
      progress: (p) => say(`  ${p.message}`),
    });
    report.undo = { action: how, result: u.undo, message: u.message };
    say(`${u.undo === 'rolled-back' ? 'Rolled back' : u.undo === 'cancelled' ? 'Cancelled' : 'Not undone'}: ${u.message}`);
  }
  return done(1);
}
