// Hostile input: a server that echoes the credentials it was sent (decoded, and the Basic header) in its
// error answer. Before the fix `check` printed a mesos_password/marathon_password echoed this way (only
// deploy masked it): text, json and the editor's check results.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CLUSTER_CHECK_REQUEST, DEPLOY_PLAN_REQUEST, type ClusterCheckResult } from '../../server/src/lsp/constants';
import { clientPool } from '../lsp/client-pool';
import { APP, assertAbsent, cli, echoServer, file } from './helpers';

const { client } = clientPool();

for (const pw of ['echo-me-S3cret', 'a"b\\c/d@e', '¤', 'ä%41']) {
  test(`a password echoed back by the server (${pw.length} character(s)): check text, json, deploy and the editor show none of it`, async () => {
    const s = await echoServer();
    const basic = Buffer.from(`ops:${pw}`).toString('base64');
    const yaml = `customerid: x\nmesos_state_uri: ${s.url}\nmesos_user: ops\nmesos_password: ${JSON.stringify(pw)}\nmarathon_uris: [${s.url}]\nmarathon_user: ops\nmarathon_password: ${JSON.stringify(pw)}\n`;
    const cfg = file('dragent.yaml', yaml);
    const text = await cli(['check', '--config', cfg, '--timeout', '2000']);
    const json = await cli(['check', '--config', cfg, '--timeout', '2000', '--format', 'json']);
    // status reads Mesos and Marathon the same way: its one failure line and its json error too
    const st = await cli(['status', '--config', cfg, '--timeout', '2000']);
    const stJson = await cli(['status', '--config', cfg, '--timeout', '2000', '--format', 'json']);
    assert.equal(st.code, 2);
    assert.match(st.stderr, /HTTP 500 \(login \*\*\* refused \(Basic \*\*\*\)\)/);
    const app = file('sysdig.json', APP);
    const dep = await cli(['deploy', app, '--config', cfg, '--format', 'json'], { SYSDIG_ACCESS_KEY: 'b7c1d2e3-0000-4f00-8a00-5ecre7ac0e55' });
    assert.equal(text.code, 1);
    assert.match(text.stdout, /HTTP 500 \(login \*\*\* refused \(Basic \*\*\*\)\)/);
    assert.equal(JSON.parse(json.stdout).mesos.auth, 'unknown');
    assert.match(JSON.parse(dep.stdout).reason, /HTTP 500/);
    // the fake really got (and so could echo) the password
    assert.ok(s.requests.some((r) => r.headers.authorization === `Basic ${basic}`));
    const c = await client();
    const results: string[] = [];
    for (const target of ['mesos', 'marathon'] as const) {
      const r = (await c.connection.sendRequest(CLUSTER_CHECK_REQUEST, { target, config: { uri: 'file:///w/dragent.yaml', text: yaml }, timeoutMs: 2000 })) as ClusterCheckResult;
      assert.equal(r.ok, false);
      results.push(JSON.stringify(r));
    }
    const plan = await c.connection.sendRequest(DEPLOY_PLAN_REQUEST, { app: { uri: 'file:///w/sysdig.json', text: APP }, accessKey: 'k', config: { uri: 'file:///w/dragent.yaml', text: yaml } }).then(
      (r) => JSON.stringify(r),
      (e: Error) => e.message,
    );
    const channels = { 'check text': text.stdout + text.stderr, 'check json': json.stdout, 'deploy json': dep.stdout + dep.stderr, 'status text': st.stdout + st.stderr, 'status json': stJson.stdout + stJson.stderr, editor: results.join('\n') + plan, log: c.logs.map((l) => l.message).join('\n') };
    for (const secret of [pw, `ops:${pw}`, basic]) assertAbsent(secret, channels);
  });
}

test('an echo cut short by the client (160 characters) in the middle of the password: not even its start shows', async () => {
  const pw = 'ZqXw-9876-Vb5t-secret';
  const yamlFor = (url: string) => `customerid: x\nmesos_state_uri: ${url}\nmesos_user: ops\nmesos_password: ${pw}\nmarathon_uris: [${url}]\nmarathon_user: ops\nmarathon_password: ${pw}\n`;
  // "login ops:" is 10 characters: the cut falls 4, 8 and 12 characters into the password
  for (const into of [4, 8, 12]) {
    const s = await echoServer(160 - 10 - into);
    const cfg = file('dragent.yaml', yamlFor(s.url));
    const text = await cli(['check', '--config', cfg, '--timeout', '2000']);
    const json = await cli(['check', '--config', cfg, '--timeout', '2000', '--format', 'json']);
    assert.match(text.stdout, /HTTP 500 \(\.+login \*\*\*…\)/);
    assertAbsent(pw.slice(0, 4), { 'check text': text.stdout + text.stderr, 'check json': json.stdout });
  }
});
