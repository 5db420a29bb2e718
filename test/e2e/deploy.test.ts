// "Deploy agent app to Marathon" from the Command Palette against the fake Marathon on 127.0.0.1: the access
// key goes into VS Code's secret storage (Set Sysdig access key), the modal confirmation is answered, the
// progress notification shows, then the success message. The fake received exactly one POST with the key
// filled in, while the file on disk keeps the guide's placeholder and no text on screen or in the log holds
// the key.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Session, root, until } from './harness';
import { startFakeMarathon, type FakeMarathon } from '../cluster/fake/marathon';

const FILE_KEY = '3f8e2a1c-5b7d-4e9f-a2c4-6d8b0e1f3a5c';
const SECRET_KEY = 'e2e0c1d2-0000-4f00-8a00-5ecre7ac0e55';
const fixedApp = readFileSync(join(root, 'examples', 'fixed', 'sysdig.json'), 'utf8');
/** the fixed example app with the guide's access-key placeholder: the key comes from secret storage */
const app = fixedApp.replace(`ACCESS_KEY=${FILE_KEY}`, 'ACCESS_KEY=YOUR-ACCESS-KEY-HERE');

let s: Session;
let marathon: FakeMarathon;

before(async () => {
  assert.notEqual(app, fixedApp, 'the fixed example app holds the access key this test replaces');
  marathon = await startFakeMarathon({ profile: '1.4', role: 'leader', deploy: { clock: 'per-poll' } });
  s = await Session.start({
    name: 'deploy',
    // Marathon: the first marathon_uris item of the workspace's dragent.yaml (the path most users take;
    // deploy.marathonUri, when set, wins over it).
    // The server follows the deployment every 2 s; the fake moves one step per poll (two steps).
    files: { 'sysdig.json': app, 'dragent.yaml': `customerid: ${FILE_KEY}\nmarathon_uris:\n  - ${marathon.url}\n` },
  });
});
after(async () => {
  await s?.close();
  await marathon?.close();
});

test('Deploy agent app to Marathon: modal, progress, success; one POST with the key from secret storage; the file unchanged', async () => {
  await s.step('deploy', async () => {
    await s.openFile('sysdig.json');
    await s.runCommand('Sysdig Mesos: Set Sysdig access key');
    await s.page.locator('.quick-input-widget input[type="password"]').waitFor();
    await s.page.locator('.quick-input-widget input[type="password"]').fill(SECRET_KEY);
    await s.page.keyboard.press('Enter');
    await s.waitForNotification("Sysdig access key stored in VS Code's secret storage");

    await s.runCommand('Sysdig Mesos: Deploy agent app to Marathon');
    const dialog = s.page.locator('.monaco-dialog-box');
    await dialog.filter({ hasText: 'Create /sysdig-agent on' }).waitFor();
    assert.ok(!((await dialog.textContent()) ?? '').includes(SECRET_KEY), 'the key is not in the confirmation');
    await dialog.locator('.monaco-button', { hasText: /^Deploy$/ }).click();
    await s.waitForNotification('Deploying /sysdig-agent');
    await s.waitForNotification(/\/sysdig-agent deployed: 3 of 3 task\(s\) running/, 120_000);

    const posts = marathon.requests.filter((r) => r.method === 'POST' && r.url.startsWith('/v2/apps'));
    assert.equal(posts.length, 1, 'exactly one POST /v2/apps');
    assert.ok(posts[0].body.includes(`ACCESS_KEY=${SECRET_KEY}`), 'the key from secret storage was sent');
    assert.equal(readFileSync(join(s.ws, 'sysdig.json'), 'utf8'), app, 'the file on disk still holds no key');
    const log = await until('the deploy outcome in the log', () => (/Deploy sysdig\.json: success/.test(s.outputChannel('Sysdig Mesos')) ? s.outputChannel('Sysdig Mesos') : undefined));
    for (const text of [log, ...(await s.notifications())]) assert.ok(!text.includes(SECRET_KEY), `the key is shown: ${text}`);
  });
});
