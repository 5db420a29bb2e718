import type { Finding } from '../service/types';
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
}

/** 1-based lines and columns (UTF-16 columns, as editors count them). */
export function toJsonFindings(results: FileResult[]): JsonFinding[] {
  const out: JsonFinding[] = [];
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
      });
    }
  }
  return out;
}

export function formatText(results: FileResult[]): string {
  return toJsonFindings(results)
    // messages quote the file's keys and values, and a file name starts the line: escaped (safe-text.ts)
    .map((f) => safeLine(`${f.file}:${f.line}:${f.column} ${f.severity} ${f.code} ${f.message}`))
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
