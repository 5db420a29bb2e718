import type { AppIdFact } from '../../workspace/facts';
import { nameList, reportGroup, type WorkspaceEntry, type WorkspaceRule } from './workspace-rule';

export const workspaceDuplicateAppId: WorkspaceRule = {
  id: 'workspace-duplicate-app-id',
  kinds: ['marathon-app'],
  severity: 'warning',
  title: 'two agent apps in the same folder have the same Marathon id',
  docs:
    'Marathon keeps one app per id: deploying the second file replaces the first app (a PUT to the same `/v2/apps/{id}`), so of two agent apps with one id only the last one deployed runs — the other node role or cluster loses its agents without an error. **The same folder**: the same directory, not a parent or a subfolder (files kept apart in folders are usually meant for different Marathons). Ids are compared as Marathon stores them: absolute, so `sysdig-agent` and `/sysdig-agent` are the same app; Marathon ids are lower case, so case is kept. Only agent apps (image `sysdig/agent`) are compared. Every file involved gets the finding, with links to the others; give each app its own id.',
  checkWorkspace(ctx) {
    const groups = new Map<string, { entry: WorkspaceEntry; at: AppIdFact }[]>();
    for (const entry of ctx.entries) {
      const id = entry.facts.appId;
      if (!id) continue;
      const key = `${entry.folder}\0${id.id}`;
      let g = groups.get(key);
      if (!g) groups.set(key, (g = []));
      g.push({ entry, at: id });
    }
    for (const group of groups.values()) {
      if (group.length < 2) continue;
      reportGroup(
        ctx,
        group,
        (self, others) => `\`${self.at.id}\` is also the id of the agent app in ${nameList(others.map((o) => o.entry.name))} in this folder: Marathon keeps one app per id, so deploying one replaces the other.`,
        (o) => `the same id \`${o.at.id}\``,
      );
    }
  },
};
