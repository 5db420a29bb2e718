import { request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { corpusJson, jettyPage, listen, readBody, type Listening } from './common';
import { AppStore, type DeployKnobs, type SeededApp } from './marathon-apps';
import { atLeast, INFO, leaderRefusedStatus, noLeaderStatus, realm, type MarathonProfile } from './marathon-profile';
import { ping, storeRoute, unknownRoute } from './marathon-routes';
import type { Reply } from './marathon-validation';
import { Holds, type HoldRule } from './hold';

export type { MarathonProfile } from './marathon-profile';

/**
 * A fake Marathon built from Marathon's source (../shared/docs/marathon-source-audit.md cites each behaviour),
 * its payloads from the official REST doc examples in corpus/marathon-api/.
 *
 * Profiles: `0.15`, `1.4`, `1.5`, `1.6`, `1.7` (1.7 and later; marathon-profile.ts). Roles: `leader`; `standby`
 * (forwards every path to `leaderUrl`, copying method, body and headers except Host/Connection, adding
 * `X-Marathon-Via`, and returning the leader's answer unchanged); `no-leader` (after the LeaderProxyFilter's wait,
 * Jetty HTML 503, 502 from 1.7); `leader-unreachable` (Jetty HTML "Connection to leader refused.", 503 in 1.4,
 * 502 otherwise). This file: the server, auth and roles; routes in marathon-routes.ts, the store in marathon-apps.ts.
 */
export interface FakeMarathonOptions {
  profile: MarathonProfile;
  role: 'leader' | 'standby' | 'no-leader' | 'leader-unreachable';
  /** standby: the leader fake's URL */
  leaderUrl?: string;
  /** `--http_credentials user:password`: every path, /ping included */
  auth?: { user: string; password: string };
  /** the frameworkId /v2/info reports (default: the example's); read at each request */
  frameworkId?: string;
  /** apps deployed before the test: id → instances, the hosts of its running tasks, optionally its definition */
  apps?: Record<string, SeededApp>;
  /** deployment engine knobs: clock, agents, stuck apps, the post-POST race (see marathon-apps.ts) */
  deploy?: DeployKnobs;
  /**
   * How long a Marathon without a leader waits before its 503/502: the LeaderProxyFilter retries 10 × 250 ms
   * (v1.4.13:src/main/scala/mesosphere/marathon/api/LeaderProxyFilter.scala:99-107). Default 2500, as Marathon;
   * tests that do not measure it pass a shorter one.
   */
  noLeaderWaitMs?: number;
  /** requests held open unanswered until the test releases them (a slow or hung leader; see hold.ts) */
  hold?: HoldRule[];
}

const NO_CACHE = { 'cache-control': 'no-cache, no-store, must-revalidate', pragma: 'no-cache', expires: '0' };

export interface FakeMarathon extends Listening {
  options: FakeMarathonOptions;
  /** apps and deployments (leader role); `store.advance()` moves deployments one tick */
  store: AppStore;
  /** the requests held by `options.hold`: `holds.arrived()` tells the test one came */
  holds: Holds;
}

/**
 * Jetty's BasicAuthenticator decodes the header as ISO-8859-1 and splits it at the first ':'; Marathon splits the
 * `--http_credentials` flag with the greedy `(.+):(.+)`, i.e. at the last ':' (master src/main/scala/mesosphere/marathon/api/HttpModule.scala:169).
 * So a password with ':' can never be sent as configured, and a non-ASCII one only as ISO-8859-1 bytes.
 */
function authorized(req: IncomingMessage, auth: { user: string; password: string }): boolean {
  const m = /^Basic\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  if (!m) return false;
  const sent = Buffer.from(m[1], 'base64').toString('latin1');
  const i = sent.indexOf(':');
  if (i < 0) return false;
  const flag = `${auth.user}:${auth.password}`;
  const j = flag.lastIndexOf(':');
  return sent.slice(0, i) === flag.slice(0, j) && sent.slice(i + 1) === flag.slice(j + 1);
}

export async function startFakeMarathon(options: FakeMarathonOptions): Promise<FakeMarathon> {
  const info = corpusJson(INFO[options.profile].file); // read before listening: a missing corpus leaves no server open
  if (INFO[options.profile].version) info.version = INFO[options.profile].version;
  const store = new AppStore(options.profile, options.deploy, options.apps);
  const fake = (await listen((req, res, self) => handle(req, res, self as FakeMarathon))) as FakeMarathon;
  fake.options = options;
  fake.store = store;
  fake.holds = new Holds(options.hold);
  const hostPort = `127.0.0.1:${fake.port}`;
  info.leader = hostPort;
  info.elected = true;
  if (info.marathon_config) info.marathon_config.hostname = '127.0.0.1';
  if (info.http_config) info.http_config.http_port = fake.port;

  function handle(req: IncomingMessage, res: ServerResponse, self: FakeMarathon): void {
    const u = new URL(req.url ?? '/', 'http://x');
    const path = u.pathname;
    const html = (status: number, reason: string, extra: Record<string, string> = {}) => {
      const body = jettyPage(status, reason, path);
      res.writeHead(status, { 'content-type': 'text/html;charset=ISO-8859-1', 'content-length': String(Buffer.byteLength(body)), ...extra });
      res.end(body);
    };
    // Jetty's constraint covers /* (/ping included): chaos v0.8.7 HttpModule.scala:190, master api/HttpModule.scala:191
    if (options.auth && !authorized(req, options.auth)) return html(401, 'Unauthorized', { 'www-authenticate': `basic realm="${realm(options.profile)}"` });
    if (options.role === 'no-leader') {
      const t = setTimeout(() => html(noLeaderStatus(options.profile), 'Could not determine the current leader'), options.noLeaderWaitMs ?? 2500);
      res.on('close', () => clearTimeout(t));
      return;
    }
    if (options.role === 'leader-unreachable') return html(leaderRefusedStatus(options.profile), 'Connection to leader refused.');
    if (options.role === 'standby') return proxy(req, res, self);
    // a leader that holds the request open (see hold.ts), answering only when the test releases it
    if (self.holds.take(req, res, () => handle(req, res, self))) return;
    // 1.7+ leaders add two security headers (v1.7.236:src/main/scala/mesosphere/marathon/api/LeaderProxyFilter.scala:89-91, :136-139)
    const security: Record<string, string> = atLeast(options.profile, '1.7') ? { 'x-frame-options': 'DENY', 'x-xss-protection': '1; mode=block' } : {};
    const leaderHeaders = { 'x-marathon-leader': `http://${hostPort}`, ...security, ...NO_CACHE };
    const send = (r: Reply & { text?: string }) => {
      const body = r.text ?? (r.body === undefined ? undefined : JSON.stringify(r.body));
      const headers: Record<string, string> = { ...leaderHeaders, ...(body !== undefined && r.text === undefined ? { 'content-type': 'application/json' } : {}), ...r.headers };
      if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
      res.writeHead(r.status, headers);
      res.end(body);
    };
    if (path === '/ping' && req.method === 'GET') return send(ping(options.profile, req.headers.accept));
    if (path === '/v2/info' && req.method === 'GET') return send({ status: 200, body: options.frameworkId ? { ...info, frameworkId: options.frameworkId } : info });
    // 200 {"leader": "host:port"} (v1.4.13:src/main/scala/mesosphere/marathon/api/v2/LeaderResource.scala:22-32)
    if (path === '/v2/leader' && req.method === 'GET') return send({ status: 200, body: { leader: hostPort } });
    readBody(req).then(
      (raw) => send(storeRoute(store, req, u, raw, req.headers.host ?? hostPort) ?? unknownRoute(options.profile, path)),
      () => res.destroy(),
    );
  }

  /**
   * A standby forwards to the leader (v1.4.13:src/main/scala/mesosphere/marathon/api/LeaderProxyFilter.scala:186-254):
   * request headers copied except Host and Connection, X-Marathon-Via and X-Forwarded-For added; a request that already
   * passed through this instance is a loop, 502 (:159-161, :272-274).
   */
  function proxy(req: IncomingMessage, res: ServerResponse, self: FakeMarathon): void {
    const via = `1.1 127.0.0.1:${self.port}`;
    if (String(req.headers['x-marathon-via'] ?? '').split(',').some((v) => v.trim() === via)) {
      const body = jettyPage(502, 'Detected proxying loop.', req.url ?? '/');
      res.writeHead(502, { 'content-type': 'text/html;charset=ISO-8859-1' });
      return void res.end(body);
    }
    const target = new URL(req.url ?? '/', options.leaderUrl);
    const headers = { ...req.headers };
    delete headers.host;
    delete headers.connection;
    headers['x-marathon-via'] = [req.headers['x-marathon-via'], via].filter(Boolean).join(', ');
    headers['x-forwarded-for'] = [req.headers['x-forwarded-for'], req.socket.remoteAddress].filter(Boolean).join(',');
    const out = httpRequest(target, { method: req.method, headers }, (up) => {
      const h = { ...up.headers, 'x-marathon-via': via };
      res.writeHead(up.statusCode ?? 502, h);
      up.pipe(res);
    });
    out.on('error', () => {
      const body = jettyPage(502, 'Connection to leader refused.', req.url ?? '/');
      res.writeHead(502, { 'content-type': 'text/html;charset=ISO-8859-1' });
      res.end(body);
    });
    req.pipe(out);
  }
  return fake;
}
