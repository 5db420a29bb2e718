import { createLanguageService, type LintContext } from '../../service/index';
import { plainText } from '../../service/text/plain-text';
import { resolve, walk, type MNode, type ParsedDocument } from '../../service/documents/model';
import { agentApp, envEntries } from '../../service/rules/marathon/agent';
import { fillsEntries, variableWords, VARIABLE, type DeployFills, type FillDoor } from '../../service/deploy-fills';
import { canonicalAppId } from '../marathon';
import type { DeployProblem, DeploySecrets, PreparedApp } from './types';
import { addEnv, envSlots, MASK, SECRET_NAME, type Json } from './app-env';
import { Secrets } from '../../service/secrets';
import { filledPlaceholder, unwaivedFindings } from './unwaivable';

/**
 * Turns sysdig.json's text into the body to send. The file is never written: secrets and `${VAR}`s are
 * filled in a copy. Deploy refuses while the file has errors or guide placeholders (Marathon would accept
 * many of them and run an agent that sends nothing), except the placeholders that the fill replaces.
 */

export interface PrepareOptions {
  /** `${VAR}` values (the CLI passes process.env; the editor its settings) */
  env?: Record<string, string | undefined>;
  secrets?: DeploySecrets;
  /** the file's path relative to the workspace config (its `ignore[].files` globs), unless context.filePath says */
  fileName?: string;
  /** the same settings/workspace config the editor and `lint` use */
  context?: LintContext;
  /** whose words a refusal uses for the way out (the editor's command and settings, the CLI's environment) */
  door?: FillDoor;
}


function toValue(n: MNode | null): Json {
  const r = resolve(n);
  if (!r) return null;
  if (r.type === 'scalar') return r.value;
  if (r.type === 'array') return r.items.map(toValue);
  // Jackson keeps the last of duplicate keys; so does fromEntries.
  return Object.fromEntries(r.props.map((p) => [p.key, toValue(p.value)]));
}

function problemAt(doc: ParsedDocument, ruleId: string, message: string, offset: number): DeployProblem {
  const p = doc.lines.positionAt(offset);
  // shown as plain text (the editor's modal, the CLI): code spans become plain quotes
  return { ruleId, message: plainText(message), line: p.line, character: p.character };
}

export function prepareApp(text: string, options: PrepareOptions = {}): PreparedApp {
  const service = createLanguageService();
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text; // as editors and the CLI show it
  const context = options.context ?? {};
  const env0 = options.env ?? {};
  const secrets = options.secrets ?? {};
  // `${ACCESS_KEY}` and `${COLLECTOR}` without a value of their own take the stored key / collector
  const env: Record<string, string | undefined> = { ...env0 };
  if (env.ACCESS_KEY === undefined && secrets.accessKey) env.ACCESS_KEY = secrets.accessKey;
  if (env.COLLECTOR === undefined && secrets.collector) env.COLLECTOR = secrets.collector;
  // The findings are the editor's (same rules, same words): what deploy fills is information there, and
  // what it refuses names the same way out.
  const fills: DeployFills = {
    door: options.door ?? 'cli',
    accessKey: !!secrets.accessKey,
    collector: !!secrets.collector,
    variables: Object.keys(env0).filter((k) => env0[k] !== undefined),
  };
  const settings = { ...(context.settings ?? {}), deployFills: fills };
  const { doc, findings } = service.check(src, 'marathon-app', { ...context, settings, filePath: context.filePath ?? options.fileName });
  const agent = agentApp(doc);
  const entries = agent ? envEntries(doc, agent) : [];

  // Which secret fills happen, and which findings they answer.
  const fillsSecret = new Map<string, string>(); // name → value
  if (agent) {
    for (const [name, value] of [
      ['ACCESS_KEY', secrets.accessKey],
      ['COLLECTOR', secrets.collector],
    ] as const) {
      if (value !== undefined && value !== '' && fillsEntries(entries, name, true)) fillsSecret.set(name, value);
    }
  }
  const answered = (start: number, end: number, ruleId: string): boolean => {
    for (const e of entries) {
      if (!fillsSecret.has(e.name)) continue;
      if (start >= e.valueRange.start && end <= e.valueRange.end) return true;
    }
    if (ruleId === 'agent-app-access-key' && fillsSecret.has('ACCESS_KEY')) return true;
    if (ruleId === 'agent-app-collector' && fillsSecret.has('COLLECTOR')) return true;
    return false;
  };

  const problems: DeployProblem[] = [];
  // deploy-variable: found again below, whatever the settings say (a `${VAR}` without a value is never sent)
  const refused = findings.filter((f) => (f.severity === 'error' || f.ruleId === 'placeholder') && f.ruleId !== 'deploy-variable' && !answered(f.start, f.end, f.ruleId));
  for (const f of refused) problems.push(problemAt(doc, f.ruleId, f.message, f.start));
  // Settings shape what is shown, never what is sent: syntax errors and placeholders refuse regardless.
  for (const f of unwaivedFindings(doc, findings, refused, (x) => answered(x.start, x.end, x.ruleId))) problems.push(problemAt(doc, f.ruleId, f.message, f.start));
  for (const [name, value] of fillsSecret) {
    const ph = filledPlaceholder(value);
    const from = name === 'ACCESS_KEY' ? 'SYSDIG_ACCESS_KEY' : 'SYSDIG_COLLECTOR';
    if (ph !== undefined) problems.push(problemAt(doc, 'placeholder', `${from} holds the guide placeholder \`${ph}\`, not a real value: it is not sent`, entries.find((e) => e.name === name)?.valueRange.start ?? 0));
  }

  // ${VAR}s in string values (keys are left alone: Marathon field names are never templated).
  const missing = new Set<string>();
  const usedVars = new Set<string>();
  walk(doc.root, (n) => {
    if (n.type !== 'scalar' || typeof n.value !== 'string') return;
    for (const m of n.value.matchAll(VARIABLE)) {
      usedVars.add(m[1]);
      const value = env[m[1]];
      if (value === undefined) {
        if (!missing.has(m[1])) problems.push(problemAt(doc, 'deploy-variable', `\`\${${m[1]}}\` has no value: ${variableWords(fills, m[1]).howTo} (the file is not changed; values are filled at send time)`, n.range.start));
        missing.add(m[1]);
      } else if (filledPlaceholder(value) !== undefined) {
        problems.push(problemAt(doc, 'placeholder', `\${${m[1]}} is the guide placeholder \`${filledPlaceholder(value)}\`, not a real value: it is not sent`, n.range.start));
      }
    }
  });

  const root = resolve(doc.root);
  if (!root || root.type !== 'object') {
    if (problems.length === 0) problems.push(problemAt(doc, 'syntax', 'The file is not a JSON object: nothing to deploy', 0));
    return { ok: false, problems, missing: [...missing] };
  }
  const app = toValue(root) as { [k: string]: Json };
  if (typeof app.id !== 'string' || app.id.trim() === '') {
    if (!problems.some((p) => p.ruleId === 'marathon-id')) problems.push(problemAt(doc, 'marathon-id', 'The app has no "id": Marathon needs one', root.range.start));
  }
  if (app.instances !== undefined && !(typeof app.instances === 'number' && Number.isInteger(app.instances) && app.instances >= 0)) {
    if (!problems.some((p) => p.ruleId === 'placeholder' || p.ruleId.startsWith('marathon-number') || p.ruleId === 'schema')) {
      problems.push(problemAt(doc, 'schema', '"instances" must be a whole number ≥ 0', root.range.start));
    }
  }
  if (problems.length > 0) return { ok: false, problems: problems.sort((a, b) => a.line - b.line || a.character - b.character), missing: [...missing] };

  // Fill one copy: the body to send. What is shown is derived from it (below), never built beside it, so
  // the plan shows exactly what is sent.
  const filled: string[] = [];
  const secretValues = new Set<string>();
  // Every secret value, any length (secrets.ts: masked where it is a whole value, inside text from 4
  // characters). What the plan shows is derived from the body below, so a `***` always stands for one of
  // them; the short ones are masked by structure: a filled secret ${VAR}, a secret variable's value.
  const secret = (v: string | undefined) => {
    if (v) secretValues.add(v);
  };
  /** a string of the body holding a filled secret ${VAR} → the same string with that fill as *** */
  const shownAs = new Map<string, string>();
  const fillStrings = (v: Json): Json => {
    if (typeof v === 'string') {
      let holdsSecret = false;
      const out = v.replace(VARIABLE, (_m, name: string) => {
        const val = env[name] as string;
        if (SECRET_NAME.test(name)) {
          secret(val);
          holdsSecret = true;
        }
        return val;
      });
      if (holdsSecret) shownAs.set(out, v.replace(VARIABLE, (_m, name: string) => (SECRET_NAME.test(name) ? MASK : (env[name] as string))));
      return out;
    }
    if (Array.isArray(v)) return v.map(fillStrings);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, fillStrings(x)]));
    return v;
  };
  const sent = fillStrings(app) as { [k: string]: Json };
  filled.push(...[...usedVars].sort());
  for (const [name, value] of fillsSecret) {
    const slots = envSlots(sent).filter((s) => s.name === name);
    if (slots.length === 0) addEnv(sent, name, value);
    else for (const s of slots) s.set(value);
    if (name === 'ACCESS_KEY') secret(value);
    filled.push(name);
  }
  // The key never leaves the engine in clear, even when the file itself holds it (placeholders never get
  // here: they refuse above).
  for (const s of envSlots(sent)) if (s.name === 'ACCESS_KEY' || SECRET_NAME.test(s.name)) secret(s.get());
  const known = new Secrets().add(...secretValues);
  const mask = (v: Json): Json => {
    if (typeof v === 'string') return known.maskText(shownAs.get(v) ?? v);
    if (Array.isArray(v)) return v.map(mask);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, mask(x)]));
    return v;
  };
  const redacted = mask(sent) as { [k: string]: Json };
  // a secret variable's whole value, by structure (`ACCESS_KEY=ab` holds no 4-character secret to find)
  for (const s of envSlots(redacted)) if ((s.name === 'ACCESS_KEY' || SECRET_NAME.test(s.name)) && (s.get() ?? '') !== '') s.set(MASK);
  const instances = typeof sent.instances === 'number' ? sent.instances : 1; // Marathon's default
  return {
    ok: true,
    appId: canonicalAppId(sent.id as string),
    instances,
    body: JSON.stringify(sent, null, 2),
    redacted: JSON.stringify(redacted, null, 2),
    filled,
    missing: [],
    secretValues: [...secretValues],
  };
}

/**
 * `text` as it may be shown: the secret values masked as secrets.ts does (long ones inside the text,
 * any one that is the whole text, user-info, Jackson body quotes). Prefer masking values before they
 * are serialised (Secrets.maskDeep): this is for one-line messages.
 */
export function maskValues(text: string, secretValues: readonly string[]): string {
  return new Secrets().add(...secretValues).maskText(text);
}
