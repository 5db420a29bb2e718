// The parts of the VS Code manifest (package.json `contributes`, `activationEvents`) that follow from the code:
// one `sysdig-mesos.rules` property per rule, and the default file patterns. `npm run docs` writes them
// (scripts/gen-manifest.ts); test/client/manifest.test.ts fails when package.json has drifted.
import { DEFAULT_PATTERNS } from '../server/src/service/documents/kind';
import { CONFIG_FILE_NAME } from '../server/src/lsp/constants';
import { RULES_DOC } from '../server/src/lsp/diagnostics';
import type { Rule } from '../server/src/service/rules/rule';

export const MARATHON_SCHEMA = './schemas/marathon-app.schema.json';
export const DRAGENT_SCHEMA = './schemas/dragent.schema.json';
export const CONFIG_SCHEMA = './schemas/sysdig-mesos-config.schema.json';

export const RULE_SEVERITY_VALUES = ['error', 'warning', 'info', 'hint', 'off'] as const;

function defaultSeverity(rule: Rule): string {
  const s = rule.severity as unknown;
  if (typeof s === 'string') return `\`${s}\``;
  const byKind = s as Record<string, string>;
  const names: Record<string, string> = { dragent: 'dragent.yaml', 'marathon-app': 'Marathon apps' };
  return Object.entries(byKind)
    .map(([k, v]) => `\`${v}\` in ${names[k] ?? k}`)
    .join(', ');
}

/** `contributes.configuration.properties["sysdig-mesos.rules"].properties`: rule id → severity enum. */
export function rulesSettingProperties(rules: readonly Rule[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const r of rules) {
    out[r.id] = {
      type: 'string',
      enum: [...RULE_SEVERITY_VALUES],
      markdownDescription: `${r.title}. Default: ${defaultSeverity(r)}. [Rule documentation](${RULES_DOC}#${encodeURIComponent(r.id)})`,
    };
  }
  return out;
}

/** `activationEvents`: the workspace holds one of our files (default patterns) or the workspace file; or a YAML/JSON file is opened. */
export function activationEvents(): string[] {
  const globs = [...DEFAULT_PATTERNS.dragent, ...DEFAULT_PATTERNS.marathonApp, CONFIG_FILE_NAME];
  return [...globs.map((g) => `workspaceContains:**/${g}`), 'onLanguage:yaml', 'onLanguage:json'];
}

/** Writes the generated parts into a parsed package.json (in place) and returns it. */
export function applyManifest(pkg: Record<string, any>, rules: readonly Rule[]): Record<string, any> {
  pkg.activationEvents = activationEvents();
  const props = pkg.contributes.configuration.properties;
  props['sysdig-mesos.rules'].properties = rulesSettingProperties(rules);
  props['sysdig-mesos.files.dragent'].default = [...DEFAULT_PATTERNS.dragent];
  props['sysdig-mesos.files.marathonApp'].default = [...DEFAULT_PATTERNS.marathonApp];
  // the schemas for the built-in JSON and the YAML (Red Hat) extensions: static, so the default patterns
  for (const v of pkg.contributes.jsonValidation) if (v.url === MARATHON_SCHEMA) v.fileMatch = [...DEFAULT_PATTERNS.marathonApp];
  for (const v of pkg.contributes.yamlValidation) if (v.url === DRAGENT_SCHEMA) v.fileMatch = [...DEFAULT_PATTERNS.dragent];
  return pkg;
}
