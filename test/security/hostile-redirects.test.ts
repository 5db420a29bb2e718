import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { request } from '../../server/src/cluster/http';
import { runCheck, type CheckReport } from '../../server/src/cluster/check';
import { listen, basicCredentials, type Listening } from '../cluster/fake/common';

/**
 * Issue 10 §2: credentials go only where the user sent them. Every server here is a small hostile
 * `node:http` server on 127.0.0.1: it redirects with every 3xx code, in absolute and protocol-relative
 * form, to other ports and to `localhost` for `127.0.0.1`, names itself leader, or loops. What is
 * asserted is what each server received: an Authorization header reaches only the origin the user named
 * and a leader named by an origin that received the credentials and answered 2xx to them.
 */

const USER = 'admin';
const PASSWORD = 's3cret';
const CREDS = { user: USER, password: PASSWORD };
const HEADER = 'Basic ' + Buffer.from(`${USER}:${PASSWORD}`).toString('base64');

const closers: (() => Promise<void>)[] = [];
after(async () => {
  for (const c of closers) await c();
});
async function server(handler: (req: IncomingMessage, res: ServerResponse, self: Listening) => void): Promise<Listening> {
  const s = await listen(handler);
  closers.push(() => s.close());
  return s;
}

/** The requests `s` got with the credentials. */
function withCreds(s: Listening): string[] {
  return s.requests.filter((r) => r.headers.authorization !== undefined).map((r) => r.url);
}

function json(res: ServerResponse, body: unknown, status = 200): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** A Mesos 1.x master that demands the credentials on the state, as a real one with --authenticate_http_readonly. */
function honestMaster(self: () => Listening, frameworks: unknown[] = []) {
  return (req: IncomingMessage, res: ServerResponse) => {
    if (req.url === '/version') return json(res, { version: '1.2.0' });
    if (req.url === '/master/redirect') {
      res.writeHead(307, { location: `//127.0.0.1:${self().port}` });
      return res.end();
    }
    if (basicCredentials(req) !== `${USER}:${PASSWORD}`) {
      res.writeHead(401, { 'www-authenticate': 'Basic realm="mesos-master-readonly"' });
      return res.end();
    }
    json(res, state(self().port, self().port, frameworks));
  };
}

function state(selfPort: number, leaderPort: number, frameworks: unknown[] = []) {
  return {
    version: '1.2.0',
    hostname: '127.0.0.1',
    pid: `master@127.0.0.1:${selfPort}`,
    leader: `master@127.0.0.1:${leaderPort}`,
    slaves: [{ id: 'S0', hostname: 'agent-1', pid: 'slave(1)@10.0.0.1:5051' }],
    frameworks,
  };
}

function report(r: CheckReport, id: string) {
  const c = r.checks.find((x) => x.id === id);
  assert.ok(c, `no check ${id}: ${JSON.stringify(r.checks)}`);
  return c;
}

test('the issue: a host denied the credentials after a redirect names itself leader — it still never gets them, and nothing is "accepted"', async () => {
  // B answers like a 0.x standby: its own near-empty state, naming "the leader" — which is B itself.
  const b = await server((req, res, self) => {
    if (req.url === '/master/redirect') return res.writeHead(404).end();
    json(res, { version: '0.27.0', hostname: 'b', pid: 'master@10.9.9.9:5050', leader: `master@127.0.0.1:${self.port}`, slaves: [], frameworks: [] });
  });
  // A, the master the user named, accepts the credentials on /version and sends the state elsewhere.
  const a = await server((req, res) => {
    if (req.url === '/version') return json(res, { version: '1.2.0' });
    res.writeHead(302, { location: `http://127.0.0.1:${b.port}${req.url}` });
    res.end();
  });
  const r = await runCheck({ mesos: `http://${USER}:${PASSWORD}@127.0.0.1:${a.port}`, skipMarathon: true, timeoutMs: 3000 });
  assert.deepEqual(withCreds(b), [], 'B got the credentials');
  assert.ok(withCreds(a).includes('/version'));
  assert.notEqual(r.mesos.auth, 'accepted');
  assert.doesNotMatch(report(r, 'mesos.auth').message, /credentials for admin accepted/);
});

test('"accepted" only for the host that received the credentials and answered 2xx: a state from a host they were withheld from is a warning', async () => {
  const b = await server((req, res, self) => json(res, state(self.port, self.port)));
  const a = await server((req, res) => {
    if (req.url === '/version') return json(res, { version: '1.2.0' });
    res.writeHead(302, { location: `http://127.0.0.1:${b.port}${req.url}` });
    res.end();
  });
  const r = await runCheck({ mesos: `http://127.0.0.1:${a.port}`, config: { file: 'dragent.yaml', text: `mesos_user: ${USER}\nmesos_password: ${PASSWORD}\n` }, skipMarathon: true, timeoutMs: 3000 });
  assert.deepEqual(withCreds(b), []);
  assert.equal(r.mesos.auth, 'unknown');
  const auth = report(r, 'mesos.auth');
  assert.equal(auth.status, 'warn');
  assert.match(auth.message, new RegExp(`credentials for admin not tested: 127\\.0\\.0\\.1:${b.port} answered the state without them`));
});

for (const status of [301, 302, 303, 307, 308]) {
  for (const form of ['absolute', 'protocol-relative'] as const) {
    test(`${status} ${form} to another port: the credentials stay behind unless it is Mesos' own leader redirect (307 //host:port) from a master that accepted them`, async () => {
      const b = await server((req, res, self) => json(res, req.url === '/version' ? { version: '1.2.0' } : state(self.port, self.port)));
      const a = await server((req, res) => {
        if (req.url === '/version') return json(res, { version: '1.2.0' });
        const where = form === 'absolute' ? `http://127.0.0.1:${b.port}` : `//127.0.0.1:${b.port}`;
        res.writeHead(status, { location: `${where}${req.url}` });
        res.end();
      });
      const r = await runCheck({ mesos: `http://${USER}:${PASSWORD}@127.0.0.1:${a.port}`, skipMarathon: true, timeoutMs: 3000 });
      const leaderRedirect = status === 307 && form === 'protocol-relative';
      assert.deepEqual(withCreds(b), leaderRedirect ? ['/master/state.json'] : []);
      assert.equal(r.mesos.auth, leaderRedirect ? 'accepted' : 'unknown');
    });
  }
}

test('a 307 //leader from a master that never answered 2xx to the credentials does not pass them on', async () => {
  const b = await server((req, res) => json(res, { version: '1.2.0' }));
  // A answers every path, /version included, with a leader redirect: it never accepted anything.
  const a = await server((req, res) => {
    res.writeHead(307, { location: `//127.0.0.1:${b.port}${req.url}` });
    res.end();
  });
  await runCheck({ mesos: `http://${USER}:${PASSWORD}@127.0.0.1:${a.port}`, skipMarathon: true, timeoutMs: 3000 });
  assert.ok(a.requests.length > 0 && a.requests.every((q) => q.headers.authorization === HEADER));
  assert.deepEqual(withCreds(b), []);
  // the same for one request alone
  const one = await request(`${a.url}/master/state.json`, { credentials: CREDS, leaderRedirects: true });
  assert.equal(one.credentialsSent, false);
  assert.equal(one.credentialsWithheld, true);
});

test('a leader named by a leader that has not answered yet does not pass them on: A (accepted) → 307 //B → 307 //C', async () => {
  const c = await server((req, res, self) => json(res, state(self.port, self.port)));
  const b = await server((req, res) => {
    res.writeHead(307, { location: `//127.0.0.1:${c.port}${req.url}` });
    res.end();
  });
  const a = await server((req, res) => {
    if (req.url === '/version') return json(res, { version: '1.2.0' });
    res.writeHead(307, { location: `//127.0.0.1:${b.port}${req.url}` });
    res.end();
  });
  await runCheck({ mesos: `http://${USER}:${PASSWORD}@127.0.0.1:${a.port}`, skipMarathon: true, timeoutMs: 3000 });
  assert.deepEqual(withCreds(b), ['/master/state.json'], 'B was named by A, which had accepted them');
  assert.deepEqual(withCreds(c), [], 'C was named by B, which never answered 2xx to them');
});

test('localhost and 127.0.0.1 are different origins, both ways', async () => {
  for (const [named, other] of [
    ['127.0.0.1', 'localhost'],
    ['localhost', '127.0.0.1'],
  ]) {
    let seen: string[] = [];
    const a = await server((req, res, self) => {
      const host = (req.headers.host ?? '').split(':')[0];
      if (host === named && req.url === '/version') return json(res, { version: '1.2.0' });
      if (host === named) {
        res.writeHead(302, { location: `http://${other}:${self.port}${req.url}` });
        return res.end();
      }
      if (req.headers.authorization) seen.push(req.url ?? '');
      json(res, state(self.port, self.port));
    });
    seen = [];
    const r = await runCheck({ mesos: `http://${USER}:${PASSWORD}@${named}:${a.port}`, skipMarathon: true, timeoutMs: 3000 });
    assert.deepEqual(seen, [], `${other} got the credentials meant for ${named}`);
    assert.notEqual(r.mesos.auth, 'accepted');
  }
});

test('a redirect loop ends in one error and leaves no credentials with a host nobody trusted', async () => {
  const b = await server((req, res, self) => {
    res.writeHead(302, { location: `http://localhost:${self.port}${req.url}` });
    res.end();
  });
  const a = await server((req, res) => {
    if (req.url === '/version') return json(res, { version: '1.2.0' });
    res.writeHead(301, { location: `//127.0.0.1:${b.port}${req.url}` });
    res.end();
  });
  const r = await runCheck({ mesos: `http://${USER}:${PASSWORD}@127.0.0.1:${a.port}`, skipMarathon: true, timeoutMs: 3000 });
  assert.match(report(r, 'mesos.state-json').message, /more than 3 redirects/);
  assert.deepEqual(withCreds(b), []);
});

test('the honest case still works: a standby that accepted the credentials names its leader with 307 //host:port, the leader gets them and accepts', async () => {
  let leader!: Listening;
  leader = await server(honestMaster(() => leader));
  const standby = await server((req, res) => {
    if (req.url === '/version') return json(res, { version: '1.2.0' });
    if (basicCredentials(req) !== `${USER}:${PASSWORD}` && req.url !== '/master/redirect') {
      res.writeHead(401, { 'www-authenticate': 'Basic realm="mesos-master-readonly"' });
      return res.end();
    }
    res.writeHead(307, { location: `//127.0.0.1:${leader.port}${req.url === '/master/redirect' ? '' : req.url}` });
    res.end();
  });
  const r = await runCheck({ mesos: `http://${USER}:${PASSWORD}@127.0.0.1:${standby.port}`, skipMarathon: true, timeoutMs: 3000 });
  assert.equal(r.mesos.auth, 'accepted');
  assert.equal(report(r, 'mesos.auth').status, 'pass');
  assert.match(report(r, 'mesos.auth').message, new RegExp(`accepted by 127\\.0\\.0\\.1:${leader.port}`));
  assert.deepEqual(withCreds(leader), ['/master/state.json']);
});

test('a 0.x leader named in a state goes on the trust only from a master that answered that state with the credentials', async () => {
  let leader!: Listening;
  leader = await server(honestMaster(() => leader));
  // The standby the user named accepts the credentials and names the leader in its own state (0.x).
  const standby = await server((req, res, self) => {
    if (req.url === '/version') return json(res, { version: '0.28.0' });
    if (basicCredentials(req) !== `${USER}:${PASSWORD}`) return res.writeHead(401).end();
    json(res, { version: '0.28.0', hostname: 's', pid: `master@127.0.0.1:${self.port}`, leader: `master@127.0.0.1:${leader.port}`, slaves: [], frameworks: [] });
  });
  const r = await runCheck({ mesos: `http://${USER}:${PASSWORD}@127.0.0.1:${standby.port}`, skipMarathon: true, timeoutMs: 3000 });
  assert.deepEqual(withCreds(leader), ['/master/state.json']);
  assert.equal(r.mesos.auth, 'accepted');
});

test('Marathon credentials do not follow a webui_url named by a Mesos host reached after a redirect that left the user\'s URI', async () => {
  const evil = await server((req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('pong');
  });
  const framework = { id: 'F-0001', name: 'marathon', active: true, hostname: 'evil', webui_url: evil.url };
  const b = await server((req, res, self) => json(res, state(self.port, self.port, [framework])));
  const a = await server((req, res) => {
    if (req.url === '/version') return json(res, { version: '1.2.0' });
    res.writeHead(302, { location: `http://127.0.0.1:${b.port}${req.url}` });
    res.end();
  });
  const r = await runCheck({ config: { file: 'dragent.yaml', text: `mesos_state_uri: ${a.url}\nmarathon_user: ${USER}\nmarathon_password: ${PASSWORD}\n` }, timeoutMs: 3000 });
  assert.equal(r.marathon.source, 'mesos');
  assert.ok(evil.requests.length > 0, 'Marathon at the webui_url was asked');
  assert.deepEqual(withCreds(evil), []);
  assert.notEqual(r.marathon.auth, 'accepted');
  assert.match(report(r, 'marathon.ping').message, /not sent to 127\.0\.0\.1:\d+ and so not tested/);
  assert.equal(report(r, 'marathon.ping').status, 'warn');
});

test('Marathon: a redirect of any kind never carries the credentials to another origin, protocol-relative included', async () => {
  for (const status of [301, 302, 303, 307, 308]) {
    const b = await server((req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('pong');
    });
    const a = await server((req, res) => {
      res.writeHead(status, { location: `//127.0.0.1:${b.port}${req.url}` });
      res.end();
    });
    const r = await runCheck({ mesos: 'http://127.0.0.1:1', marathon: `http://${USER}:${PASSWORD}@127.0.0.1:${a.port}`, timeoutMs: 3000 });
    assert.deepEqual(withCreds(b), [], `${status}`);
    assert.equal(r.marathon.auth, 'unknown', `${status}`);
    assert.ok(withCreds(a).length > 0);
  }
});
