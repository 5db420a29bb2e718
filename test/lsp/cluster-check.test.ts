// `sysdig-mesos/clusterCheck`, the request behind "Check Mesos/Marathon connectivity", over real LSP stdio
// against the fake Mesos and Marathon on 127.0.0.1.
import { describe, test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLUSTER_CHECK_REQUEST, type ClusterCheckParams, type ClusterCheckResult } from '../../server/src/lsp/constants';
import { projectRoot } from '../helpers/paths';
import { startFakeMesos, type FakeMesosOptions } from '../cluster/fake/mesos';
import { startFakeMarathon, type FakeMarathonOptions } from '../cluster/fake/marathon';
import { closedPort } from '../cluster/fake/faults';
import { clientPool } from './client-pool';
import type { LspClient } from './lsp-client';

const { client } = clientPool();
const closers: (() => Promise<void>)[] = [];
after(async () => {
  for (const c of closers) await c();
});
const mesos = async (o: FakeMesosOptions) => {
  const m = await startFakeMesos(o);
  closers.push(() => m.close());
  return m;
};
const marathon = async (o: FakeMarathonOptions) => {
  const m = await startFakeMarathon(o);
  closers.push(() => m.close());
  return m;
};

const PASSWORDS = ['s3cret-pw', 'wrong-pw', 'mpw-123'];
async function check(c: LspClient, params: ClusterCheckParams): Promise<ClusterCheckResult> {
  const r = (await c.connection.sendRequest(CLUSTER_CHECK_REQUEST, params)) as ClusterCheckResult;
  const all = JSON.stringify(r) + c.logs.map((l) => l.message).join('\n') + c.stderr;
  for (const pw of PASSWORDS) assert.ok(!all.includes(pw), `password ${pw} leaked: ${all}`);
  return r;
}

const fixedApp = readFileSync(join(projectRoot(), 'examples', 'fixed', 'sysdig.json'), 'utf8');

describe(CLUSTER_CHECK_REQUEST, () => {
  test('Check Mesos: leader, agents and state.json; no diagnostics when everything passes', async () => {
    const m = await mesos({ profile: '1.2', role: 'leader', agentHosts: ['a1', 'a2', 'a3'] });
    const c = await client();
    const text = `customerid: x\nmesos_state_uri: ${m.url}\n`;
    const r = await check(c, { target: 'mesos', config: { uri: 'file:///w/dragent.yaml', text } });
    assert.equal(r.ok, true, JSON.stringify(r.sections));
    assert.equal(r.agents, 3);
    assert.equal(r.mesosLeader, `127.0.0.1:${m.port}`);
    assert.match(r.summary, /3 agent\(s\)/);
    assert.ok(r.sections[0].checks.some((x) => x.id === 'mesos.state-json' && x.status === 'pass'));
    assert.ok(!r.sections.some((s) => s.checks.some((x) => x.id.startsWith('marathon.'))), 'no Marathon checks without an app');
    assert.deepEqual(r.diagnostics, []);
  });

  test("Check Mesos with a wrong password in the URI: a diagnostic on the URI's user-info, password masked", async () => {
    const m = await mesos({ profile: '1.2', role: 'leader', auth: { user: 'ops', password: 's3cret-pw' } });
    const c = await client();
    const uri = m.url.replace('http://', 'http://ops:wrong-pw@');
    const text = `# comment\r\ncustomerid: x\r\nmesos_state_uri: "${uri}"\r\n`;
    const r = await check(c, { target: 'mesos', config: { uri: 'file:///w/dragent.yaml', text } });
    assert.equal(r.ok, false);
    assert.match(r.summary, /^Check Mesos failed: .*401/);
    assert.equal(r.diagnostics.length, 1);
    const [d] = r.diagnostics[0].items;
    assert.equal(r.diagnostics[0].uri, 'file:///w/dragent.yaml');
    assert.equal(d.code, 'mesos.auth');
    assert.equal(d.severity, 1);
    // issue 11 §8: the user-info inside the quoted URI, `ops:wrong-pw` (the password's own place), not the whole URI
    const line = text.split('\r\n')[2];
    assert.equal(line.slice(d.range.start.character, d.range.end.character), 'ops:wrong-pw');
    assert.equal(d.range.start.line, 2);
    assert.match(d.message, /ops:\*\*\*@|401/);
    // the lint diagnostics' source, and a link to the check's doc
    assert.equal(d.source, 'sysdig-mesos');
    assert.equal(d.href, 'https://github.com/sysdig-mesos/sysdig-mesos/blob/main/docs/checks.md#mesosauth');
  });

  test('Check Mesos with an app that is not JSON: the file by its name, not its URI, and the editor\'s next step (not a CLI command)', async () => {
    const m = await mesos({ profile: '1.2', role: 'leader', agentHosts: ['a1'] });
    const c = await client();
    const r = await check(c, { target: 'mesos', config: { uri: 'file:///w/dragent.yaml', text: `mesos_state_uri: ${m.url}\n` }, app: { uri: 'file:///w/my%20apps/sysdig.json', text: '{"id": "sysdig-agent"} }' } });
    const file = r.sections.flatMap((s) => s.checks).find((x) => x.id === 'app.file');
    assert.equal(file?.status, 'fail');
    assert.match(file!.message, /^sysdig\.json: not a readable app definition \(.*\): fix what the Problems panel shows for it$/);
    assert.ok(!JSON.stringify(r).includes('file:///w/my%20apps/sysdig.json: '), 'no URI in a message');
  });

  test('Check Mesos with a wrong mesos_password: the diagnostic is on mesos_password, not on mesos_state_uri (issue 11 §8)', async () => {
    const m = await mesos({ profile: '1.2', role: 'leader', auth: { user: 'ops', password: 's3cret-pw' } });
    const c = await client();
    const text = `mesos_state_uri: ${m.url}\nmesos_user: ops\nmesos_password: wrong-pw\n`;
    const r = await check(c, { target: 'mesos', config: { uri: 'file:///w/dragent.yaml', text } });
    assert.equal(r.ok, false);
    const [d] = r.diagnostics[0].items;
    assert.equal(d.code, 'mesos.auth');
    assert.deepEqual(d.range, { start: { line: 2, character: 16 }, end: { line: 2, character: 24 } });
    assert.equal(d.source, 'sysdig-mesos');
  });

  test('Check Marathon with a wrong marathon_password: the diagnostic is on marathon_password (issue 11 §8)', async () => {
    const m = await mesos({ profile: '1.2', role: 'leader' });
    const mt = await marathon({ profile: '1.5', role: 'leader', auth: { user: 'mu', password: 'mpw-123' }, frameworkId: m.marathonFrameworkId });
    const c = await client();
    const text = `mesos_state_uri: ${m.url}\nmarathon_uris:\n  - ${mt.url}\nmarathon_user: mu\nmarathon_password: wrong-pw\n`;
    const r = await check(c, { target: 'marathon', config: { uri: 'file:///w/dragent.yaml', text } });
    assert.equal(r.ok, false);
    const ping = r.diagnostics[0].items.find((d) => d.code === 'marathon.ping');
    assert.ok(ping, JSON.stringify(r.diagnostics));
    assert.deepEqual(ping.range, { start: { line: 4, character: 19 }, end: { line: 4, character: 27 } });
    assert.equal(ping.href, 'https://github.com/sysdig-mesos/sysdig-mesos/blob/main/docs/checks.md#marathonping');
  });

  test('Check Mesos with the app: instances against the agents, on the instances value of sysdig.json', async () => {
    const m = await mesos({ profile: '1.2', role: 'leader', agentHosts: ['a1', 'a2'] });
    const mt = await marathon({ profile: '1.4', role: 'leader' });
    const c = await client();
    const app = fixedApp.replace('"instances": 3', '"instances": 5');
    const r = await check(c, {
      target: 'mesos',
      config: { uri: 'file:///w/dragent.yaml', text: `mesos_state_uri: ${m.url}\nmarathon_uris: [${mt.url}]\n` },
      app: { uri: 'file:///w/sysdig.json', text: app },
    });
    const appDiag = r.diagnostics.find((d) => d.uri === 'file:///w/sysdig.json');
    assert.ok(appDiag, JSON.stringify(r));
    const inst = appDiag.items.find((d) => d.code === 'app.instances')!;
    const line = app.split('\n').findIndex((l) => l.includes('"instances": 5'));
    assert.equal(inst.range.start.line, line);
    assert.equal(app.split('\n')[line].slice(inst.range.start.character, inst.range.end.character), '5');
    assert.match(inst.message, /set instances to 2/);
  });

  test('Check Marathon: every marathon_uris item is checked, a refused one gets its own diagnostic', async () => {
    const m = await mesos({ profile: '1.2', role: 'leader' });
    const mt = await marathon({ profile: '1.5', role: 'leader', auth: { user: 'mu', password: 'mpw-123' }, frameworkId: m.marathonFrameworkId });
    const dead = await closedPort();
    const c = await client();
    const good = mt.url.replace('http://', 'http://mu:mpw-123@');
    const text = `mesos_state_uri: ${m.url}\nmarathon_uris:\n  - ${good}\n  - http://127.0.0.1:${dead}\n`;
    const r = await check(c, { target: 'marathon', config: { uri: 'file:///w/dragent.yaml', text } });
    assert.equal(r.ok, false);
    assert.equal(r.sections.length, 2);
    assert.ok(r.sections[0].checks.every((x) => x.status === 'pass' || x.id === 'mesos.marathon-framework'), JSON.stringify(r.sections[0]));
    assert.deepEqual(r.marathonLeaders, [`127.0.0.1:${mt.port}`]);
    assert.match(r.sections[0].title, /mu:\*\*\*@/);
    const items = r.diagnostics[0].items.filter((d) => d.code.startsWith('marathon.'));
    assert.ok(items.length >= 1);
    assert.ok(items.every((d) => d.range.start.line === 3), JSON.stringify(items));
    assert.match(r.summary, /refused/i);
  });

  test('bad params are refused with an error, and the server keeps answering', async () => {
    const c = await client();
    await assert.rejects(c.connection.sendRequest(CLUSTER_CHECK_REQUEST, { target: 'nope' }), /target must be/);
    const dead = await closedPort();
    const r = await check(c, { target: 'mesos', config: { uri: 'file:///w/dragent.yaml', text: `mesos_state_uri: http://127.0.0.1:${dead}\n` } });
    assert.equal(r.ok, false);
    assert.match(r.summary, /refused/i);
  });
});
