// Text output of `sysdig-mesos check`.
import { canonicalAppId } from '../cluster/marathon';
import type { CheckReport, Status } from '../cluster/check';
import { maskUserInfo } from '../service/agent-uri';
import { safeLine } from '../service/safe-text';

const MARK: Record<Status, string> = { pass: 'PASS', warn: 'WARN', fail: 'FAIL', skip: 'SKIP' };

export function formatCheckText(r: CheckReport): string {
  const lines: string[] = [];
  const section = (title: string, prefix: string) => {
    const items = r.checks.filter((c) => c.id.startsWith(prefix));
    if (items.length === 0) return;
    lines.push(title);
    for (const c of items) lines.push(`  ${MARK[c.status]}  ${c.id.padEnd(26)} ${c.message}`);
  };
  section(`Mesos    ${r.mesos.uri} (${r.mesos.source})`, 'mesos.');
  section(`Marathon ${r.marathon.uri ?? '(none)'} (${r.marathon.source})`, 'marathon.');
  if (r.app) section(`App      ${r.app.file}${r.app.id ? ` (${canonicalAppId(r.app.id)})` : ''}`, 'app.');
  lines.push(`Mesos leader: ${r.mesos.leader ?? 'unknown'}`);
  lines.push(`Marathon leader: ${r.marathon.leader ?? 'unknown'}`);
  const n = (s: Status) => r.checks.filter((c) => c.status === s).length;
  lines.push(`${n('pass')} passed, ${n('warn')} warning(s), ${n('fail')} failed, ${n('skip')} skipped`);
  // Each line holds what Mesos and Marathon answered (versions, hosts, error text): escaped, so that no
  // answer can start a line of its own.
  return lines.map((l) => safeLine(maskUserInfo(l))).join('\n');
}

