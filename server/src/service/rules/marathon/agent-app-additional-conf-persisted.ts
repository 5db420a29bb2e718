import type { Rule } from '../rule';
import { SAME_DOCUMENT } from '../../types';
import { agentApp } from './agent';
import { persistedVolume, CONFIG_FILE } from '../../embedded/persisted-volume';
import { confNames } from '../../embedded/conf-name';
import { ENTRYPOINT_SOURCE } from '../../public-sources';

export const agentAppAdditionalConfPersisted: Rule = {
  id: 'agent-app-additional-conf-persisted',
  kinds: ['marathon-app'],
  severity: 'info',
  severities: [
    { severity: 'info', when: 'for a volume at /opt/draios/etc (applied on the first start only)' },
    { severity: 'warning', when: 'for a volume at /opt/draios/etc/dragent.yaml itself (never applied)' },
  ],
  title: 'ADDITIONAL_CONF with dragent.yaml on a volume (applied on the first start only)',
  // agent-dragent.md §1 item 16, §5 ("ignored when dragent.yaml already existed (persisted volume …)")
  docs:
    "The agent image's entrypoint appends `ADDITIONAL_CONF` to /opt/draios/etc/dragent.yaml only when that file did not exist before the container started (" +
    ENTRYPOINT_SOURCE +
    "; the container's log then says `* ADDITIONAL_CONF ignored`). An app that mounts a volume at /opt/draios/etc (or at dragent.yaml itself) keeps the file: the first start on a node writes it with `ADDITIONAL_CONF`, every later start — a restart, a redeploy with a changed value — skips `ADDITIONAL_CONF`, so an edit here never reaches the agents that already ran. A file mounted at dragent.yaml exists from the first start, and `ADDITIONAL_CONF` is never applied (a warning). Reported on the `ADDITIONAL_CONF` name, with the volume as related location. No quick fix: whether the volume is wanted is the operator's choice; with it, put the settings in the persisted dragent.yaml instead.",
  check({ doc, report }) {
    const app = agentApp(doc);
    if (!app) return;
    const volume = persistedVolume(app);
    if (!volume) return;
    for (const { entry, span } of confNames(doc)) {
      if (!entry.value) continue;
      const whole = volume.containerPath === CONFIG_FILE;
      report({
        ...span,
        ...(whole ? { severity: 'warning' as const } : {}),
        message: whole
          ? `The app mounts a volume at ${volume.containerPath}: dragent.yaml exists before the entrypoint runs, so \`ADDITIONAL_CONF\` is never applied.`
          : `The app mounts a volume at ${volume.containerPath}: dragent.yaml persists there, so \`ADDITIONAL_CONF\` is applied on a node's first start only; later starts (a restart, a redeploy with a changed value) skip it.`,
        related: [{ id: SAME_DOCUMENT, ...volume.span, message: 'the volume that keeps dragent.yaml' }],
      });
    }
  },
};
