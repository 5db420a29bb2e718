import type { Rule } from '../rule';

export const SCHEMA_RULES: Rule[] = [];
