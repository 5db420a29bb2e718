import { DiagnosticSeverity, type Diagnostic, type Range } from 'vscode-languageserver/node';
import { SAME_DOCUMENT, type Finding, type Fix, type Severity } from '../service/types';
import type { LineIndex } from '../service/text/line-index';
import { plainText } from '../service/text/plain-text';

import { DIAGNOSTIC_SOURCE, RULES_DOC } from './constants';

export { RULES_DOC };

export const SOURCE = DIAGNOSTIC_SOURCE;
/** More than this many findings in one document are summarised in one last diagnostic. */
export const MAX_DIAGNOSTICS = 1000;

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** A fix as carried in `Diagnostic.data`: LSP ranges valid for `version` of the document. */
export interface FixData {
  title: string;
  preferred?: boolean;
  edits: { range: Range; newText: string }[];
}

/** `Diagnostic.data` for findings that come with fixes (read back by code actions). */
export interface DiagnosticData {
  /** the document version the ranges refer to */
  version: number;
  fixes: FixData[];
}

export function toRange(lines: LineIndex, start: number, end: number): Range {
  return { start: lines.positionAt(start), end: lines.positionAt(end) };
}

/** `uri`: the document's, for related locations in the same document (SAME_DOCUMENT); without it they are left out */
export function toDiagnostic(lines: LineIndex, f: Finding, version: number, uri?: string): Diagnostic {
  const d: Diagnostic = {
    range: toRange(lines, f.start, f.end),
    severity: SEVERITY[f.severity] ?? DiagnosticSeverity.Warning,
    source: SOURCE,
    code: f.ruleId,
    codeDescription: { href: `${RULES_DOC}#${encodeURIComponent(f.ruleId)}` },
    message: plainText(f.message),
  };
  const own = uri === undefined ? [] : (f.related ?? []).filter((r) => r.id === SAME_DOCUMENT);
  if (own.length) d.relatedInformation = own.map((r) => ({ location: { uri: uri!, range: toRange(lines, r.start, r.end) }, message: plainText(r.message) }));
  if (f.fixes && f.fixes.length) {
    const data: DiagnosticData = { version, fixes: f.fixes.map((fix) => toFixData(lines, fix)) };
    d.data = data;
  }
  return d;
}

function toFixData(lines: LineIndex, fix: Fix): FixData {
  return {
    title: fix.title,
    ...(fix.preferred ? { preferred: true } : {}),
    edits: fix.edits.map((e) => ({ range: toRange(lines, e.start, e.end), newText: e.newText })),
  };
}

export function toDiagnostics(lines: LineIndex, findings: readonly Finding[], version: number, uri?: string): Diagnostic[] {
  const shown = findings.length > MAX_DIAGNOSTICS ? findings.slice(0, MAX_DIAGNOSTICS) : findings;
  const out = shown.map((f) => toDiagnostic(lines, f, version, uri));
  if (findings.length > MAX_DIAGNOSTICS) {
    const last = findings[MAX_DIAGNOSTICS];
    out.push({
      range: toRange(lines, last.start, last.start),
      severity: DiagnosticSeverity.Information,
      source: SOURCE,
      message: `${findings.length - MAX_DIAGNOSTICS} more finding(s) not shown; fix the ones above first (run the sysdig-mesos CLI for the full list).`,
    });
  }
  return out;
}
