import type { Rule } from '../rule';

/** Rules for dragent.yaml only. */
export const DRAGENT_RULES: Rule[] = [];
