import { ClusterError, bodyReason, showUrl } from '../errors';
import { join, parseJson, request, statusError, type HttpResponse } from '../http';
import type { MarathonTarget, RejectionDetail } from './types';

/**
 * The Marathon calls of a deploy, over the shared undici client (same timeouts, size cap, credential
 * handling). Writes never follow redirects: Marathon does not redirect its API (standbys proxy), so a
 * redirect means a proxy in front, and re-sending a body or credentials there is not ours to decide.
 */

export type DeployErrorKind =
  /** POST: 409, the id exists (someone created it since the plan) */
  | 'exists'
  /** PUT: 409, deployments hold the app's lock; `deployments` names them; `?force=true` cancels them */
  | 'locked'
  /** 400/422: Marathon rejected the definition; `details` say where */
  | 'rejected'
  /** 415: no or wrong Content-Type */
  | 'media-type'
  /** DELETE /v2/deployments/{id}: 404, it is already gone */
  | 'no-deployment'
  /** 403 limit of running deployments (1.6+), or another answer we cannot use */
  | 'refused';

export class DeployError extends Error {
  override readonly name = 'DeployError';
  constructor(
    readonly kind: DeployErrorKind,
    message: string,
    readonly info: { status?: number; url?: string; deployments?: string[]; details?: RejectionDetail[]; marathonMessage?: string } = {},
  ) {
    super(message.replace(/(?<!\s)\s*[\r\n]\s*/g, ' ').trim());
  }
}

const CREDS_HINT = 'user:password@ in the Marathon URI, or marathon_user/marathon_password';

export function appPath(appId: string): string {
  return appId
    .split('/')
    .map((s) => encodeURIComponent(s))
    .join('/');
}

/**
 * Every deploy request goes through here, and each one names its AbortSignal (a required parameter, even
 * when undefined, so that no call site forgets it): cancel aborts the exchange in flight, and once
 * cancelled nothing more is sent — Ctrl-C or the editor's Cancel before the write means no write.
 */
export async function call(target: MarathonTarget, method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, signal: AbortSignal | undefined, body?: string): Promise<HttpResponse> {
  return request(join(target.base, path), {
    method,
    signal,
    body,
    contentType: body !== undefined ? 'application/json' : undefined,
    credentials: target.credentials,
    timeoutMs: target.timeoutMs,
    connectTimeoutMs: target.connectTimeoutMs,
    insecure: target.insecure,
    leaderRedirects: false,
    followRedirects: method === 'GET',
  });
}

/** 2xx JSON body, or the one-line error for anything else (401, no leader, HTML, …). */
export function okJson<T>(res: HttpResponse, credentialsHint = CREDS_HINT): T {
  if (res.status < 200 || res.status > 299) throw statusError(res, 'Marathon', credentialsHint);
  return parseJson<T>(res, 'Marathon');
}

export function marathonStatusError(res: HttpResponse, credentialsHint = CREDS_HINT): ClusterError {
  return statusError(res, 'Marathon', credentialsHint);
}

/**
 * `details` in every shape Marathon has used (mesos-marathon-api.md §1.2): 1.0+ `[{path, errors[]}]`
 * (400 ≤1.4, 422 1.5+), 0.15 `[{attribute, error}]`, 0.7–0.14 top-level `errors: [{attribute, error}]`.
 * A string `details` (Jackson's parse error) is not a list of places: it stays in the message.
 */
export function normaliseDetails(body: unknown): RejectionDetail[] {
  if (!body || typeof body !== 'object') return [];
  const b = body as { details?: unknown; errors?: unknown };
  const list = Array.isArray(b.details) ? b.details : Array.isArray(b.errors) ? b.errors : [];
  const out: RejectionDetail[] = [];
  for (const d of list) {
    if (!d || typeof d !== 'object') continue;
    const e = d as { path?: unknown; errors?: unknown; attribute?: unknown; error?: unknown };
    const path = typeof e.path === 'string' ? e.path : typeof e.attribute === 'string' ? e.attribute : '/';
    const errors = Array.isArray(e.errors) ? e.errors.map(String) : typeof e.error === 'string' ? [e.error] : typeof e.errors === 'string' ? [e.errors] : [];
    out.push({ path, errors });
  }
  return out;
}

/** The typed reading of a failed POST/PUT. */
export function writeError(res: HttpResponse, appId: string): Error {
  const where = showUrl(res.url);
  let j: { message?: unknown; details?: unknown; deployments?: unknown } | undefined;
  try {
    j = JSON.parse(res.body);
  } catch {
    j = undefined;
  }
  const message = typeof j?.message === 'string' ? j.message : bodyReason(res.body, res.headers['content-type']);
  const info = { status: res.status, url: where, marathonMessage: message };
  if (res.status === 409) {
    const deployments = Array.isArray(j?.deployments) ? (j!.deployments as { id?: unknown }[]).map((d) => String(d?.id ?? '')).filter(Boolean) : [];
    if (deployments.length > 0 || /locked/i.test(message)) {
      return new DeployError(
        'locked',
        `${where}: 409 ${appId} is locked by deployment ${deployments.join(', ') || '(unnamed)'}: a deployment of this app is still running (often one that never finishes). Forcing cancels it and applies this one at once — tasks it was starting or stopping are left as they are`,
        { ...info, deployments },
      );
    }
    return new DeployError('exists', `${where}: 409 ${message || `an app with id ${appId} already exists`}: it was created since the plan was made — plan again to see the difference and update it`, info);
  }
  if (res.status === 400 || res.status === 422) {
    const details = normaliseDetails(j);
    const list = details.map((d) => `${d.path}: ${d.errors.join('; ')}`).join(' | ');
    // cut marked `…`, so that the start of a secret the cut leaves behind is masked too (secrets.ts)
    const first = typeof j?.details === 'string' ? j.details.split('\n')[0] : undefined;
    const extra = first !== undefined ? ` (${first.length > 200 ? `${first.slice(0, 200)}…` : first})` : '';
    return new DeployError('rejected', `${where}: ${res.status} Marathon rejected the app: ${message || 'invalid'}${list ? ` — ${list}` : extra}`, { ...info, details });
  }
  if (res.status === 415) {
    return new DeployError('media-type', `${where}: 415 ${message || 'Unsupported Media Type'}: Marathon needs Content-Type: application/json (a proxy in front may drop it)`, info);
  }
  if (res.status === 403 && /max number/i.test(message)) {
    return new DeployError('refused', `${where}: 403 ${message}: wait for running deployments to finish, or raise --max_running_deployments`, info);
  }
  if (res.status >= 300 && res.status < 400) {
    return new DeployError('refused', `${where}: ${res.status} redirected to ${showUrl(res.headers.location ?? '?')}: writes are not re-sent to another address — use that address as the Marathon URI`, info);
  }
  return marathonStatusError(res);
}
