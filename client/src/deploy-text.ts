// The texts of "Deploy agent app to Marathon": the confirmation, the refusal, the outcome. No `vscode`
// import (unit-tested under plain Node). Nothing here ever holds a secret: the server masks its answers.
import { DIAGNOSTIC_SOURCE, RULES_DOC, type DeployFollowResult, type DeployPlanResult, type DeployProgressParams } from '../../server/src/lsp/constants';
import { maskUserInfo } from '../../server/src/service/agent-uri';

type Plan = Extract<DeployPlanResult, { kind: 'plan' }>;
type Refused = Extract<DeployPlanResult, { kind: 'refused' }>;

/** the modal's question and detail; the button says what will happen */
export function confirmation(p: Plan, forcePast?: string): { message: string; detail: string; button: string } {
  const where = `Marathon ${maskUserInfo(p.marathon)} (leader ${p.leader}${p.via ? `, through the standby ${p.via}` : ''})`;
  const lines: string[] = [];
  if (p.action === 'create') lines.push(`${p.appId} does not exist there: it will be created with ${p.instances} instance(s) (POST /v2/apps).`);
  else {
    lines.push(`${p.appId} exists: it will be replaced by the file's definition (PUT /v2/apps${p.appId}); the diff is open beside.`);
    if (p.secretsChanged?.length) lines.push(`Secret value(s) change: ${p.secretsChanged.join(', ')} (not shown).`);
    // forcePast: the person chose Force Update past a rollback of ours that cannot finish
    if (forcePast) lines.push(`Sent with ?force=true: the rollback ${forcePast} is cancelled where it stands.`);
    else if (p.runningDeployments?.length) lines.push(`A deployment of this app is still running (${p.runningDeployments.join(', ')}): Marathon may refuse the update as locked.`);
  }
  if (p.filled.length) lines.push(`Filled at send time, not written to the file: ${p.filled.join(', ')}.`);
  for (const f of p.ignored ?? []) lines.push(`Marathon will ignore \`${f.slice(1).replace(/\//g, '.')}\`; it is not kept.`);
  if (p.stall && p.stall.verdict !== 'finishes') {
    const head = p.stall.verdict === 'stalls' ? 'This update can never finish (sent anyway)' : p.stall.verdict === 'may-stall' ? 'This update may stall' : 'Whether this update can finish could not be predicted';
    lines.push(`${head}: ${p.stall.reason}. Fix: ${p.stall.fix}.`);
  }
  return {
    message: `${p.action === 'create' ? 'Create' : 'Update'} ${p.appId} on ${where}?`,
    detail: lines.join('\n'),
    button: p.action === 'create' ? 'Deploy' : 'Update',
  };
}

export function refusal(r: Refused, file: string): { message: string; detail: string } {
  const shown = r.problems.slice(0, 8).map((p) => `${file}:${p.range.start.line + 1}: ${p.ruleId}: ${p.message}`);
  if (r.problems.length > shown.length) shown.push(`… and ${r.problems.length - shown.length} more (see the Problems panel)`);
  // the problems name their ways out (deploy-fills.ts); an ACCESS_KEY problem that does not gets the command here
  const needsKey = r.problems.some((p) => /ACCESS_KEY/.test(p.message) && !p.message.includes(SET_ACCESS_KEY));
  return {
    message: `Not deployed: ${file} has ${r.problems.length} problem(s) to fix first.`,
    detail: shown.join('\n') + (needsKey ? `\n\nStore the access key with "${SET_ACCESS_KEY}": it is filled in when the app is sent.` : ''),
  };
}

const SET_ACCESS_KEY = 'Sysdig Mesos: Set Sysdig access key';

/** The refusal modal's buttons: the Problems panel, and each way out its text names. */
export function refusalButtons(detail: string): string[] {
  return ['Show Problems', ...(detail.includes(SET_ACCESS_KEY) ? ['Set Access Key'] : []), ...(/sysdig-mesos\.deploy\./.test(detail) ? ['Open Deploy Settings'] : [])];
}

/** A refusal's problem as a diagnostic of the Problems panel (the lint's source, its rule's doc link). */
export function refusalDiagnostic(p: Refused['problems'][number]): { range: Refused['problems'][number]['range']; severity: 1; message: string; code: string; source: string; href: string } {
  return { range: p.range, severity: 1, message: p.message, code: p.ruleId, source: DIAGNOSTIC_SOURCE, href: `${RULES_DOC}#${encodeURIComponent(p.ruleId)}` };
}

export function progressText(p: DeployProgressParams): string {
  return maskUserInfo(p.message);
}

/** the increment (0–100 in total) a progress event adds, from the tasks running against the instances */
export function progressIncrement(p: DeployProgressParams, reported: number): number {
  const target = p.instances > 0 ? Math.min(100, Math.round((100 * p.running) / p.instances)) : 0;
  return Math.max(0, target - reported);
}

export function outcomeText(r: DeployFollowResult, appId: string): { level: 'info' | 'warning' | 'error'; message: string } {
  switch (r.outcome) {
    case 'success':
      return { level: 'info', message: maskUserInfo(r.message) };
    case 'cancelled':
      return { level: 'warning', message: `Stopped following ${appId}.` };
    case 'timeout':
      return { level: 'error', message: maskUserInfo(`Deployment of ${appId} did not finish: ${r.message}`) };
    case 'blocked':
      return { level: 'error', message: maskUserInfo(`Deployment of ${appId} is ${r.message}`) };
    default:
      return { level: 'error', message: maskUserInfo(`Deployment of ${appId} failed: ${r.message}`) };
  }
}

/** The refusal of an update the plan predicts never finishes (a one-task-per-node replacement with no room). */
export function stallRefusal(p: Plan): { message: string; detail: string; fixButton: string; anywayButton: string } | undefined {
  if (p.stall?.verdict !== 'stalls') return undefined;
  return {
    message: `Not sent: this update of ${p.appId} can never finish.`,
    detail: `${p.stall.reason}.\n\nFix: ${p.stall.fix}.`,
    fixButton: 'Use Kill-First Strategy',
    anywayButton: 'Send Anyway',
  };
}

/** What a rollback reverts: the plan it undoes. */
export interface RollbackOf {
  appId: string;
  action: 'create' | 'update';
  /** the app's version before the deploy (an update's plan knows it) */
  previousVersion?: string;
  /** the version of the revert deployment (DELETE /v2/deployments/{id} answered it): the app's version after it */
  version: string;
}

const tasksOf = (r: DeployFollowResult) => `${r.running} of ${r.instances} task(s) running`;

/** The end of a rollback's revert deployment in one sentence: the toast and the log line say the same. */
export function rollbackOutcome(r: DeployFollowResult, o: RollbackOf): { level: 'info' | 'warning' | 'error'; message: string } {
  const { appId } = o;
  switch (r.outcome) {
    case 'success':
      if (o.action === 'create') return { level: 'info', message: `${appId} rolled back: removed (it did not exist before this deploy).` };
      return {
        level: 'info',
        message: maskUserInfo(`${appId} rolled back to ${o.previousVersion ? `the definition of version ${o.previousVersion}` : 'its previous definition'} (now version ${o.version}): ${tasksOf(r)}.`),
      };
    case 'cancelled':
      return { level: 'warning', message: `Stopped following the rollback of ${appId}: it goes on in Marathon and keeps ${appId} locked until it ends; the next deploy waits for it.` };
    case 'timeout':
    case 'blocked':
      return { level: 'error', message: maskUserInfo(`The rollback of ${appId} did not finish: ${r.message}. It keeps ${appId} locked: the next deploy waits for it and, if it still cannot finish, offers Force Update.`) };
    default:
      return { level: 'error', message: maskUserInfo(`The rollback of ${appId} failed: ${r.message}. Look at ${appId} on Marathon before deploying again.`) };
  }
}

export const rollbackWaitTitle = (appId: string) => `Waiting for the rollback of ${appId} to finish`;

/**
 * The next deploy met a rollback of ours that still locks the app: the wait's end. `done`: it finished, plan again;
 * `stopped`: the person stopped waiting, nothing sent; `stuck`: it cannot finish — the modal with the way past it.
 */
export function rollbackWaitEnd(r: DeployFollowResult, appId: string, deploymentId: string):
  | { kind: 'done' | 'stopped'; message: string }
  | { kind: 'stuck'; message: string; detail: string; button: string } {
  if (r.outcome === 'success') return { kind: 'done', message: `The rollback of ${appId} finished (${tasksOf(r)}): planning this deploy again.` };
  if (r.outcome === 'cancelled') return { kind: 'stopped', message: `Stopped waiting for the rollback of ${appId}: nothing was sent. It goes on in Marathon; deploy again to wait for it or to force past it.` };
  return {
    kind: 'stuck',
    message: maskUserInfo(`The rollback of ${appId} (deployment ${deploymentId}) cannot finish: ${r.message}.`),
    detail: `It keeps ${appId} locked: Marathon refuses this deploy until it ends. Force Update cancels the rollback where it stands and sends this deploy (?force=true); tasks it already replaced stay replaced.`,
    button: 'Force Update',
  };
}
