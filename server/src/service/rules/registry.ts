import type { Rule } from './rule';
import { COMMON_RULES } from './common';
import { SCHEMA_RULES } from './schema';
import { DRAGENT_RULES } from './dragent';
import { URI_RULES } from './uri';
import { MARATHON_RULES } from './marathon';
import { WORKSPACE_RULES } from './workspace';
import type { WorkspaceRule } from './workspace/workspace-rule';

/** Every rule, in run order. Add a rule to the index.ts of its folder, not here. */
export const ALL_RULES: readonly Rule[] = [...COMMON_RULES, ...SCHEMA_RULES, ...DRAGENT_RULES, ...URI_RULES, ...MARATHON_RULES];

export { WORKSPACE_RULES };

/** What a rule is, for its docs, its setting and SARIF: a per-file rule or a workspace rule. */
export type RuleInfo = Omit<Rule, 'check' | 'explains'>;

/** Every rule id there is: the per-file rules, then the workspace ones (docs/rules.md, settings, SARIF). */
export const RULE_INFOS: readonly RuleInfo[] = [...ALL_RULES, ...WORKSPACE_RULES];

const ids = new Set<string>();
for (const r of RULE_INFOS as readonly (Rule | WorkspaceRule)[]) {
  if (ids.has(r.id)) throw new Error(`duplicate rule id ${r.id}`);
  ids.add(r.id);
}
