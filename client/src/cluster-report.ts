// What the editor shows for a cluster check: output lines and the notification. No `vscode` import
// (unit-tested under plain Node). The server has masked every password already; masking again here is
// the last guard before text reaches the screen or the log.
import type { ClusterCheckResult } from '../../server/src/lsp/constants';
import { maskUserInfo } from '../../server/src/service/agent-uri';

const MARK = { pass: 'PASS', warn: 'WARN', fail: 'FAIL', skip: 'SKIP' } as const;

/**
 * What a check run is called while it runs (the progress notification) and in the log: the command the user
 * chose. "Confirm the agents are running" runs the Mesos check, but the user did not ask to check connectivity.
 */
export function checkTitles(what: 'Mesos' | 'Marathon', purpose: 'connectivity' | 'confirm-agents' = 'connectivity'): { label: string; progress: string } {
  if (purpose === 'confirm-agents') return { label: 'Confirm the agents are running', progress: 'Confirming the agents are running…' };
  return { label: `Check ${what} connectivity`, progress: `Checking ${what} connectivity…` };
}

/** The output channel's lines for one check run (`label`: the command, from checkTitles). */
export function reportLines(what: 'Mesos' | 'Marathon', r: ClusterCheckResult, ms: number, label = checkTitles(what).label): string[] {
  const lines = [`${label} (${ms} ms): ${r.ok ? 'passed' : 'FAILED'}`];
  for (const s of r.sections) {
    lines.push(`  ${s.title}`);
    for (const c of s.checks) lines.push(`    ${MARK[c.status]}  ${c.id.padEnd(26)} ${c.message}`);
  }
  if (r.mesosLeader) lines.push(`  Mesos leader: ${r.mesosLeader}`);
  if (what === 'Marathon') lines.push(`  Marathon leader: ${r.marathonLeaders.join(', ') || 'unknown'}`);
  return lines.map(maskUserInfo);
}

export interface Notice {
  level: 'info' | 'warning' | 'error';
  message: string;
  actions: string[];
}

export const SHOW_OUTPUT_ACTION = 'Show Output';
export const OPEN_FILE_ACTION = 'Open dragent.yaml';

/** The notification: the summary, and what the user can do next. */
export function checkNotice(r: ClusterCheckResult, hasConfig: boolean): Notice {
  const warns = r.sections.some((s) => s.checks.some((c) => c.status === 'warn'));
  const placed = r.diagnostics.some((d) => d.items.length > 0);
  const actions = [SHOW_OUTPUT_ACTION];
  if (!r.ok && hasConfig && placed) actions.push(OPEN_FILE_ACTION);
  const level = !r.ok ? 'error' : warns ? 'warning' : 'info';
  return { level, message: maskUserInfo(r.summary), actions };
}
