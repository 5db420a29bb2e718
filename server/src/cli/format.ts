import { SAME_DOCUMENT, type Finding } from '../service/types';
import type { ParsedDocument } from '../service/documents/model';
import type { RuleInfo as Rule } from '../service/rules/registry';
import { defaultSeverity } from '../service/rules/rule';
import { safeLine } from '../service/safe-text';
import { plainText } from '../service/text/plain-text';

export interface FileResult {
  file: string;
  doc: ParsedDocument;
  findings: Finding[];
}

export interface JsonFinding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Finding['severity'];
  code: string;
  message: string;
  /** the other files' places a cross-file finding is about (workspace rules) */
  relatedLocations?: JsonLocation[];
}

export interface JsonLocation {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
}

/** a related location of a finding, in 1-based lines and columns of its file (undefined: not among the results) */
function relatedOf(results: FileResult[]): (f: Finding, own: FileResult) => JsonLocation[] {
  const docs = new Map(results.map((r) => [r.file, r.doc]));
  return (f, own) =>
    (f.related ?? []).flatMap((rel) => {
      // a place in the finding's own file (a per-file rule's related location)
      const file = rel.id === SAME_DOCUMENT ? own.file : rel.id;
      const doc = rel.id === SAME_DOCUMENT ? own.doc : docs.get(rel.id);
      if (!doc) return [];
      const s = doc.lines.positionAt(rel.start);
      const e = doc.lines.positionAt(rel.end);
      return [{ file, line: s.line + 1, column: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1, message: plainText(rel.message) }];
    });
}

/** 1-based lines and columns (UTF-16 columns, as editors count them). */
export function toJsonFindings(results: FileResult[]): JsonFinding[] {
  const out: JsonFinding[] = [];
  const related = relatedOf(results);
  for (const r of results) {
    for (const f of r.findings) {
      const s = r.doc.lines.positionAt(f.start);
      const e = r.doc.lines.positionAt(f.end);
      out.push({
        file: r.file,
        line: s.line + 1,
        column: s.character + 1,
        endLine: e.line + 1,
        endColumn: e.character + 1,
        severity: f.severity,
        code: f.ruleId,
        message: plainText(f.message),
        ...(f.related?.length ? { relatedLocations: related(f, r) } : {}),
      });
    }
  }
  return out;
}

export function formatText(results: FileResult[]): string {
  return toJsonFindings(results)
    // messages quote the file's keys and values, and a file name starts the line: escaped (safe-text.ts)
    .map((f) =>
      [f, ...(f.relatedLocations ?? [])]
        .map((x, i) => safeLine(i === 0 ? `${x.file}:${x.line}:${x.column} ${f.severity} ${f.code} ${x.message}` : `  related: ${x.file}:${x.line}:${x.column} ${x.message}`))
        .join('\n'),
    )
    .join('\n');
}

const SARIF_LEVEL: Record<Finding['severity'], 'error' | 'warning' | 'note'> = {
  error: 'error',
  warning: 'warning',
  info: 'note',
  hint: 'note',
};

export function formatSarif(results: FileResult[], rules: readonly Rule[], version: string): object {
  const used = new Set(results.flatMap((r) => r.findings.map((f) => f.ruleId)));
  const ruleList = rules.filter((r) => used.has(r.id) || true);
  const index = new Map(ruleList.map((r, i) => [r.id, i]));
  const related = relatedOf(results);
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'sysdig-mesos',
            version,
            informationUri: 'https://github.com/sysdig-mesos/sysdig-mesos/blob/main/docs/rules.md',
            rules: ruleList.map((r) => ({
              id: r.id,
              name: r.id.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase()),
              shortDescription: { text: r.title },
              fullDescription: { text: r.docs },
              help: { text: r.docs, markdown: r.docs },
              helpUri: `https://github.com/sysdig-mesos/sysdig-mesos/blob/main/docs/rules.md#${r.id}`,
              defaultConfiguration: { level: SARIF_LEVEL[defaultSeverity(r, r.kinds[0])] },
              properties: { kinds: r.kinds },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        results: results.flatMap((r) =>
          r.findings.map((f) => {
            const s = r.doc.lines.positionAt(f.start);
            const e = r.doc.lines.positionAt(f.end);
            return {
              ruleId: f.ruleId,
              ruleIndex: index.get(f.ruleId),
              level: SARIF_LEVEL[f.severity],
              // plain text for viewers that show text, the code spans kept for those that render markdown
              message: { text: plainText(f.message), markdown: f.message },
              locations: [
                {
                  physicalLocation: {
                    artifactLocation: { uri: toUri(r.file) },
                    region: { startLine: s.line + 1, startColumn: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1 },
                  },
                },
              ],
              ...(f.related?.length
                ? {
                    relatedLocations: related(f, r).map((l, i) => ({
                      id: i,
                      message: { text: l.message },
                      physicalLocation: {
                        artifactLocation: { uri: toUri(l.file) },
                        region: { startLine: l.line, startColumn: l.column, endLine: l.endLine, endColumn: l.endColumn },
                      },
                    })),
                  }
                : {}),
            };
          }),
        ),
      },
    ],
  };
}

function toUri(file: string): string {
  return file.replace(/\\/g, '/').split('/').map(encodeURIComponent).join('/');
}
