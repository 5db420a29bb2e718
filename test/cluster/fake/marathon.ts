import { request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { basicCredentials, corpusJson, jettyPage, listen, readBody, type Listening } from './common';
import { AppStore, canonical, type DeployKnobs, type Reply, type SeededApp } from './marathon-apps';
import { Holds, type HoldRule } from './hold';

/**
 * A fake Marathon following mesos-marathon-api.md §1 and §4 ("Fake Marathon"), its answers built from
 * the official REST doc examples in corpus/marathon-api/.
 *
 * Profiles: `0.15`, `1.4`, `1.5` (`/v2/info` from the example of that version; no leader → 503) and
 * `1.7` (as 1.5, but no leader → 502). Roles: `leader`; `standby` (forwards every path to `leaderUrl`,
 * copying method, body and headers except Host/Connection, adding `X-Marathon-Via`, and returning the
 * leader's answer unchanged); `no-leader` (Jetty HTML 503, 502 from 1.7); `leader-unreachable`
 * (Jetty HTML "Connection to leader refused.", 502 in 0.15/1.5+, 503 in 1.4).
 */
export type MarathonProfile = '0.15' | '1.4' | '1.5' | '1.7';

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
  /** deployment engine knobs: clock, stuck apps, the post-POST race (see marathon-apps.ts) */
  deploy?: DeployKnobs;
  /** requests held open unanswered until the test releases them (a slow or hung leader; see hold.ts) */
  hold?: HoldRule[];
}

const INFO_FILE: Record<MarathonProfile, string> = {
  '0.15': 'marathon-api/examples-v0.15.7/info.json',
  '1.4': 'marathon-api/examples-v1.4.13/info.json',
  '1.5': 'marathon-api/examples-master-90619da70/info.json',
  '1.7': 'marathon-api/examples-master-90619da70/info.json',
};

const NO_CACHE = { 'cache-control': 'no-cache, no-store, must-revalidate', pragma: 'no-cache', expires: '0' };

export interface FakeMarathon extends Listening {
  options: FakeMarathonOptions;
  /** apps and deployments (leader role); `store.advance()` moves deployments one tick */
  store: AppStore;
  /** the requests held by `options.hold`: `holds.arrived()` tells the test one came */
  holds: Holds;
}

export async function startFakeMarathon(options: FakeMarathonOptions): Promise<FakeMarathon> {
  const info = corpusJson(INFO_FILE[options.profile]); // read before listening: a missing corpus leaves no server open
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
    if (options.auth) {
      const c = basicCredentials(req);
      // Jetty's BasicAuthenticator splits at the first ':'.
      const i = c?.indexOf(':') ?? -1;
      if (!c || i < 0 || c.slice(0, i) !== options.auth.user || c.slice(i + 1) !== options.auth.password) {
        return html(401, 'Unauthorized', { 'www-authenticate': 'basic realm="Mesosphere"' });
      }
    }
    if (options.role === 'no-leader') return html(options.profile === '1.7' ? 502 : 503, 'Could not determine the current leader');
    if (options.role === 'leader-unreachable') return html(options.profile === '1.4' ? 503 : 502, 'Connection to leader refused.');
    if (options.role === 'standby') return proxy(req, res, self);
    if (self.holds.take(req, res, () => handle(req, res, self))) return;
    const json = (status: number, obj: unknown) => {
      const body = JSON.stringify(obj);
      res.writeHead(status, {
        'content-type': 'application/json',
        'content-length': String(Buffer.byteLength(body)),
        'x-marathon-leader': `http://${hostPort}`,
        ...NO_CACHE,
      });
      res.end(body);
    };
    if (path === '/ping') {
      res.writeHead(200, { 'content-type': 'text/plain;charset=iso-8859-1', 'x-marathon-leader': `http://${hostPort}`, ...NO_CACHE });
      res.end('pong\n');
      return;
    }
    if (path === '/v2/info') return json(200, options.frameworkId ? { ...info, frameworkId: options.frameworkId } : info);
    if (path === '/v2/leader') return json(200, { leader: hostPort });
    const force = u.searchParams.get('force') === 'true';
    const send = (r: Reply) => {
      if (r.body === undefined) {
        res.writeHead(r.status, { 'x-marathon-leader': `http://${hostPort}`, ...NO_CACHE, ...r.headers });
        res.end();
        return;
      }
      const body = JSON.stringify(r.body);
      res.writeHead(r.status, {
        'content-type': 'application/json',
        'content-length': String(Buffer.byteLength(body)),
        'x-marathon-leader': `http://${hostPort}`,
        ...NO_CACHE,
        ...r.headers,
      });
      res.end(body);
    };
    const withBody = (f: (raw: string) => Reply) => {
      readBody(req).then(
        (raw) => send(f(raw)),
        () => res.destroy(),
      );
    };
    if (path === '/v2/apps' && req.method === 'POST') return withBody((raw) => store.create(req.headers['content-type'], raw, req.headers.host ?? hostPort, force));
    const m = /^\/v2\/apps(\/.+?)\/?$/.exec(path);
    if (m && req.method === 'GET') return send(store.getApp(canonical(decodeURIComponent(m[1]))));
    if (m && req.method === 'PUT') return withBody((raw) => store.update(canonical(decodeURIComponent(m[1])), req.headers['content-type'], raw, force));
    if (path === '/v2/deployments' && req.method === 'GET') return send(store.listDeployments());
    const dm = /^\/v2\/deployments\/([^/]+)$/.exec(path);
    if (dm && req.method === 'DELETE') return send(store.deleteDeployment(decodeURIComponent(dm[1]), force));
    if (path === '/v2/queue' && req.method === 'GET') return send(store.queue());
    return json(404, { message: `Resource not found` });
  }

  function proxy(req: IncomingMessage, res: ServerResponse, self: FakeMarathon): void {
    const target = new URL(req.url ?? '/', options.leaderUrl);
    const headers = { ...req.headers };
    delete headers.host;
    delete headers.connection;
    const out = httpRequest(target, { method: req.method, headers }, (up) => {
      const h = { ...up.headers, 'x-marathon-via': `1.1 127.0.0.1:${self.port}` };
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
