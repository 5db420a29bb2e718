// Issue 12 §2 in a real VS Code: cross-file findings in the Problems panel on files that were never opened —
// two configs reading one remote Mesos master from the start, and an access-key disagreement that appears on the
// Marathon app when the dragent.yaml next to it is edited (the app stays closed).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Session, until } from './harness';
import { problemRows } from './panel-rows';

const KEY_A = '0a1b2c3d-aaaa-bbbb-cccc-444455556666';
const app = JSON.stringify(
  { id: '/sysdig-agent', instances: 2, container: { type: 'DOCKER', docker: { image: 'sysdig/agent', network: 'HOST', privileged: true, parameters: [{ key: 'env', value: `ACCESS_KEY=${KEY_A}` }] } } },
  null,
  2,
) + '\n';
const files = {
  'east/dragent.yaml': `customerid: ${KEY_A}\ncollector: collector.example.com\n`,
  'east/sysdig.json': app,
  'west/dragent.yaml': 'mesos_state_uri: http://master.example.com:5050\n',
  'north/dragent.yaml': 'mesos_state_uri: http://Master.Example.com\n',
};

let s: Session;
before(async () => {
  // the other suites turn workspace diagnostics off (harness QUIET_SETTINGS): this one needs them
  s = await Session.start({ name: 'workspace-cross-file', files, settings: { 'sysdig-mesos.diagnostics.workspace': true } });
});
after(async () => {
  await s?.close();
});

const rows = async (code: string) => (await problemRows(s)).filter((r) => r.code.includes(code) || r.message.includes(code));

describe('e2e: cross-file findings', () => {
  test('two configs reading one remote master: the finding on both files, neither opened', async () => {
    await s.step('delegated', async () => {
      await s.waitForProblem(['makes this agent read the remote Mesos master master.example.com:5050', 'workspace-delegated-agents'], 60_000);
      const found = await until('the finding on both dragent.yaml files', async () => {
        const r = await rows('workspace-delegated-agents');
        return r.length === 2 ? r : undefined;
      }, 30_000);
      assert.deepEqual(found.map((r) => r.severity), ['warning', 'warning']);
      assert.equal(await s.page.locator('.tabs-container .tab').count(), 0, 'no file was opened');
      await s.screenshot('cross-file-delegated-unopened');
    });
  });

  test('editing east/dragent.yaml puts the access-key finding on east/sysdig.json, never opened; typing the old key back takes it away', async () => {
    await s.step('access-key', async () => {
      assert.equal((await rows('workspace-access-key-mismatch')).length, 0);
      await s.openFile('east/dragent.yaml');
      await s.goTo(1, 13);
      await s.page.keyboard.press('Shift+End');
      await s.type('ffffffff-0000-1111-2222-333344445555');
      const onApp = await until('the finding on sysdig.json', async () => {
        const r = (await rows('workspace-access-key-mismatch')).filter((x) => x.file === 'sysdig.json');
        return r.length === 1 ? r[0] : undefined;
      }, 30_000);
      assert.match(onApp.message, /"ACCESS_KEY" disagrees with "customerid" of "dragent.yaml" in the same folder \(the keys are not shown\)/);
      assert.equal(onApp.at, '[Ln 13, Col 20]');
      const tabs = await s.page.locator('.tabs-container .tab').allInnerTexts();
      assert.ok(!tabs.some((t) => t.includes('sysdig.json')), `sysdig.json was never opened: ${tabs.join(', ')}`);
      const panel = (await problemRows(s)).map((r) => r.message).join('\n');
      assert.ok(!panel.includes(KEY_A) && !panel.includes('ffffffff'), 'a key in the Problems panel');
      const shot = await s.screenshot('cross-file-access-key-unopened');
      process.stdout.write(`# screenshot: ${shot}\n`);

      // the key on disk typed back (the Problems panel has the focus now: the editor's own Go to Line takes it back)
      await s.goTo(1, 13);
      await s.page.keyboard.press('Shift+End');
      await s.type(KEY_A);
      await until('the finding gone from sysdig.json', async () => (await rows('workspace-access-key-mismatch')).length === 0, 30_000);
    });
  });
});
