import type { Rule } from '../rule';
import { syntax } from './syntax';

/** Rules for both dragent.yaml and the Marathon app JSON. */
export const COMMON_RULES: Rule[] = [syntax];
