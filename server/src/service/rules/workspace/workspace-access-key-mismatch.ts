import type { AccessKeyFact, CollectorFact } from '../../workspace/facts';
import type { WorkspaceEntry, WorkspaceRule } from './workspace-rule';
import { MAX_RELATED } from './workspace-rule';
import { ENTRYPOINT_SOURCE } from '../../public-sources';

export const workspaceAccessKeyMismatch: WorkspaceRule = {
  id: 'workspace-access-key-mismatch',
  kinds: ['dragent', 'marathon-app'],
  severity: 'warning',
  title: 'a dragent.yaml and an agent app in the same folder disagree on the access key or collector',
  // the entrypoint's mapping: agent-dragent.md §1 item 16
  docs:
    'A dragent.yaml and the agent\'s Marathon app kept side by side describe the same agents: the app\'s entrypoint writes `ACCESS_KEY` into `customerid` and `COLLECTOR` into `collector` (' +
    ENTRYPOINT_SOURCE +
    '). When the two disagree, agents started one way report to another account or backend than agents started the other way, and nothing fails: the data just goes elsewhere. **The same folder**: the same directory — files in a parent folder or a subfolder are not compared (one folder per node role or cluster is the layout this rule expects). Only values written out are compared: an empty value, a guide placeholder or a `${VAR}` is left to the per-file rules. The keys are compared without being shown: the message says they differ and never prints either (the collector, which is no secret, is named). Every file involved gets the finding, with a link to the other.',
  checkWorkspace(ctx) {
    const byFolder = new Map<string, WorkspaceEntry[]>();
    for (const e of ctx.entries) {
      if (!e.facts.accessKey && !e.facts.collector) continue;
      let g = byFolder.get(e.folder);
      if (!g) byFolder.set(e.folder, (g = []));
      g.push(e);
    }
    for (const group of byFolder.values()) {
      const configs = group.filter((e) => e.facts.kind === 'dragent');
      const apps = group.filter((e) => e.facts.kind === 'marathon-app');
      if (!configs.length || !apps.length) continue;
      compare(ctx, configs, apps, (e) => e.facts.accessKey, () => 'the keys are not shown', (a: AccessKeyFact, b: AccessKeyFact) => a.fingerprint === b.fingerprint, 'account');
      compare(ctx, configs, apps, (e) => e.facts.collector, (other) => `which is \`${other.host}\``, (a: CollectorFact, b: CollectorFact) => a.host === b.host, 'collector');
    }
  },
};

/** Each file of one kind against those of the other: one finding per file and value, linking every file it disagrees with. */
function compare<T extends { where: string; start: number; end: number }>(
  ctx: Parameters<WorkspaceRule['checkWorkspace']>[0],
  configs: WorkspaceEntry[],
  apps: WorkspaceEntry[],
  get: (e: WorkspaceEntry) => T | undefined,
  says: (other: T) => string,
  same: (a: T, b: T) => boolean,
  what: 'account' | 'collector',
): void {
  const consequence = what === 'account' ? 'agents deployed one way report to another Sysdig account than agents configured the other way' : 'agents deployed one way send to another backend than agents configured the other way';
  const one = (self: WorkspaceEntry, others: WorkspaceEntry[]) => {
    const mine = get(self);
    if (!mine) return;
    const differing = others.filter((o) => {
      const theirs = get(o);
      return theirs !== undefined && !same(mine, theirs);
    });
    if (!differing.length) return;
    const first = get(differing[0])!;
    const hereIs = what === 'collector' ? ` (\`${(mine as unknown as CollectorFact).host}\`)` : '';
    ctx.report({
      id: self.id,
      start: mine.start,
      end: mine.end,
      message: `${mine.where}${hereIs} disagrees with ${first.where} of \`${differing[0].name}\` in the same folder (${says(first)}${differing.length > 1 ? `; and ${differing.length - 1} more file(s)` : ''}): ${consequence}.`,
      related: differing.slice(0, MAX_RELATED).map((o) => {
        const t = get(o)!;
        return { id: o.id, start: t.start, end: t.end, message: what === 'collector' ? `${t.where} here is \`${(t as unknown as CollectorFact).host}\`` : `${t.where} here is another key (not shown)` };
      }),
    });
  };
  for (const c of configs) one(c, apps);
  for (const a of apps) one(a, configs);
}
