import type { Rule } from '../rule';
import type { FileFacts } from '../../workspace/facts';
import type { RelatedLocation, Severity, Span } from '../../types';

/** One file of the workspace as the workspace rules see it. */
export interface WorkspaceEntry {
  /** how the caller names the file (a URI in the server, a path in the CLI); related locations carry it */
  id: string;
  /** the file's directory: "the same folder" is the same directory, not a parent or a subfolder */
  folder: string;
  /** a short name for messages (the file's base name) */
  name: string;
  /** the name with its folder's (`west/dragent.yaml`): for files of different folders, often all named alike */
  label: string;
  facts: FileFacts;
}

export interface WorkspaceReport extends Span {
  /** the entry the finding is on */
  id: string;
  message: string;
  severity?: Severity;
  related?: RelatedLocation[];
}

export interface WorkspaceRuleContext {
  readonly entries: readonly WorkspaceEntry[];
  report(f: WorkspaceReport): void;
}

/**
 * A rule over the files of a workspace (every dragent.yaml and Marathon app file of the editor's folders, or
 * every file the CLI lints), with the documentation fields of a per-file rule (docs/rules.md, settings, SARIF).
 * It reads only the files' facts (workspace/facts.ts); settings, suppression comments and `.sysdig-mesos.json`
 * ignores apply per file afterwards, like for any other finding.
 */
export interface WorkspaceRule extends Omit<Rule, 'check' | 'explains'> {
  checkWorkspace(ctx: WorkspaceRuleContext): void;
}

/** Related locations listed per finding at most (a hundred configs of one cluster need not be named one by one). */
export const MAX_RELATED = 20;

/** Each entry of a group, pointing at the others. */
export function reportGroup<T extends Span>(
  ctx: WorkspaceRuleContext,
  group: readonly { entry: WorkspaceEntry; at: T }[],
  message: (self: { entry: WorkspaceEntry; at: T }, others: readonly { entry: WorkspaceEntry; at: T }[]) => string,
  relatedMessage: (other: { entry: WorkspaceEntry; at: T }) => string,
): void {
  for (const self of group) {
    const others = group.filter((g) => g !== self);
    ctx.report({
      id: self.entry.id,
      start: self.at.start,
      end: self.at.end,
      message: message(self, others),
      related: others.slice(0, MAX_RELATED).map((o) => ({ id: o.entry.id, start: o.at.start, end: o.at.end, message: relatedMessage(o) })),
    });
  }
}

/** `a`, `a and b`, `a, b and 3 more` */
export function nameList(names: readonly string[], max = 3): string {
  const shown = names.slice(0, max).map((n) => `\`${n}\``);
  const more = names.length - shown.length;
  if (more > 0) return `${shown.join(', ')} and ${more} more`;
  return shown.length <= 1 ? shown.join('') : `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}
