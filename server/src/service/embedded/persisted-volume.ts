// The app's volume that keeps dragent.yaml across container starts (the effective model's note, the hover on
// ADDITIONAL_CONF, rule agent-app-additional-conf-persisted).
import { getProp } from '../documents/model';
import type { AgentApp } from '../rules/marathon/agent';
import { asArray, stringValue } from '../rules/marathon/util';
import type { Span } from '../types';

export interface PersistedVolume {
  containerPath: string;
  /** the `containerPath` value in the app */
  span: Span;
}

/** The directory the entrypoint writes into, and the file. */
export const CONFIG_DIR = '/opt/draios/etc';
export const CONFIG_FILE = '/opt/draios/etc/dragent.yaml';

/**
 * A volume of the app at /opt/draios/etc or at dragent.yaml itself: the file outlives the container, so from the
 * second start on a node (a restart, a redeploy) dragent.yaml exists before the entrypoint runs and ADDITIONAL_CONF
 * is skipped (agent-dragent.md §1 item 16, §5: "ignored when dragent.yaml already existed (persisted volume …)").
 */
export function persistedVolume(app: AgentApp): PersistedVolume | undefined {
  for (const v of asArray(getProp(app.container, 'volumes')?.value)?.items ?? []) {
    const p = getProp(v, 'containerPath');
    const path = stringValue(p?.value);
    if (path === undefined || !p?.value) continue;
    // trailing slashes off by hand: `/\/+$/` is quadratic on a long run of slashes (regex audit)
    let end = path.length;
    while (end > 1 && path[end - 1] === '/') end--;
    const norm = path.slice(0, end);
    if (norm === CONFIG_DIR || norm === CONFIG_FILE) return { containerPath: norm, span: p.value.range };
  }
  return undefined;
}

