// The texts of "Deploy agent app to Marathon": the confirmation, the refusal, the outcome. No `vscode`
// import (unit-tested under plain Node). Nothing here ever holds a secret: the server masks its answers.
import { DIAGNOSTIC_SOURCE, RULES_DOC, type DeployFollowResult, type DeployPlanResult, type DeployProgressParams } from '../../server/src/lsp/constants';
import { maskUserInfo } from '../../server/src/service/agent-uri';

type Plan = Extract<DeployPlanResult, { kind: 'plan' }>;
type Refused = Extract<DeployPlanResult, { kind: 'refused' }>;

/** the modal's question and detail; the button says what will happen */
export function confirmation(p: Plan): { message: string; detail: string; button: string } {
  const where = `Marathon ${maskUserInfo(p.marathon)} (leader ${p.leader}${p.via ? `, through the standby ${p.via}` : ''})`;
  const lines: string[] = [];
  if (p.action === 'create') lines.push(`${p.appId} does not exist there: it will be created with ${p.instances} instance(s) (POST /v2/apps).`);
  else {
    lines.push(`${p.appId} exists: it will be replaced by the file's definition (PUT /v2/apps${p.appId}); the diff is open beside.`);
    if (p.secretsChanged?.length) lines.push(`Secret value(s) change: ${p.secretsChanged.join(', ')} (not shown).`);
    if (p.runningDeployments?.length) lines.push(`A deployment of this app is still running (${p.runningDeployments.join(', ')}): Marathon may refuse the update as locked.`);
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
