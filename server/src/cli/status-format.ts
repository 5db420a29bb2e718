// Text output of `sysdig-mesos status`: one line per node, then the app's line and its last task failure.
import { cut } from '../cluster/errors';
import { failureText, type NodeKind } from '../cluster/coverage';
import type { StatusReport } from '../cluster/status';
import { maskUserInfo } from '../service/agent-uri';
import { safeLine } from '../service/safe-text';

const MARK: Record<NodeKind, string> = {
  monitored: 'OK  ',
  starting: 'WAIT',
  'not-monitored': 'MISS',
  'master-agent-app': 'FAIL',
  'master-agent': 'INFO',
  master: 'INFO',
};

export function formatStatusText(r: StatusReport): string {
  const c = r.coverage;
  const lines: string[] = [`Mesos    ${r.mesos.uri}${r.mesos.leader ? ` (leader ${r.mesos.leader})` : ''}`, `Marathon ${r.marathon.uri}`, ''];
  const width = Math.min(40, Math.max(8, ...c.nodes.map((n) => n.hostname.length)));
  for (const n of c.nodes) {
    // a hostname is at most 253 characters (DNS): a longer one from a hostile answer is cut, not printed whole
    lines.push(`  ${MARK[n.kind]}  ${cut(n.hostname, 253).padEnd(width)}  ${n.text}`);
    if (n.detail && n.problem) lines.push(`        ${''.padEnd(width)}  → ${n.detail}`);
  }
  lines.push('');
  lines.push(`App      ${c.app.text}${r.appFile ? ` (from ${r.appFile})` : ''}`);
  if (c.app.lastTaskFailure) lines.push(`Last task failure: ${failureText(c.app.lastTaskFailure)}`);
  lines.push(`${c.counts.agents} agent node(s): ${c.counts.monitored} monitored, ${c.counts.notMonitored} not monitored${c.counts.masterAgentApp ? `, ${c.counts.masterAgentApp} master+agent running the app` : ''}; ${c.counts.masters} master(s)`);
  // every line holds what Mesos and Marathon answered (hostnames, messages): escaped, so that none starts a line of its own
  return lines.map((l) => safeLine(maskUserInfo(l))).join('\n');
}
