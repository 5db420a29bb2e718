import type { ParsedDocument } from '../documents/model';
import type { Span } from '../types';
import { agentApp, envEntries, type EnvEntry } from '../rules/marathon/agent';
import { ADDITIONAL_CONF } from './additional-conf';
import { persistedVolume, type PersistedVolume } from './persisted-volume';
import { ENTRYPOINT_SOURCE } from '../public-sources';

/**
 * Where an agent app names ADDITIONAL_CONF: the `env` key, or the `ADDITIONAL_CONF=` prefix of a docker parameter's
 * value (the characters in the JSON string, when it is written plainly). For the hover and the persisted-volume
 * rule.
 */
export function confNames(doc: ParsedDocument): { entry: EnvEntry; span: Span }[] {
  const app = doc.kind === 'marathon-app' ? agentApp(doc) : null;
  if (!app) return [];
  const out: { entry: EnvEntry; span: Span }[] = [];
  for (const e of envEntries(doc, app)) {
    if (e.name !== ADDITIONAL_CONF) continue;
    if (e.source === 'env') {
      out.push({ entry: e, span: e.keyRange });
      continue;
    }
    const raw = doc.text.slice(e.keyRange.start, e.keyRange.end);
    // `"ADDITIONAL_CONF=` as written: the name and its `=`; a name written with escapes gets the whole string
    const plain = raw.startsWith(`"${ADDITIONAL_CONF}=`);
    out.push({ entry: e, span: plain ? { start: e.keyRange.start + 1, end: e.keyRange.start + 2 + ADDITIONAL_CONF.length } : e.keyRange });
  }
  return out;
}

/** The hover's words on ADDITIONAL_CONF (agent-dragent.md §1 item 16, §5; the hover cites the entrypoint itself). */
export function confNameHover(volume: PersistedVolume | undefined): string {
  const base =
    "**ADDITIONAL_CONF** — dragent.yaml text that the agent image's entrypoint appends to /opt/draios/etc/dragent.yaml, expanded with `echo -e` (so `\\n` becomes a newline), **only when no dragent.yaml existed before the container started** (" +
    ENTRYPOINT_SOURCE +
    "). When dragent.yaml persists — a host or persistent volume mounted over /opt/draios/etc, or an image that ships one — it is ignored from then on: the entrypoint logs `* ADDITIONAL_CONF ignored` and a changed value never reaches the agent. The variables `ACCESS_KEY`, `TAGS`, `COLLECTOR`, `COLLECTOR_PORT`, `SECURE` and `CHECK_CERTIFICATE` are written before it (a key set there and here: the agent reads the variable's), `RUN_MODE` after it. *Show the agent's effective dragent.yaml* (or `sysdig-mesos effective`) shows the result line by line.";
  if (!volume) return base;
  return `${base}\n\n**This app mounts a volume at \`${volume.containerPath}\`**: the first start on a node writes dragent.yaml there with ADDITIONAL_CONF; every later start (a restart, a redeploy) finds it and skips ADDITIONAL_CONF.`;
}

/** The ADDITIONAL_CONF name under the offset, with the app's persisted volume if any. */
export function confNameAt(doc: ParsedDocument, offset: number): { span: Span; volume: PersistedVolume | undefined } | undefined {
  const hit = confNames(doc).find((n) => n.span.start <= offset && offset <= n.span.end);
  if (!hit) return undefined;
  const app = agentApp(doc)!;
  return { span: hit.span, volume: persistedVolume(app) };
}
