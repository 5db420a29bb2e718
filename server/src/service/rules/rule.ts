import type { ParsedDocument } from '../documents/model';
import type { DocKind, Fix, RelatedLocation, Settings, Severity, Span } from '../types';

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
  /**
   * Every severity a finding of this rule can have, with when, for rules whose findings do not all take the
   * default above (it depends on the field, the value or the agent profile). docs/rules.md lists these cases
   * instead of the default, and the rule tester fails on a finding whose severity is not listed here.
   */
  severities?: readonly SeverityCase[];
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

export interface SeverityCase {
  severity: Severity;
  /** when it applies, as a phrase after the severity: "on `marathon_uris`", "with the agent profile latest" */
  when: string;
  /** only for this document kind (all the rule's kinds when absent) */
  kind?: DocKind;
}

export interface ReportInput extends Span {
  message: string;
  /** overrides the rule's default severity for this finding (e.g. by agent profile); user settings still win */
  severity?: Severity;
  fixes?: Fix[];
  /** other places the finding is about: in this document (id SAME_DOCUMENT) for a per-file rule */
  related?: RelatedLocation[];
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

export function defaultSeverity(rule: Pick<Rule, 'severity'>, kind: DocKind): Severity {
  if (typeof rule.severity === 'string') return rule.severity;
  return rule.severity[kind] ?? 'warning';
}

/** The severities a finding of `rule` in a document of `kind` may have without a user setting: the declared cases, else the default. */
export function documentedSeverities(rule: Pick<Rule, 'severity' | 'severities'>, kind: DocKind): Set<Severity> {
  if (!rule.severities) return new Set([defaultSeverity(rule, kind)]);
  return new Set(rule.severities.filter((c) => !c.kind || c.kind === kind).map((c) => c.severity));
}
