// The workspaces of the e2e sessions, made from the guide's examples (examples/guide), and the texts the
// editor must produce, computed with the language service itself (the same code the server runs).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLanguageService, type DocKind, type Finding } from '../../server/src/service';
import { applyEdits } from '../helpers/edits';
import { plainText } from '../../server/src/service/text/plain-text';
import { root } from './harness';

export const service = createLanguageService();

export const guide = (name: string) => readFileSync(join(root, 'examples', 'guide', name), 'utf8');

/** The fixed sysdig.json with `/proc` mounted in `mode` (Marathon accepts only RO and RW). */
export function fixedAppWithProcMode(mode: string): string {
  const text = readFileSync(join(root, 'examples', 'fixed', 'sysdig.json'), 'utf8');
  const out = text.replace('"hostPath": "/proc",\n          "mode": "RO"', `"hostPath": "/proc",\n          "mode": ${JSON.stringify(mode)}`);
  if (out === text) throw new Error('examples/fixed/sysdig.json no longer mounts /proc with "mode": "RO"');
  return out;
}

/** The guide's dragent.yaml with an https `mesos_state_uri`, and a comment of our own after it. */
export function httpsDragent(): string {
  const text = guide('dragent.yaml');
  const out = text.replace('mesos_state_uri: http://', 'mesos_state_uri: https://').replace('marathon_uris:', '# Marathon as in the guide (comment kept by the fix)\nmarathon_uris:');
  if (out === text || !out.includes('https://')) throw new Error('the guide dragent.yaml no longer has mesos_state_uri: http://');
  return out;
}

export function findings(text: string, kind: DocKind): Finding[] {
  return service.check(text, kind).findings;
}

/** The rule's first finding, its message as the Problems panel shows it (code spans as plain quotes). */
export function finding(text: string, kind: DocKind, ruleId: string): Finding {
  const f = findings(text, kind).find((x) => x.ruleId === ruleId);
  if (!f) throw new Error(`no ${ruleId} finding in the fixture`);
  return { ...f, message: plainText(f.message) };
}

/** The text after the code action `title` offered for the finding `f` (as the server computes it). */
export function afterAction(text: string, kind: DocKind, f: Finding, title: string): string {
  const { doc, findings: all } = service.check(text, kind);
  const action = service.codeActions(doc, all, { start: f.start, end: f.end }).find((a) => a.title.startsWith(title));
  if (!action) throw new Error(`no code action "${title}" for ${f.ruleId}`);
  return applyEdits(text, action.edits);
}

/** The text after "fix all" restricted to one rule (the service's fixAll). */
export function afterFixAll(text: string, kind: DocKind, ruleId: string): string {
  return service.fixAll(text, kind, {}, (f) => f.ruleId === ruleId).output;
}

/** The text after a placeholder fill planned by the service (the box's check, then the edit), or its refusal. */
export function afterFill(text: string, kind: DocKind, placeholder: string, input: import('../../server/src/service').FillInput): string {
  const { doc, findings: all } = service.check(text, kind);
  const f = all.find((x) => x.ruleId === 'placeholder' && text.slice(x.start, x.end) === placeholder);
  if (!f) throw new Error(`no placeholder ${placeholder}`);
  const plan = service.planFill(doc, all, f, input);
  if ('error' in plan) throw new Error(`the fill is refused: ${plan.error}`);
  return applyEdits(text, plan.edits);
}

/** The fill's refusal as the box shows it (the rule's message in plain text). */
export function fillRefusal(text: string, kind: DocKind, placeholder: string, input: import('../../server/src/service').FillInput): string {
  const { doc, findings: all } = service.check(text, kind);
  const f = all.find((x) => x.ruleId === 'placeholder' && text.slice(x.start, x.end) === placeholder);
  if (!f) throw new Error(`no placeholder ${placeholder}`);
  const plan = service.planFill(doc, all, f, input);
  if (!('error' in plan)) throw new Error('the fill is accepted');
  return plan.error;
}
