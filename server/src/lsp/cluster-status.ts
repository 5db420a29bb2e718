// The "Sysdig on Mesos" view, server side (issue 13 §1): `sysdig-mesos status`'s fetch and model (cluster/status.ts,
// cluster/coverage.ts) for the cluster the workspace names, and the view's one write, "Scale to the number of agents".
// The cluster is found as Check and Deploy find it: the dragent.yaml's mesos_state_uri and marathon_uris with their
// credentials, the deploy.marathonUri setting, the Marathon credentials from VS Code's SecretStorage. Loaded with the
// other cluster requests (dist/cluster-lazy.js). Every text leaving here is masked.
import { runStatus, StatusUsageError } from '../cluster/status';
import { ClusterError } from '../cluster/errors';
import { configTarget } from '../cluster/deploy/config-target';
import { marathonApp, marathonScale, canonicalAppId } from '../cluster/marathon';
import { collectUris } from '../service/dragent/uris';
import { createLanguageService } from '../service/index';
import { Secrets } from '../service/secrets';
import { safeText } from '../service/safe-text';
import { maskUserInfo } from '../service/agent-uri';
import { RequestFailure } from './expected-failure';
import { namedTarget } from './named-target';
import type { ClusterScaleParams, ClusterScaleResult, ClusterStatusParams, ClusterStatusResult, ClusterTargetParams } from './constants';

const service = createLanguageService();

const SET_CREDENTIALS = 'the command "Sysdig Mesos: Set Marathon Credentials"';
/** where an editor user sets what a 401 refused */
const HINTS = {
  mesos: 'mesos_user/mesos_password, or user:password@ in mesos_state_uri, in dragent.yaml',
  marathon: (source: 'given' | 'config' | 'default') =>
    source === 'given' ? `user:password@ in the sysdig-mesos.deploy.marathonUri setting, or ${SET_CREDENTIALS}` : source === 'config' ? `marathon_user/marathon_password or user:password@ in marathon_uris in dragent.yaml, or ${SET_CREDENTIALS}` : SET_CREDENTIALS,
};

/** A document's name as a message shows it (its URI is for the editor, not for reading). */
function fileName(uri: string): string {
  // cut at the query or fragment by index: a regex `[?#].*$` is quadratic on a run of `#` (test/security/regex-audit)
  const cut = [uri.indexOf('?'), uri.indexOf('#')].filter((i) => i >= 0);
  const last = (cut.length ? uri.slice(0, Math.min(...cut)) : uri).split('/').pop() ?? uri;
  try {
    return decodeURIComponent(last) || uri;
  } catch {
    return last || uri;
  }
}

const stored = (p: ClusterTargetParams) => (p.credentials && typeof p.credentials.user === 'string' && p.credentials.user !== '' ? { user: p.credentials.user, password: String(p.credentials.password ?? '') } : undefined);

/** Whether anything names a cluster: the config's URIs, or a URI given by the settings. */
function configured(p: ClusterTargetParams): boolean {
  if (p.mesos || p.marathon) return true;
  if (!p.config) return false;
  const uris = collectUris(service.parse(p.config.text, 'dragent'));
  return uris.entries.some((e) => e.key === 'mesos_state_uri' || e.key === 'marathon_uris');
}

/** The failure's kind, by the cluster client's error kinds; which service, by the path asked (Mesos /master/…, Marathon /v2/…). */
function failure(e: unknown, appFile: string | undefined): Extract<ClusterStatusResult, { kind: 'failed' }> | undefined {
  if (e instanceof StatusUsageError) {
    // status.ts names the app file first when it is the app's id that is missing; any other value is dragent.yaml's
    const file = appFile !== undefined && e.message.startsWith(`${appFile}:`) ? 'app' : 'config';
    // the editor's words, not the CLI's: the file's problems are in the Problems panel already
    const message = e.message.replace(/: run sysdig-mesos lint \S+$/, ': its problems are in the Problems panel');
    return { kind: 'failed', service: null, reason: 'usage', message: shown(message), file };
  }
  if (!(e instanceof ClusterError) || e.kind === 'cancelled') return undefined;
  const url = e.details.url ?? '';
  const path = /^[a-z]+:\/\/[^/]+(\/[^?#]*)?/i.exec(url)?.[1] ?? '';
  const service = /\/master\/|\/state(\.json)?$/.test(path) ? 'mesos' : /\/v2\//.test(path) ? 'marathon' : null;
  const reason = e.kind === 'unauthorized' || e.kind === 'forbidden' ? 'unauthorized' : ['refused', 'dns', 'timeout', 'tls', 'tls-certificate', 'reset'].includes(e.kind) ? 'unreachable' : e.kind === 'bad-uri' ? 'usage' : 'answer';
  return { kind: 'failed', service, reason, message: shown(e.message), ...(e.kind === 'bad-uri' ? { file: 'config' as const } : {}) };
}

/** masked, and control characters escaped: the view shows what Mesos and Marathon answered */
const shown = (s: string) => safeText(maskUserInfo(s));

export async function clusterStatus(params: ClusterStatusParams, signal?: AbortSignal): Promise<ClusterStatusResult> {
  if (params.named) return namedStatus(params, signal);
  if (!configured(params)) {
    return {
      kind: 'unconfigured',
      message: params.config ? `${fileName(params.config.uri)} names no Mesos master (mesos_state_uri) and no Marathon (marathon_uris)` : 'no dragent.yaml in this workspace, and no Marathon in the settings',
    };
  }
  // which Marathon (and so which hint) before the fetch: the same reading as runStatus's
  let source: 'given' | 'config' | 'default' = 'default';
  try {
    source = configTarget(params.config?.text, params.marathon).source;
  } catch {
    // an unusable URI: runStatus says it as a usage error
  }
  try {
    const r = await runStatus({
      config: params.config ? { file: fileName(params.config.uri), text: params.config.text } : undefined,
      mesos: params.mesos || undefined,
      marathon: params.marathon || undefined,
      app: params.app ? { file: fileName(params.app.uri), text: params.app.text } : undefined,
      timeoutMs: params.timeoutMs,
      signal,
      marathonCredentials: stored(params),
      credentialsHints: { mesos: HINTS.mesos, marathon: HINTS.marathon(source) },
    });
    return {
      kind: 'status',
      mesos: { uri: shown(r.mesos.uri), leader: r.mesos.leader === null ? null : shown(r.mesos.leader), version: r.mesos.version },
      marathon: { uri: shown(r.marathon.uri), source: r.marathon.source === 'given' ? 'setting' : r.marathon.source },
      appFile: r.appFile,
      coverage: r.coverage,
    };
  } catch (e) {
    const f = failure(e, params.app ? fileName(params.app.uri) : undefined);
    if (f) return f;
    throw e;
  }
}

/** A named cluster's status: its own URIs and credentials; the dragent.yaml is not read (the app file is). */
async function namedStatus(params: ClusterStatusParams, signal?: AbortSignal): Promise<ClusterStatusResult> {
  const n = namedTarget(params.named!);
  try {
    const r = await runStatus({
      mesos: n.mesos,
      marathon: n.marathon,
      app: params.app ? { file: fileName(params.app.uri), text: params.app.text } : undefined,
      timeoutMs: params.timeoutMs,
      signal,
      credentialsHints: n.hints,
    });
    return {
      kind: 'status',
      mesos: { uri: shown(r.mesos.uri), leader: r.mesos.leader === null ? null : shown(r.mesos.leader), version: r.mesos.version },
      marathon: { uri: shown(r.marathon.uri), source: 'cluster' },
      appFile: r.appFile,
      coverage: r.coverage,
    };
  } catch (e) {
    const f = failure(e, params.app ? fileName(params.app.uri) : undefined);
    if (f) return f;
    throw e;
  }
}

export async function clusterScale(params: ClusterScaleParams, signal?: AbortSignal): Promise<ClusterScaleResult> {
  if (!Number.isInteger(params.instances) || params.instances < 0) throw new RequestFailure(`scale: instances must be a whole number ≥ 0, not ${String(params.instances)}`);
  const named = params.named ? namedTarget(params.named) : undefined;
  const { target: t, source, secrets } = named ? configTarget(undefined, named.marathon, { timeoutMs: params.timeoutMs }) : configTarget(params.config?.text, params.marathon || undefined, { timeoutMs: params.timeoutMs });
  const creds = named ? undefined : stored(params);
  const uriOwn = source === 'given' && /^[^/]*\/\/[^/@]*@/.test(params.marathon ?? '');
  const target = creds && !uriOwn ? { ...t, credentials: creds } : t;
  secrets.addCredentials(target.credentials).addCredentials(creds);
  const mask = (s: string) => safeText(secrets.maskText(maskUserInfo(s)));
  const opts = { timeoutMs: target.timeoutMs, connectTimeoutMs: target.connectTimeoutMs, insecure: target.insecure, signal, credentials: target.credentials, credentialsHint: named?.hints.marathon ?? HINTS.marathon(source) };
  const appId = canonicalAppId(params.appId);
  try {
    // read first: a PUT on an id Marathon does not know would create an app, and the view may be out of date
    const { app } = await marathonApp(target.base, appId, opts);
    if (!app) return { kind: 'refused', message: mask(`${appId} is not deployed on ${target.shown}: deploy it first`) };
    if (!app.hostnameUnique) return { kind: 'refused', message: mask(`${appId} has no ["hostname","UNIQUE"] constraint: more instances than nodes could run two agents on one node — add the constraint, then scale`) };
    if (app.instances !== params.from) return { kind: 'refused', message: mask(`${appId} has ${app.instances ?? '?'} instance(s) now, not ${params.from}: the view was out of date — refresh it and look again`) };
    const r = await marathonScale(target.base, appId, params.instances, opts);
    return { kind: 'scaled', deploymentId: safeText(r.deploymentId), version: safeText(r.version) };
  } catch (e) {
    if (e instanceof Error) e.message = mask(e.message);
    if (e instanceof Error && (e.name === 'DeployError' || (e instanceof ClusterError && e.kind !== 'cancelled'))) return { kind: 'refused', message: e.message };
    throw e;
  }
}
