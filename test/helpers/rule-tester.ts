import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLanguageService, type DocKind, type Finding, type Settings, type Severity } from '../../server/src/service/index';
import type { ParsedDocument } from '../../server/src/service/documents/model';
import { applyEdits } from './edits';
import { ALL_RULES } from '../../server/src/service/index';
import { documentedSeverities } from '../../server/src/service/rules/rule';

export const service = createLanguageService({
  onRuleError: ({ ruleId, error }) => {
    throw new Error(`rule ${ruleId} threw: ${(error as Error)?.stack ?? error}`);
  },
});

export interface ExpectedFinding {
  /** 1-based */
  line: number;
  /** 1-based UTF-16 column */
  column: number;
  endLine?: number;
  endColumn?: number;
  severity?: Severity;
  /** substring or pattern the message must contain */
  message?: string | RegExp;
}

export interface ValidCase {
  name?: string;
  text: string;
  kind?: DocKind;
  settings?: Partial<Settings>;
}

export interface InvalidCase extends ValidCase {
  findings: ExpectedFinding[];
  /** the whole text after applying the first fix of every finding of this rule, in one go */
  output?: string;
}

export function lint(text: string, kind: DocKind, settings?: Partial<Settings>): { doc: ParsedDocument; findings: Finding[] } {
  return service.lint(text, kind, settings);
}

/**
 * Table-driven rule tests in the style of ESLint's RuleTester: `valid` texts must not produce this
 * rule's findings; `invalid` texts must produce exactly the listed findings (position, severity, message).
 */
export function ruleTester(ruleId: string, kind: DocKind, cases: { valid: (string | ValidCase)[]; invalid: InvalidCase[] }): void {
  cases.valid.forEach((c, i) => {
    const vc: ValidCase = typeof c === 'string' ? { text: c } : c;
    test(`${ruleId} valid #${i + 1}${vc.name ? ` ${vc.name}` : ''}`, () => {
      const { findings } = lint(vc.text, vc.kind ?? kind, vc.settings);
      const mine = findings.filter((f) => f.ruleId === ruleId);
      assert.deepEqual(mine.map((f) => f.message), [], `expected no ${ruleId} findings in:\n${vc.text}`);
    });
  });
  cases.invalid.forEach((c, i) => {
    test(`${ruleId} invalid #${i + 1}${c.name ? ` ${c.name}` : ''}`, () => {
      const { doc, findings } = lint(c.text, c.kind ?? kind, c.settings);
      const mine = findings.filter((f) => f.ruleId === ruleId);
      const got = mine.map((f) => describe(doc, f));
      assertDocumentedSeverities(ruleId, c.kind ?? kind, c.settings, mine);
      assert.equal(mine.length, c.findings.length, `wrong number of ${ruleId} findings: ${JSON.stringify(got, null, 1)}`);
      c.findings.forEach((exp, j) => {
        const g = got[j];
        assert.equal(g.line, exp.line, `finding ${j} line: ${JSON.stringify(g)}`);
        assert.equal(g.column, exp.column, `finding ${j} column: ${JSON.stringify(g)}`);
        if (exp.endLine !== undefined) assert.equal(g.endLine, exp.endLine, `finding ${j} endLine: ${JSON.stringify(g)}`);
        if (exp.endColumn !== undefined) assert.equal(g.endColumn, exp.endColumn, `finding ${j} endColumn: ${JSON.stringify(g)}`);
        if (exp.severity) assert.equal(g.severity, exp.severity, `finding ${j} severity`);
        if (typeof exp.message === 'string') assert.ok(g.message.includes(exp.message), `message ${JSON.stringify(g.message)} lacks ${JSON.stringify(exp.message)}`);
        else if (exp.message) assert.match(g.message, exp.message);
      });
      if (c.output !== undefined) {
        const edits = mine.flatMap((f) => (f.fixes && f.fixes[0] ? f.fixes[0].edits : []));
        assert.equal(applyEdits(c.text, edits), c.output);
      }
    });
  });
}

export function describe(doc: ParsedDocument, f: Finding) {
  const s = doc.lines.positionAt(f.start);
  const e = doc.lines.positionAt(f.end);
  return { line: s.line + 1, column: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1, severity: f.severity, message: f.message, ruleId: f.ruleId };
}

/**
 * docs/rules.md states each rule's severity from `severity` and `severities`: a finding with any other
 * severity (not set by the user) means the docs lie about it (issue 11 §15).
 */
function assertDocumentedSeverities(ruleId: string, kind: DocKind, settings: Partial<Settings> | undefined, findings: Finding[]): void {
  if (settings?.rules?.[ruleId]) return; // the user's severity, not the rule's
  const rule = ALL_RULES.find((r) => r.id === ruleId);
  assert.ok(rule, `no rule ${ruleId}`);
  const allowed = documentedSeverities(rule, kind);
  for (const f of findings) assert.ok(allowed.has(f.severity), `${ruleId} reported a ${f.severity} the docs do not list (${[...allowed].join(', ')}): ${f.message}`);
}
