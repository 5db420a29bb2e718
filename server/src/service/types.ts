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

export interface Finding extends Span {
  ruleId: string;
  severity: Severity;
  message: string;
  fixes?: Fix[];
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
