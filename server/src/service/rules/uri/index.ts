import type { Rule } from '../rule';

export const URI_RULES: Rule[] = [];
