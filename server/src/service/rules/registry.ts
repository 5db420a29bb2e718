import type { Rule } from './rule';
import { COMMON_RULES } from './common';
import { SCHEMA_RULES } from './schema';
import { DRAGENT_RULES } from './dragent';
import { URI_RULES } from './uri';
import { MARATHON_RULES } from './marathon';

/** Every rule, in run order. Add a rule to the index.ts of its folder, not here. */
export const ALL_RULES: readonly Rule[] = [...COMMON_RULES, ...SCHEMA_RULES, ...DRAGENT_RULES, ...URI_RULES, ...MARATHON_RULES];

const ids = new Set<string>();
for (const r of ALL_RULES) {
  if (ids.has(r.id)) throw new Error(`duplicate rule id ${r.id}`);
  ids.add(r.id);
}
