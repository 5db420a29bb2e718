import type { ParsedDocument } from './documents/model';
import { defaultSeverity, type Rule } from './rules/rule';
import type { Finding, Settings } from './types';

export interface RuleFailure {
  ruleId: string;
  error: unknown;
}

/**
 * Findings one rule reports in one file; past it the rule's further findings are dropped and one more says so. A
 * line of a megabyte of typographic quotes had a finding (with its fix and message) per character: seconds of
 * work per keystroke for findings no one reads (issue 10 §4). The LSP shows at most 1,000 diagnostics anyway.
 */
export const MAX_FINDINGS_PER_RULE = 10_000;

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
    let more = false;
    try {
      rule.check({
        doc,
        settings,
        report(f) {
          if (found.length >= MAX_FINDINGS_PER_RULE) {
            more = true;
            return false;
          }
          const start = clamp(f.start, doc.text.length);
          const end = Math.max(start, clamp(f.end, doc.text.length));
          found.push({
            ruleId: rule.id,
            severity: override ?? f.severity ?? base,
            message: f.message,
            start,
            end,
            ...(f.fixes && f.fixes.length ? { fixes: f.fixes } : {}),
            ...(f.related && f.related.length ? { related: f.related } : {}),
          });
          return true;
        },
      });
    } catch (error) {
      onRuleError?.({ ruleId: rule.id, error });
      continue;
    }
    // not `out.push(...found)`: spread arguments overflow the stack past ~100,000 findings (a long line of
    // typographic quotes has one per character)
    for (const f of found) out.push(f);
    if (more) {
      // one finding says so (a rule may stop at the first refusal, so how many more is not known)
      const last = found[found.length - 1];
      out.push({
        ruleId: rule.id,
        severity: last.severity,
        message: `More ${rule.id} findings after this one are not reported (at most ${MAX_FINDINGS_PER_RULE.toLocaleString('en-US')} per rule and file; fixing these shows the next).`,
        start: last.start,
        end: last.end,
      });
    }
  }
  const result = dropGenericSchemaFindings(doc, out);
  result.sort((a, b) => a.start - b.start || a.end - b.end || a.ruleId.localeCompare(b.ruleId));
  return result;
}

/**
 * A `schema` finding is dropped when a more specific rule already speaks about the same value
 * (same start, or an overlapping range on one line), and when a syntax error sits on its line
 * (a value the parser could not read is not also "of the wrong type").
 */
function dropGenericSchemaFindings(doc: ParsedDocument, all: Finding[]): Finding[] {
  const specific = all.filter((f) => f.ruleId !== 'schema');
  if (specific.length === all.length) return all;
  const starts = new Set(specific.map((f) => f.start));
  const syntaxLines = new Set(specific.filter((f) => f.ruleId === 'syntax').map((f) => doc.lines.positionAt(f.start).line));
  return all.filter((f) => {
    if (f.ruleId !== 'schema') return true;
    if (starts.has(f.start)) return false;
    if (syntaxLines.has(doc.lines.positionAt(f.start).line)) return false;
    const oneLine = !doc.text.slice(f.start, f.end).includes('\n');
    return !(oneLine && specific.some((g) => f.start < g.end && g.start < f.end));
  });
}

function clamp(n: number, max: number): number {
  return Number.isFinite(n) ? Math.max(0, Math.min(Math.trunc(n), max)) : 0;
}
