import type { Rule } from '../rule';

/** Rules for the Marathon app JSON only. */
export const MARATHON_RULES: Rule[] = [];
