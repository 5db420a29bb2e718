/** Public types of the language service. Offsets are UTF-16 code units into the document text. */
import type { DeployFills } from './deploy-fills';

export type DocKind = 'dragent' | 'marathon-app';
export type Severity = 'error' | 'warning' | 'info' | 'hint';
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info', 'hint'];

/** Which agent the user runs; changes what some rules know (see agent-dragent.md §4.4, §1.8). */
export type AgentProfile = 'guide-2016' | 'latest';

export interface Span {
  start: number;
  end: number;
}

export interface TextEdit extends Span {
  newText: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
  /** true when applying the fix is safe without looking (used by "fix all"). */
  preferred?: boolean;
}

/**
 * The `id` of a related location in the finding's own file: a per-file rule knows no file names (the doors put in
 * the file's own URI or path).
 */
export const SAME_DOCUMENT = '';

/** A place a finding is about, in another file (workspace rules) or its own: LSP related information, SARIF relatedLocations. */
export interface RelatedLocation extends Span {
  /** the other file, as the caller named it in checkWorkspace (a URI in the server, a path in the CLI); SAME_DOCUMENT: this one */
  id: string;
  message: string;
}

export interface Finding extends Span {
  ruleId: string;
  severity: Severity;
  message: string;
  fixes?: Fix[];
  /** the other files' places this finding is about (cross-file rules only); offsets into those files' texts */
  related?: RelatedLocation[];
}

export interface Settings {
  agentProfile: AgentProfile;
  /** Per-rule severity override, or 'off'. */
  rules: Record<string, Severity | 'off'>;
  /**
   * What deploy will fill into the agent app at send time (the editor: secret storage and settings). Absent
   * (lint, check): the file is judged on its own, as before.
   */
  deployFills?: DeployFills;
}

export const DEFAULT_SETTINGS: Settings = { agentProfile: 'guide-2016', rules: {} };

export interface Position {
  /** 0-based line */
  line: number;
  /** 0-based UTF-16 column */
  character: number;
}
