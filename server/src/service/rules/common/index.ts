import type { Rule } from '../rule';
import { duplicateKey } from './duplicate-key';
import { multipleDocuments } from './multiple-documents';
import { placeholder } from './placeholder';
import { smartQuotes } from './smart-quotes';
import { syntax } from './syntax';

/** Rules for both dragent.yaml and the Marathon app JSON. */
export const COMMON_RULES: Rule[] = [syntax, placeholder, smartQuotes, duplicateKey, multipleDocuments];
