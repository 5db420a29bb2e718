import { createLanguageService } from '../../service/index';
import { getProps, resolve, type ParsedDocument } from '../../service/documents/model';
import { collectUris } from '../../service/dragent/uris';
import { parseClusterUri, type Credentials } from '../http';
import { Secrets } from '../../service/secrets';
import { marathonTarget } from './plan';
import type { MarathonTarget, MesosTarget } from './types';

export const DEFAULT_MARATHON = 'http://localhost:8080';

function scalarText(doc: ParsedDocument, key: string): string | undefined {
  const n = resolve(getProps(doc.root, key)[0]?.value ?? null);
  return n && n.type === 'scalar' && n.value !== null ? n.text : undefined;
}

/**
 * The Marathon a deploy goes to: `given` (the CLI's --marathon, the editor's setting), else the first
 * `marathon_uris` item of the dragent.yaml text, else the guide's default. As the agent does,
 * marathon_user/marathon_password replace the config URI's credentials; a given URI's own win.
 * Throws ClusterError 'bad-uri' for a URI that cannot be used. `secrets`: every password met on the way
 * (the given and the config's URI, marathon_password), for the masking of all that is shown.
 */
export function configTarget(
  configText: string | undefined,
  given: string | undefined,
  opts: { timeoutMs?: number; insecure?: boolean } = {},
): { target: MarathonTarget; source: 'given' | 'config' | 'default'; secrets: Secrets } {
  const secrets = new Secrets();
  let raw = DEFAULT_MARATHON;
  let source: 'given' | 'config' | 'default' = 'default';
  let keyCreds: Credentials | undefined;
  if (configText !== undefined) {
    const doc = createLanguageService().parse(configText, 'dragent');
    const first = collectUris(doc).entries.find((e) => e.key === 'marathon_uris');
    if (first) {
      raw = first.scalar.text.trim();
      source = 'config';
    }
    const user = scalarText(doc, 'marathon_user');
    if (user) keyCreds = { user, password: scalarText(doc, 'marathon_password') ?? '' };
    secrets.addUri(raw).add(scalarText(doc, 'marathon_password'));
  }
  if (given !== undefined && given !== '') {
    raw = given;
    source = 'given';
  }
  secrets.addUri(raw);
  let t: MarathonTarget;
  try {
    t = marathonTarget(raw, opts);
  } catch (e) {
    if (e instanceof Error) e.message = secrets.maskText(e.message);
    throw e;
  }
  const target = source === 'given' && t.credentials ? t : { ...t, credentials: keyCreds ?? t.credentials };
  secrets.addCredentials(t.credentials).addCredentials(target.credentials);
  return { target, source, secrets };
}

/**
 * The Mesos master the deploy plan asks about free resources: `given` (the CLI's --mesos, the editor's setting), else
 * the config's `mesos_state_uri` with mesos_user/mesos_password as the agent uses them (a given URI's own credentials
 * win). Undefined when neither is there: the prediction then says it could not be made. An unusable URI is the same
 * (its reason in `problem`), never a failure of the deploy. Every password met goes into `secrets`.
 */
export function mesosTargetOf(
  configText: string | undefined,
  given: string | undefined,
  secrets: Secrets,
  opts: { timeoutMs?: number; insecure?: boolean } = {},
): { mesos?: MesosTarget; problem?: string } {
  let raw: string | undefined;
  let keyCreds: Credentials | undefined;
  if (configText !== undefined) {
    const doc = createLanguageService().parse(configText, 'dragent');
    const m = collectUris(doc).entries.find((e) => e.key === 'mesos_state_uri');
    if (m) raw = m.scalar.text.trim();
    const user = scalarText(doc, 'mesos_user');
    if (user) keyCreds = { user, password: scalarText(doc, 'mesos_password') ?? '' };
    secrets.addUri(raw).add(scalarText(doc, 'mesos_password'));
  }
  const fromFlag = given !== undefined && given !== '';
  if (fromFlag) raw = given;
  if (raw === undefined) return {};
  secrets.addUri(raw);
  try {
    const u = parseClusterUri(raw, false);
    const credentials = fromFlag && u.credentials ? u.credentials : (keyCreds ?? u.credentials);
    secrets.addCredentials(u.credentials).addCredentials(credentials);
    return { mesos: { base: u.base, credentials, shown: u.shown, timeoutMs: opts.timeoutMs, insecure: opts.insecure } };
  } catch (e) {
    return { problem: secrets.maskText((e as Error).message) };
  }
}
