// One truth between the fill-in box and the file (issue 11 §11): a typed value is accepted only when the file
// with it has no finding the file did not have, near the value. The box asks this on every keystroke (a dry
// run) and again on Enter, so the reason it shows is the rule's own message, word for word.
import type { ParsedDocument } from '../documents/model';
import { plainText } from '../text/plain-text';
import type { Finding, TextEdit } from '../types';
import { checkPlaceholderValue, fillPlaceholderEdits, placeholderQuestion } from './fill-placeholder';
import { checkUriStep, hasSchemeBefore, portAfter, splitTypedCredentials, typedPort, uriSteps, uriValue, type UriParts, type UriStepName } from './fill-uri';

/** What the user typed: a value, or (a URI asked in steps) the parts so far and the step the box is on. */
export type FillInput = { value: string } | { parts: UriParts; step: UriStepName };

export type FillPlan =
  | { edits: TextEdit[] }
  /** `moved`: credentials typed into the host box, split off for the next steps (the box then shows `host`) */
  | { error: string; moved?: { host: string; user: string; password: string } };

/** The rule whose finding a fill may cause and whose own fix the fill then applies too. */
const FOLLOWED_FIXES = new Set(['mesos-uri-credentials']);

/** A stand-in password for checking the user step before the password is typed: plain letters, valid anywhere. */
const STAND_IN_PASSWORD = 'x';

/**
 * The edits that fill `finding` (a `placeholder` finding of `doc`) with the input, or why not. `lint` gives the
 * findings of a text as the file reports them (same settings and workspace file as `findings`).
 */
export function planFill(doc: ParsedDocument, findings: readonly Finding[], finding: Finding, input: FillInput, lint: (text: string) => Finding[]): FillPlan {
  const q = placeholderQuestion(doc, finding);
  let span = { start: finding.start, end: finding.end };
  let value: string;
  if ('parts' in input) {
    if (q.expects !== 'uri') return { error: 'this placeholder is not a URI' };
    const steps = uriSteps(doc.text, span);
    const parts = input.parts ?? {};
    // the step the box is on, and the steps before it (the last request carries every part)
    const order: UriStepName[] = ['host', 'user', 'password'];
    for (const step of order.slice(0, order.indexOf(input.step) + 1)) {
      if (step === 'host' ? !steps.includes('host') : !steps.includes('credentials')) continue;
      const typed = parts[step];
      const stepProblem = checkUriStep(step, typeof typed === 'string' ? typed : '', steps);
      if (!stepProblem) continue;
      const moved = step === 'host' && typeof parts.host === 'string' ? splitTypedCredentials(parts.host) : undefined;
      return moved ? { error: stepProblem, moved } : { error: stepProblem };
    }
    const withPassword = input.step === 'user' && (parts.user ?? '').trim() !== '' ? { ...parts, password: STAND_IN_PASSWORD } : parts;
    const asked = input.step === 'host' ? { host: parts.host } : withPassword;
    value = uriValue(steps, asked, hasSchemeBefore(doc.text, span.start));
    // `[marathon_ip]:8080` filled with `10.0.0.1:8080`: the typed port replaces the file's
    if (steps.includes('host') && typedPort(parts.host ?? '')) span = { start: span.start, end: span.end + portAfter(doc.text, span.end) };
    if (value === '') return judge(doc, findings, finding, [{ start: span.start, end: span.end + 1, newText: '' }], lint);
  } else {
    value = input.value;
    const problem = checkPlaceholderValue(q.expects, value);
    if (problem) return { error: problem };
  }
  const edits = fillPlaceholderEdits(doc, span, value);
  if (!edits) return { error: 'there is no placeholder there' };
  return judge(doc, findings, finding, edits, lint);
}

/** the edits when the file with them has no new finding touching them; else the first such finding's message */
function judge(doc: ParsedDocument, findings: readonly Finding[], filled: Finding, edits: TextEdit[], lint: (text: string) => Finding[]): FillPlan {
  let all = edits;
  let after = applyEdits(doc.text, all);
  let fresh = newFindings(findings, filled, lint(after), touched(all));
  // credentials in mesos_state_uri: the agent logs that URI unmasked; the rule's own fix moves them to
  // mesos_user/mesos_password, which is where the fill puts them
  const follow = fresh.find((f) => FOLLOWED_FIXES.has(f.ruleId) && f.fixes?.length === 1);
  if (follow) {
    // the fix edits the filled text (it takes the credentials out of the new URI): one edit from the file's text
    all = [diffEdit(doc.text, applyEdits(after, follow.fixes![0].edits))];
    after = applyEdits(doc.text, all);
    fresh = newFindings(findings, filled, lint(after), touched(all));
  }
  const worst = fresh.sort((a, b) => rank(a) - rank(b))[0];
  return worst ? { error: plainText(worst.message) } : { edits: all };
}

const rank = (f: Finding) => (f.severity === 'error' ? 0 : f.severity === 'warning' ? 1 : 2);

/**
 * Findings of the filled text that the file did not have (counted per rule and message, the filled placeholder
 * gone) and that touch an edited range: a fill that repairs a broken line may reveal findings elsewhere, which
 * are not the typed value's.
 */
function newFindings(before: readonly Finding[], filled: Finding, after: readonly Finding[], ranges: { start: number; end: number }[]): Finding[] {
  const count = new Map<string, number>();
  const key = (f: Finding) => `${f.ruleId}\u0000${f.message}`;
  for (const f of before) if (f !== filled) count.set(key(f), (count.get(key(f)) ?? 0) + 1);
  const out: Finding[] = [];
  for (const f of after) {
    const k = key(f);
    const n = count.get(k) ?? 0;
    if (n > 0) {
      count.set(k, n - 1);
      continue;
    }
    if (ranges.some((r) => f.start <= r.end && r.start <= f.end)) out.push(f);
  }
  return out;
}

/** the ranges the edits' new texts occupy in the edited text */
function touched(edits: readonly TextEdit[]): { start: number; end: number }[] {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  let shift = 0;
  return sorted.map((e) => {
    const start = e.start + shift;
    shift += e.newText.length - (e.end - e.start);
    return { start, end: start + e.newText.length };
  });
}

/** the one edit from `a` to `b`: what lies between their common start and their common end */
function diffEdit(a: string, b: string): TextEdit {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let end = 0;
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end++;
  return { start, end: a.length - end, newText: b.slice(start, b.length - end) };
}

function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let pos = 0;
  for (const e of sorted) {
    out += text.slice(pos, e.start) + e.newText;
    pos = e.end;
  }
  return out + text.slice(pos);
}
