// The parts of the VS Code manifest (package.json `contributes`, `activationEvents`) that follow from the code:
// one `sysdig-mesos.rules` property per rule, the default file patterns, and our two languages (their ids,
// names, file patterns and grammars: server/src/lsp/language-ids.ts). `npm run docs` writes them
// (scripts/gen-manifest.ts); test/client/manifest.test.ts fails when package.json has drifted.
import { DEFAULT_PATTERNS } from '../server/src/service/documents/kind';
import { CONFIG_FILE_NAME, SHOW_EFFECTIVE_CONFIG_COMMAND } from '../server/src/lsp/constants';
import { RULES_DOC } from '../server/src/lsp/diagnostics';
import { OWN_LANGUAGES } from '../server/src/lsp/language-ids';
import type { RuleInfo as Rule } from '../server/src/service/rules/registry';
import { applyViewManifest } from './view-manifest';
import { applyClustersManifest } from './clusters-manifest';

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

/**
 * `activationEvents`: the workspace holds one of our files (default patterns) or the workspace file; or a file
 * in one of our languages is opened (VS Code would add these by itself; written out so the list is complete);
 * or a YAML/JSON file is opened (a file matched by a user's pattern or by content is still yaml/json).
 */
export function activationEvents(): string[] {
  const globs = [...DEFAULT_PATTERNS.dragent, ...DEFAULT_PATTERNS.marathonApp, CONFIG_FILE_NAME];
  const own = Object.values(OWN_LANGUAGES).map((l) => `onLanguage:${l.id}`);
  return [...globs.map((g) => `workspaceContains:**/${g}`), ...own, 'onLanguage:yaml', 'onLanguage:json'];
}

/** the files of a language of ours: its language configuration and its grammar */
export const languageFiles = (id: string) => ({
  configuration: `./languages/${id}.language-configuration.json`,
  grammar: `./languages/${id}.tmLanguage.json`,
  /** the file icon, for icon themes (VS Code's default, Seti, among them) that know json and yaml but not us */
  icon: `./languages/${id}.svg`,
});

/**
 * `contributes.languages` and `contributes.grammars`: one language per kind, for the default file patterns
 * (VS Code matches them case-insensitively against the base name, as the server does), with the JSON or YAML
 * language configuration and a grammar that includes VS Code's own JSON or YAML grammar.
 */
export function languageContributions(): { languages: Record<string, unknown>[]; grammars: Record<string, unknown>[] } {
  const patterns = { dragent: DEFAULT_PATTERNS.dragent, 'marathon-app': DEFAULT_PATTERNS.marathonApp } as const;
  const languages = [];
  const grammars = [];
  for (const [kind, l] of Object.entries(OWN_LANGUAGES) as [keyof typeof patterns, (typeof OWN_LANGUAGES)[keyof typeof patterns]][]) {
    const files = languageFiles(l.id);
    languages.push({ id: l.id, aliases: [l.alias, l.id], filenamePatterns: [...patterns[kind]], configuration: files.configuration, icon: { light: files.icon, dark: files.icon } });
    grammars.push({
      language: l.id,
      scopeName: l.scopeName,
      path: files.grammar,
      // the YAML grammar's own setting (VS Code's yaml extension): these scopes hold brackets that pair with nothing
      ...(l.base === 'yaml' ? { unbalancedBracketScopes: ['invalid.illegal', 'meta.scalar.yaml', 'storage.type.tag.shorthand.yaml', 'keyword.control.flow'] } : {}),
    });
  }
  return { languages, grammars };
}

/**
 * "Show the agent's effective dragent.yaml": the command, in the editor title and the editor's context menu of a
 * Marathon app (our language id: a file VS Code still holds as plain JSON is moved to it once the server knows it).
 */
export function effectiveConfigContributions(): { command: Record<string, unknown>; menus: Record<string, Record<string, unknown>[]> } {
  const when = `resourceLangId == ${OWN_LANGUAGES['marathon-app'].id}`;
  return {
    command: { command: SHOW_EFFECTIVE_CONFIG_COMMAND, title: "Show the agent's effective dragent.yaml", category: 'Sysdig Mesos', icon: '$(open-preview)' },
    menus: {
      'editor/title': [{ command: SHOW_EFFECTIVE_CONFIG_COMMAND, when, group: 'navigation' }],
      'editor/context': [{ command: SHOW_EFFECTIVE_CONFIG_COMMAND, when, group: 'sysdig-mesos' }],
    },
  };
}

/** Writes the generated parts into a parsed package.json (in place) and returns it. */
export function applyManifest(pkg: Record<string, any>, rules: readonly Rule[]): Record<string, any> {
  pkg.activationEvents = activationEvents();
  const props = pkg.contributes.configuration.properties;
  props['sysdig-mesos.rules'].properties = rulesSettingProperties(rules);
  props['sysdig-mesos.files.dragent'].default = [...DEFAULT_PATTERNS.dragent];
  props['sysdig-mesos.files.marathonApp'].default = [...DEFAULT_PATTERNS.marathonApp];
  Object.assign(pkg.contributes, languageContributions());
  const effective = effectiveConfigContributions();
  pkg.contributes.commands = [...pkg.contributes.commands.filter((c: { command: string }) => c.command !== SHOW_EFFECTIVE_CONFIG_COMMAND), effective.command];
  const menus = (pkg.contributes.menus ??= {});
  for (const [where, items] of Object.entries(effective.menus)) {
    menus[where] = [...(menus[where] ?? []).filter((m: { command: string }) => m.command !== SHOW_EFFECTIVE_CONFIG_COMMAND), ...items];
  }
  // No jsonValidation/yamlValidation for our two kinds: a second validator (VS Code's JSON service, Red Hat's
  // YAML) on the same file showed every problem twice and misread the guide's file. The workspace file
  // `.sysdig-mesos.json` is plain JSON that we do not validate in the editor: the JSON service does, with our schema.
  pkg.contributes.jsonValidation = [{ fileMatch: CONFIG_FILE_NAME, url: CONFIG_SCHEMA }];
  delete pkg.contributes.yamlValidation;
  applyViewManifest(pkg);
  applyClustersManifest(pkg);
  return pkg;
}
