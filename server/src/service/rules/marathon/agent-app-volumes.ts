import { getProp, type MObject } from '../../documents/model';
import type { Fix } from '../../types';
import type { Rule } from '../rule';
import { agentApp } from './agent';
import { asArray, asObject, asString, insertItems, insertMember } from './util';

/** The host paths the guide mounts into the agent container, with their modes. */
export const AGENT_VOLUMES: readonly { hostPath: string; mode: 'RO' | 'RW'; why: string }[] = [
  { hostPath: '/var/run/docker.sock', mode: 'RW', why: 'to talk to Docker and read container metadata' },
  { hostPath: '/dev', mode: 'RW', why: 'to reach the capture device of its kernel module' },
  { hostPath: '/proc', mode: 'RO', why: "to read the host's processes" },
  { hostPath: '/boot', mode: 'RO', why: 'to find the kernel configuration for building its driver' },
  { hostPath: '/lib/modules', mode: 'RO', why: 'to load its kernel module' },
  { hostPath: '/usr', mode: 'RO', why: 'to find kernel headers for building its driver' },
];

/** The modes Marathon accepts (the Mesos Volume.Mode enum; RAML strings.ReadMode from 1.5). */
const MARATHON_MODES = ['RO', 'RW'];

function norm(p: string): string {
  return p.length > 1 ? p.replace(/(?<!\/)\/+$/, '') : p;
}

/** A volume as the guide writes it: the host path mounted under `/host`. */
export function volumeJson(v: (typeof AGENT_VOLUMES)[number]) {
  return { containerPath: `/host${v.hostPath}`, hostPath: v.hostPath, mode: v.mode };
}

export const agentAppVolumes: Rule = {
  id: 'agent-app-volumes',
  kinds: ['marathon-app'],
  severity: 'warning',
  severities: [
    { severity: 'warning', when: 'for a missing volume, a wrong path, or a mode Marathon accepts that the agent cannot use' },
    { severity: 'error', when: 'for a mode other than "RO" or "RW" (Marathon refuses the app)' },
  ],
  title: 'Sysdig agent without the host volumes it needs',
  fixable: true,
  docs:
    'The guide mounts six host paths into the agent container, each under `/host`: `/var/run/docker.sock` (RW, Docker metadata), `/dev` (RW, the driver\'s capture devices), and read-only `/proc`, `/boot`, `/lib/modules` and `/usr` (processes, and what it needs to build and load its kernel module). Marathon deploys the app without them, but the agent then fails to load its driver or misses container data. Reported: a missing volume (one finding for all of them, on `volumes`), a `containerPath` other than `/host<hostPath>` (the agent looks only there), and a wrong or missing `mode` (`docker.sock` read-only cannot be connected to; the read-only paths do not need write access). Only checked for `sysdig/agent` apps. A `mode` other than `"RO"` or `"RW"` (`"RX"`, `"ro"`) is an error: Marathon refuses the app. Marathon 1.4 reads `mode` with Mesos\'s `Volume.Mode` enum (`v1.4.13:src/main/scala/mesosphere/marathon/api/v2/json/Formats.scala:240-241` and `:281`; `enumFormat` at `:202-209` turns an unknown name into "RX is not a valid mode") and answers 400 "Invalid JSON" (`v1.4.13:src/main/scala/mesosphere/marathon/api/MarathonExceptionMapper.scala:55`, `:81-88`); Marathon 1.5 and later validate against the RAML type `ReadMode`, `enum: [RO, RW]` (`v1.5.0:docs/docs/rest-api/public/api/v2/types/stringTypes.raml:36-38`, `v1.10.26:…/stringTypes.raml:50-52`, used by `AppHostVolume.mode` in `v1.10.26:docs/docs/rest-api/public/api/v2/types/volumes.raml:94-96`) and refuse the app. The quick fixes add the missing volumes with the guide\'s values, or correct the path or mode in place.',
  check({ doc, report }) {
    const app = agentApp(doc);
    if (!app) return;
    const volsP = getProp(app.container, 'volumes');
    const vols = asArray(volsP?.value);
    const found = new Set<string>();
    for (const item of vols?.items ?? []) {
      const o = asObject(item);
      if (!o) continue;
      const hp = asString(getProp(o, 'hostPath')?.value);
      if (!hp) continue;
      const want = AGENT_VOLUMES.find((v) => v.hostPath === norm(hp.value as string));
      if (!want) continue;
      found.add(want.hostPath);
      checkVolume(o, want);
    }
    const missing = AGENT_VOLUMES.filter((v) => !found.has(v.hostPath));
    if (!missing.length) return;
    const at = volsP && vols ? volsP.keyRange : app.containerProp.keyRange;
    const edit = vols ? insertItems(doc, vols, missing.map(volumeJson), 1) : insertMember(doc, app.container, 'volumes', missing.map(volumeJson), 2);
    report({
      start: at.start,
      end: at.end,
      message: `The Sysdig agent container lacks host volume${missing.length > 1 ? 's' : ''} ${missing.map((v) => `${v.hostPath} (${v.mode}, ${v.why})`).join(', ')}. Mount each at /host<path>.`,
      fixes: [{ title: `Add the missing volume${missing.length > 1 ? 's' : ''}`, edits: [edit], preferred: true }],
    });

    function checkVolume(o: MObject, want: (typeof AGENT_VOLUMES)[number]): void {
      const expectedCp = `/host${want.hostPath}`;
      const cp = asString(getProp(o, 'containerPath')?.value);
      if (cp && norm(cp.value as string) !== expectedCp) {
        report({
          start: cp.range.start,
          end: cp.range.end,
          message: `The agent looks for ${want.hostPath} at ${expectedCp} inside its container, not at ${JSON.stringify(cp.value)}.`,
          fixes: [{ title: `Mount it at ${expectedCp}`, edits: [{ start: cp.range.start, end: cp.range.end, newText: JSON.stringify(expectedCp) }], preferred: true }],
        });
      }
      const modeP = getProp(o, 'mode');
      const mode = asString(modeP?.value);
      if (mode && mode.value === want.mode) return;
      const consequence =
        want.mode === 'RW'
          ? `the agent needs ${want.hostPath} read-write ${want.why}`
          : `the agent only reads ${want.hostPath}; mount it read-only as the guide does`;
      let fixes: Fix[];
      let r;
      if (modeP && modeP.value) {
        r = modeP.value.range;
        fixes = [{ title: `Set "mode": "${want.mode}"`, edits: [{ start: r.start, end: r.end, newText: JSON.stringify(want.mode) }], preferred: true }];
      } else {
        r = getProp(o, 'hostPath')!.value!.range;
        fixes = [{ title: `Add "mode": "${want.mode}"`, edits: [insertMember(doc, o, 'mode', want.mode)], preferred: true }];
      }
      // Marathon reads "mode" as Mesos's Volume.Mode enum, case-sensitive: anything but RO or RW is refused (see docs).
      const refused = !!mode && !MARATHON_MODES.includes(mode.value as string);
      report({
        start: r.start,
        end: r.end,
        severity: refused ? 'error' : undefined,
        message: refused
          ? `Marathon refuses volume mode ${JSON.stringify(mode!.value)} (it accepts only "RO" and "RW"); ${consequence}. Use "mode": "${want.mode}".`
          : mode
          ? `Volume ${want.hostPath} is mounted ${JSON.stringify(mode.value)}: ${consequence}. Use "mode": "${want.mode}".`
          : `Volume ${want.hostPath} has no "mode": ${consequence}. Add "mode": "${want.mode}".`,
        fixes,
      });
    }
  },
};
