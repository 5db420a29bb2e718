import { parseJson } from './documents/json-document';
import { parseYaml } from './documents/yaml-document';
import type { ParsedDocument } from './documents/model';
import { ALL_RULES } from './rules/registry';
import type { Rule } from './rules/rule';
import { runRules, type RuleFailure } from './validate';
import { DEFAULT_SETTINGS, type DocKind, type Finding, type Settings } from './types';

export * from './types';
export { detectKind, looksLikeMarathonApp, DEFAULT_PATTERNS, type KindPatterns } from './documents/kind';
export type { ParsedDocument } from './documents/model';
export type { Rule } from './rules/rule';
export { ALL_RULES } from './rules/registry';

export interface LanguageServiceOptions {
  rules?: readonly Rule[];
  /** called when a rule throws; the rule is skipped, the other rules' findings are kept */
  onRuleError?: (f: RuleFailure) => void;
}

export interface LanguageService {
  parse(text: string, kind: DocKind): ParsedDocument;
  validate(doc: ParsedDocument, settings?: Partial<Settings>): Finding[];
  /** parse + validate in one call */
  lint(text: string, kind: DocKind, settings?: Partial<Settings>): { doc: ParsedDocument; findings: Finding[] };
  readonly rules: readonly Rule[];
}

/** The pure language service: no I/O, no LSP, no VS Code. */
export function createLanguageService(options: LanguageServiceOptions = {}): LanguageService {
  const rules = options.rules ?? ALL_RULES;
  const parse = (text: string, kind: DocKind): ParsedDocument => (kind === 'dragent' ? parseYaml(text, kind) : parseJson(text, kind));
  const validate = (doc: ParsedDocument, settings?: Partial<Settings>): Finding[] =>
    runRules(doc, rules, { ...DEFAULT_SETTINGS, ...settings, rules: { ...(settings?.rules ?? {}) } }, options.onRuleError);
  return {
    rules,
    parse,
    validate,
    lint(text, kind, settings) {
      const doc = parse(text, kind);
      return { doc, findings: validate(doc, settings) };
    },
  };
}
