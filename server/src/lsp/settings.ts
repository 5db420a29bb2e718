import { DEFAULT_PATTERNS, type KindPatterns } from '../service/documents/kind';
import { globProblem } from '../service/text/glob';
import { SEVERITIES, type Settings, type Severity } from '../service/types';
import type { DeployFills } from '../service/deploy-fills';

/** The `sysdig-mesos` configuration section as the server uses it. */
export interface ServerSettings {
  service: Settings;
  patterns: KindPatterns;
  /** `diagnostics.workspace`: the folder's files are checked without being opened (workspace/diagnostic) */
  workspaceDiagnostics: boolean;
}

export const SECTION = 'sysdig-mesos';

export function defaultServerSettings(): ServerSettings {
  return {
    service: { agentProfile: 'guide-2016', rules: {} },
    patterns: { dragent: [...DEFAULT_PATTERNS.dragent], marathonApp: [...DEFAULT_PATTERNS.marathonApp] },
    workspaceDiagnostics: true,
  };
}

const SEVERITY_ALIASES: Record<string, Severity | 'off'> = {
  information: 'info',
  warn: 'warning',
  none: 'off',
  ignore: 'off',
};

/**
 * Reads the raw `sysdig-mesos` section (as VS Code sends it: nested objects; other clients may send
 * dotted keys such as `"files.dragent"`). Anything malformed falls back to the default and is described
 * in `problems` (never throws).
 */
export function normalizeSettings(raw: unknown, problems: string[] = []): ServerSettings {
  const out = defaultServerSettings();
  if (raw === null || raw === undefined) return out;
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    problems.push(`the "${SECTION}" settings are not an object`);
    return out;
  }
  const r = raw as Record<string, unknown>;
  const profile = r.agentProfile;
  if (profile === 'guide-2016' || profile === 'latest') out.service.agentProfile = profile;
  else if (profile !== undefined && profile !== null) problems.push(`agentProfile must be "guide-2016" or "latest"`);

  const rules = r.rules;
  if (rules && typeof rules === 'object' && !Array.isArray(rules)) {
    for (const [id, value] of Object.entries(rules as Record<string, unknown>)) {
      let v: unknown = value;
      if (v === false) v = 'off';
      if (typeof v === 'string') v = SEVERITY_ALIASES[v.toLowerCase()] ?? v.toLowerCase();
      if (v === 'off' || (SEVERITIES as readonly unknown[]).includes(v)) out.service.rules[id] = v as Severity | 'off';
      else problems.push(`rules.${id} must be one of error, warning, info, hint, off`);
    }
  } else if (rules !== undefined && rules !== null) {
    problems.push('rules must be an object of rule id → severity');
  }

  const fills = deployFillsOf(r, problems);
  if (fills.collector || fills.variables.length) out.service.deployFills = fills;

  const files = r.files && typeof r.files === 'object' && !Array.isArray(r.files) ? (r.files as Record<string, unknown>) : {};
  const dragent = globList(files.dragent ?? r['files.dragent'], 'files.dragent', problems);
  const marathonApp = globList(files.marathonApp ?? r['files.marathonApp'], 'files.marathonApp', problems);
  if (dragent) out.patterns.dragent = dragent;
  if (marathonApp) out.patterns.marathonApp = marathonApp;

  const diagnostics = r.diagnostics && typeof r.diagnostics === 'object' && !Array.isArray(r.diagnostics) ? (r.diagnostics as Record<string, unknown>) : {};
  const workspace = diagnostics.workspace ?? r['diagnostics.workspace'];
  if (typeof workspace === 'boolean') out.workspaceDiagnostics = workspace;
  else if (workspace !== undefined && workspace !== null) problems.push('diagnostics.workspace must be true or false');
  return out;
}

/**
 * What the editor's deploy fills, from the `deploy.*` settings (names only; values never leave the client's
 * settings for validation). The access key's presence in secret storage is the client's to say
 * (SettingsStore.accessKeyStored).
 */
function deployFillsOf(r: Record<string, unknown>, problems: string[]): DeployFills {
  const deploy = r.deploy && typeof r.deploy === 'object' && !Array.isArray(r.deploy) ? (r.deploy as Record<string, unknown>) : {};
  const collector = deploy.collector ?? r['deploy.collector'];
  const variables = deploy.variables ?? r['deploy.variables'];
  const names: string[] = [];
  if (variables && typeof variables === 'object' && !Array.isArray(variables)) {
    for (const [k, v] of Object.entries(variables as Record<string, unknown>)) if (typeof v === 'string') names.push(k);
  } else if (variables !== undefined && variables !== null) problems.push('deploy.variables must be an object of name → value');
  return { door: 'editor', accessKey: false, collector: typeof collector === 'string' && collector.trim() !== '', variables: names };
}

function globList(v: unknown, name: string, problems: string[]): string[] | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') v = [v];
  if (!Array.isArray(v)) {
    problems.push(`${name} must be a list of file name globs`);
    return undefined;
  }
  const globs = v.filter((g): g is string => typeof g === 'string' && g.trim() !== '').map((g) => g.trim());
  if (globs.length !== v.length) problems.push(`${name}: entries that are not non-empty strings were ignored`);
  for (const g of globs) {
    const why = globProblem(g);
    if (why) problems.push(`${name}: ${why}`);
  }
  return globs;
}
