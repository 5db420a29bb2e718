import type { ParsedDocument } from './documents/model';
import { defaultSeverity, type Rule } from './rules/rule';
import type { Finding, Settings } from './types';

export interface RuleFailure {
  ruleId: string;
  error: unknown;
}

/**
 * Runs every rule for the document's kind. A rule that throws is skipped and reported through
 * `onRuleError`; the others still run. `schema` findings are a fallback: when a more specific rule
 * reported at the same place, the generic schema message is dropped so each problem is said once.
 */
export function runRules(
  doc: ParsedDocument,
  rules: readonly Rule[],
  settings: Settings,
  onRuleError?: (f: RuleFailure) => void,
): Finding[] {
  const out: Finding[] = [];
  for (const rule of rules) {
    if (!rule.kinds.includes(doc.kind)) continue;
    const override = settings.rules[rule.id];
    if (override === 'off') continue;
    const base = defaultSeverity(rule, doc.kind);
    const found: Finding[] = [];
    try {
      rule.check({
        doc,
        settings,
        report(f) {
          const start = clamp(f.start, doc.text.length);
          const end = Math.max(start, clamp(f.end, doc.text.length));
          found.push({
            ruleId: rule.id,
            severity: override ?? f.severity ?? base,
            message: f.message,
            start,
            end,
            ...(f.fixes && f.fixes.length ? { fixes: f.fixes } : {}),
          });
        },
      });
    } catch (error) {
      onRuleError?.({ ruleId: rule.id, error });
      continue;
    }
    out.push(...found);
  }
  const specific = out.filter((f) => f.ruleId !== 'schema');
  const starts = new Set(specific.map((f) => f.start));
  const result = out.filter((f) => f.ruleId !== 'schema' || !starts.has(f.start));
  result.sort((a, b) => a.start - b.start || a.end - b.end || a.ruleId.localeCompare(b.ruleId));
  return result;
}

function clamp(n: number, max: number): number {
  return Number.isFinite(n) ? Math.max(0, Math.min(Math.trunc(n), max)) : 0;
}
