import type { Rule } from '../rule';
import { emptyValue } from './empty-value';
import { logPriority } from './log-priority';
import { numberWithUnit } from './number-with-unit';
import { schema } from './schema';
import { unknownKey } from './unknown-key';

/**
 * Rules built on the JSON Schemas (schemas/*.schema.json) and the dragent value rules that refine them.
 * `schema` is the fallback: when one of the specific rules reports at the same place, its message wins.
 */
export const SCHEMA_RULES: Rule[] = [schema, unknownKey, logPriority, numberWithUnit, emptyValue];
