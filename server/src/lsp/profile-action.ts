// The quick fix on https-unsupported under the profile guide-2016 (issue 11 §10): "This cluster's agents are
// newer than 2016" runs the client's Switch agent profile command with `latest`. A client command: offered only to
// clients that said they run it; after it the server revalidates (configuration or workspace file changed).
import { CodeActionKind, type CodeAction, type Diagnostic } from 'vscode-languageserver/node';
import type { AgentProfile, Finding, ParsedDocument, Span } from '../service/index';
import { toDiagnostic } from './diagnostics';
import { SWITCH_AGENT_PROFILE_COMMAND } from './constants';

export const SWITCH_TO_LATEST_TITLE = "This cluster's agents are newer than 2016: switch the agent profile to latest";

export function profileActions(
  uri: string,
  doc: ParsedDocument,
  version: number,
  findings: readonly Finding[],
  range: Span,
  profile: AgentProfile,
  only: readonly string[] | undefined,
  context: readonly Diagnostic[],
): CodeAction[] {
  if (profile !== 'guide-2016') return [];
  if (only && !only.some((k) => k === CodeActionKind.QuickFix || k === CodeActionKind.Empty)) return [];
  const hits = findings.filter((f) => f.ruleId === 'https-unsupported' && f.start <= range.end && range.start <= f.end);
  if (!hits.length) return [];
  const diagnostics = hits.map((f) => context.find((d) => d.code === f.ruleId && doc.lines.offsetAt(d.range.start) === f.start) ?? toDiagnostic(doc.lines, f, version));
  return [
    {
      title: SWITCH_TO_LATEST_TITLE,
      kind: CodeActionKind.QuickFix,
      diagnostics,
      command: { title: SWITCH_TO_LATEST_TITLE, command: SWITCH_AGENT_PROFILE_COMMAND, arguments: ['latest', uri] },
    },
  ];
}
