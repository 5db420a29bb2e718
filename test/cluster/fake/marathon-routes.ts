import type { IncomingMessage } from 'node:http';
import { atLeast, type MarathonProfile } from './marathon-profile';
import { canonical, type Reply } from './marathon-validation';
import type { AppStore } from './marathon-apps';

/**
 * The leader's REST routes: path and method → an answer from the store. The caller (marathon.ts) has done
 * auth and leader proxying and writes the reply with the leader and no-cache headers.
 * `AR`/`DR`: src/main/scala/mesosphere/marathon/api/v2/AppsResource.scala / DeploymentsResource.scala at the tag named.
 */

/**
 * JAX-RS reads `@QueryParam("force") force: Boolean` with Boolean.valueOf, which ignores case: "true", "True" and
 * "TRUE" are true, anything else false (v1.4.13 AR:196, DR:39; master AR:276).
 */
export function booleanParam(u: URL, name: string, dflt: boolean): boolean {
  const v = u.searchParams.get(name);
  return v === null ? dflt : v.toLowerCase() === 'true';
}

/** `embed` may repeat and each may list several, comma-separated. */
function embeds(u: URL): string[] {
  return u.searchParams.getAll('embed').flatMap((e) => e.split(','));
}

/**
 * GET /ping. ≤1.3 (and so the 0.15 profile): chaos PingServlet, `pong\n` as text/plain (chaos v0.8.7 PingServlet.scala:13-32).
 * From 1.4.4 the variant is negotiated: text/plain, text/html, application/json, text/* in that order; JSON gets
 * `"pong"`, text gets `pong`, nothing acceptable gets 204 (v1.4.13:src/main/scala/mesosphere/marathon/api/SystemResource.scala:43-72,
 * v1.7.236 same file :60-86).
 */
export function ping(profile: MarathonProfile, accept: string | undefined): Reply & { text?: string } {
  if (profile === '0.15') return { status: 200, text: 'pong\n', headers: { 'content-type': 'text/plain;charset=iso-8859-1' } };
  const variants = ['text/plain', 'text/html', 'application/json', 'text/*'];
  const ranges = (accept && accept.trim() ? accept : '*/*').split(',').map((r) => {
    const [type, ...params] = r.trim().split(';');
    const q = params.map((p) => /^\s*q=([\d.]+)/.exec(p)?.[1]).find(Boolean);
    return { type: type.trim().toLowerCase(), q: q === undefined ? 1 : Number(q) };
  });
  const compatible = (a: string, b: string) => {
    const [at, as] = a.split('/');
    const [bt, bs] = b.split('/');
    return (at === '*' || bt === '*' || at === bt) && (as === '*' || bs === '*' || as === bs);
  };
  let best: { v: string; q: number } | undefined;
  for (const v of variants) {
    const q = Math.max(-1, ...ranges.filter((r) => compatible(r.type, v)).map((r) => r.q));
    if (q > 0 && (!best || q > best.q)) best = { v, q };
  }
  if (!best) return { status: 204 };
  if (best.v === 'application/json') return { status: 200, text: '"pong"', headers: { 'content-type': 'application/json' } };
  return { status: 200, text: 'pong', headers: { 'content-type': best.v === 'text/*' ? 'text/plain' : best.v } };
}

/**
 * A path no resource has: Jersey 1's NotFoundException → 404 "URI not found: <path>" up to 1.5
 * (v1.4.13:src/main/scala/mesosphere/marathon/api/MarathonExceptionMapper.scala:64-65); Jersey 2 from 1.6 → 500
 * "URI not found" (v1.6.590 MarathonExceptionMapper.scala:74-77, master :75-76).
 */
export function unknownRoute(profile: MarathonProfile, rawPath: string): Reply {
  return atLeast(profile, '1.6') ? { status: 500, body: { message: 'URI not found' } } : { status: 404, body: { message: `URI not found: ${rawPath}` } };
}

/** The store's answer for a request with its body read (undefined: not a route of the store). */
export function storeRoute(store: AppStore, req: IncomingMessage, u: URL, raw: string, hostHeader: string): Reply | undefined {
  const path = u.pathname;
  const method = req.method ?? 'GET';
  const force = booleanParam(u, 'force', false);
  const ct = req.headers['content-type'];
  if (path === '/v2/apps' || path === '/v2/apps/') {
    if (method === 'GET') return store.listApps(embeds(u));
    if (method === 'POST') return store.create(ct, raw, hostHeader, force);
  }
  const m = /^\/v2\/apps(\/.+?)\/?$/.exec(path);
  if (m) {
    const id = canonical(decodeURIComponent(m[1]));
    if (method === 'GET') return store.getApp(id);
    if (method === 'PUT') return store.update(id, ct, raw, force, hostHeader, booleanParam(u, 'partialUpdate', true));
    // DELETE /v2/apps/{id}: force defaults to true (v1.4.13 AR:240 @DefaultValue("true"))
    if (method === 'DELETE') return store.deleteApp(id, booleanParam(u, 'force', true));
  }
  if (path === '/v2/deployments' && method === 'GET') return store.listDeployments();
  const dm = /^\/v2\/deployments\/([^/]+)$/.exec(path);
  if (dm && method === 'DELETE') return store.deleteDeployment(decodeURIComponent(dm[1]), force);
  if (path === '/v2/queue' && method === 'GET') return store.queue(embeds(u));
  return undefined;
}
