import type { ParsedDocument } from '../documents/model';
import type { DocKind, Fix, Settings, Severity, Span } from '../types';

/**
 * One rule = one file exporting a `Rule`. The id is public interface (settings, suppressions, SARIF):
 * never rename one. Severity follows consequence: what stops the agent or makes Marathon refuse the app
 * is an error; what the agent or Marathon silently ignores or misreads is a warning.
 */
export interface Rule {
  id: string;
  /** documents the rule looks at */
  kinds: readonly DocKind[];
  /** default severity, per document kind when it differs */
  severity: Severity | Partial<Record<DocKind, Severity>>;
  /** one line, used as the SARIF short description and in docs/rules.md headings */
  title: string;
  /** a paragraph (markdown): what it checks, why it matters, what the fix does */
  docs: string;
  /** true when the rule offers a text fix for at least some findings */
  fixable?: boolean;
  /**
   * Keys whose hover shows this rule's paragraph even when there is no finding (a correct value is worth
   * explaining too): true for a model path of `doc` the rule is about. Reads the model only, like `check`.
   */
  explains?(doc: ParsedDocument, path: readonly (string | number)[]): boolean;
  check(ctx: RuleContext): void;
}

export interface ReportInput extends Span {
  message: string;
  /** overrides the rule's default severity for this finding (e.g. by agent profile); user settings still win */
  severity?: Severity;
  fixes?: Fix[];
}

export interface RuleContext {
  readonly doc: ParsedDocument;
  readonly settings: Settings;
  /**
   * Records a finding. Returns false once the rule has reported `MAX_FINDINGS_PER_RULE` in this file: later ones
   * are only counted, and a rule that loops over the text may stop.
   */
  report(finding: ReportInput): boolean;
}

export function defaultSeverity(rule: Rule, kind: DocKind): Severity {
  if (typeof rule.severity === 'string') return rule.severity;
  return rule.severity[kind] ?? 'warning';
}
