// The cluster commands from the Command Palette, against the test fakes of Mesos and Marathon on 127.0.0.1
// (test/cluster/fake, built from captured payloads): the result notification, the output channel's lines,
// and, for a refused password, a diagnostic where that password was set (the URI's user-info, or mesos_password),
// with the lint diagnostics' source. No password is ever shown.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Session, until } from './harness';
import { startFakeMesos, type FakeMesos } from '../cluster/fake/mesos';
import { startFakeMarathon, type FakeMarathon } from '../cluster/fake/marathon';

const PASSWORD = 's3cret-pw';
const WRONG = 'wrong-pw';
let s: Session;
let mesos: FakeMesos;
let marathon: FakeMarathon;
const log = () => s.outputChannel('Sysdig Mesos');

before(async () => {
  mesos = await startFakeMesos({ profile: '1.2', role: 'leader', auth: { user: 'ops', password: PASSWORD }, agentHosts: ['agent-1', 'agent-2'] });
  marathon = await startFakeMarathon({ profile: '1.4', role: 'leader', frameworkId: mesos.marathonFrameworkId });
  const dragent = (password: string) => `customerid: 0123abcd-e2e\nmesos_state_uri: http://ops:${password}@127.0.0.1:${mesos.port}\nmarathon_uris:\n  - ${marathon.url}\n`;
  const byKeys = `customerid: 0123abcd-e2e\nmesos_state_uri: http://127.0.0.1:${mesos.port}\nmesos_user: ops\nmesos_password: ${WRONG}\nmarathon_uris:\n  - ${marathon.url}\n`;
  s = await Session.start({ name: 'cluster', files: { 'ok/dragent.yaml': dragent(PASSWORD), 'wrong/dragent.yaml': dragent(WRONG), 'wrong-key/dragent.yaml': byKeys } });
});
after(async () => {
  await s?.close();
  await mesos?.close();
  await marathon?.close();
});

function noPassword(text: string): void {
  assert.ok(!text.includes(PASSWORD) && !text.includes(WRONG), `a password is shown: ${text}`);
}

describe('e2e: cluster commands from the Command Palette', () => {
  test('Check Mesos connectivity: notification with leader and agents, PASS lines in the output channel', async () => {
    await s.step('check-mesos', async () => {
      await s.openFile('ok/dragent.yaml');
      await s.runCommand('Sysdig Mesos: Check Mesos connectivity');
      const note = await s.waitForNotification(new RegExp(`leader 127\\.0\\.0\\.1:${mesos.port}: 2 agent\\(s\\)`));
      noPassword(note);
      const lines = await until('the check in the log', () => (/Check Mesos connectivity \(\d+ ms\): passed/.test(log()) ? log() : undefined));
      assert.match(lines, /PASS\s+mesos\.reachable/);
      assert.match(lines, new RegExp(`Mesos leader: 127\\.0\\.0\\.1:${mesos.port}`));
      assert.ok(mesos.requests.some((r) => r.headers.authorization === `Basic ${Buffer.from(`ops:${PASSWORD}`).toString('base64')}`), 'the fake was asked, with the credentials as a header');
      noPassword(lines);
    });
  });

  test('Check Marathon connectivity: notification with the leader, lines in the output channel', async () => {
    await s.step('check-marathon', async () => {
      await s.openFile('ok/dragent.yaml');
      await s.runCommand('Sysdig Mesos: Check Marathon connectivity');
      await s.waitForNotification(new RegExp(`Marathon .*reachable, leader 127\\.0\\.0\\.1:${marathon.port}`));
      const lines = await until('the check in the log', () => (/Check Marathon connectivity \(\d+ ms\): passed/.test(log()) ? log() : undefined));
      assert.match(lines, new RegExp(`Marathon leader: 127\\.0\\.0\\.1:${marathon.port}`));
      assert.ok(marathon.requests.some((r) => r.url === '/ping'), 'the fake Marathon was pinged');
    });
  });

  test("a wrong password in the URI: an error notification and a diagnostic on the URI's user-info", async () => {
    await s.step('check-mesos-wrong-password', async () => {
      await s.openFile('wrong/dragent.yaml');
      await s.runCommand('Sysdig Mesos: Check Mesos connectivity');
      const note = await s.waitForNotification(/Check Mesos failed: .*401/);
      noPassword(note);
      // line 2, the user-info after `mesos_state_uri: http://` (issue 11 §8), with the lint source
      const row = await s.waitForProblem(['mesos.auth', '[Ln 2, Col 25]']);
      assert.match(row, /sysdig-mesos/);
      noPassword(row);
      noPassword(log());
    });
  });

  test('a wrong mesos_password: the diagnostic is on mesos_password, not on mesos_state_uri', async () => {
    await s.step('check-mesos-wrong-key', async () => {
      await s.openFile('wrong-key/dragent.yaml');
      await s.runCommand('Sysdig Mesos: Check Mesos connectivity');
      await s.waitForNotification(/Check Mesos failed: .*401/);
      // line 4, the value after `mesos_password: `
      const row = await s.waitForProblem(['mesos.auth', '[Ln 4, Col 17]']);
      assert.match(row, /sysdig-mesos/);
      noPassword(row);
    });
  });
});
