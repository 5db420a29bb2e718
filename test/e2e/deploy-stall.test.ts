// The deploy's ways out of a one-task-per-node update that can never finish, in the real VS Code against the fake
// Marathon (one tick per poll) and a fake Mesos whose nodes have no room for a second agent: the stall prediction's
// modal "Use Kill-First Strategy" adds only the upgradeStrategy to the open file and sends nothing; sent anyway, the
// deployment ends blocked and its modal's "Cancel Deployment" stops it with DELETE ?force=true (no revert), then
// offers the same fix. The diff tab closes when each deploy ends; no secret on screen or in the log.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Session, until } from './harness';
import { afterAction, finding } from './fixtures';
import { startFakeMarathon, type FakeMarathon } from '../cluster/fake/marathon';
import { busyAgentFor } from '../cluster/fake/marathon-placement';
import { FILE_KEY, fixedApp, mesosOf } from '../cluster/deploy-helpers';
import type { FakeMesos } from '../cluster/fake/mesos';

const SECRET_KEY = 'e2e0c1d2-0000-4f00-8a00-5ecre7ac0e55';
const HOSTS = ['10.0.2.121', '10.0.6.244', '10.0.7.17'];
/** the fixed example without its kill-first strategy (Marathon's default (1, 1) applies), its key from secret storage */
function guideLike(image: string, key: string): string {
  const app = JSON.parse(fixedApp.replace(`ACCESS_KEY=${FILE_KEY}`, `ACCESS_KEY=${key}`));
  delete app.upgradeStrategy;
  app.container.docker.image = image;
  return JSON.stringify(app, null, 2) + '\n';
}
const app = guideLike('sysdig/agent:0.100', 'YOUR-ACCESS-KEY-HERE');
const KILL_FIRST_TITLE = 'Stop old agents first';
const withKillFirst = afterAction(app, 'marathon-app', finding(app, 'marathon-app', 'agent-app-upgrade-strategy'), KILL_FIRST_TITLE);
const DIFF_TAB = '/sysdig-agent: on Marathon ↔ after deploy';

let s: Session;
let marathon: FakeMarathon;
let mesos: FakeMesos;

before(async () => {
  assert.notEqual(withKillFirst, app);
  marathon = await startFakeMarathon({
    profile: '1.4',
    role: 'leader',
    // 1.5 cpus per node: the running agent (1 cpu) leaves no room for its replacement beside it
    deploy: { clock: 'per-poll', agents: HOSTS.map(busyAgentFor) },
    apps: { '/sysdig-agent': { instances: 3, taskHosts: HOSTS, definition: JSON.parse(guideLike('sysdig/agent:0.99', SECRET_KEY)) } },
  });
  mesos = await mesosOf(marathon);
  s = await Session.start({
    name: 'deploy-stall',
    files: { 'sysdig.json': app, 'dragent.yaml': `customerid: ${FILE_KEY}\nmesos_state_uri: ${mesos.url}\nmarathon_uris:\n  - ${marathon.url}\n` },
  });
});
after(async () => {
  await s?.close();
  await marathon?.close();
});

const dialog = () => s.page.locator('.monaco-dialog-box');
const tabs = async () => (await s.page.locator('.tabs-container .tab').allTextContents()).map((t) => t.trim());
const writes = () => marathon.requests.filter((r) => r.method !== 'GET');
const log = () => s.outputChannel('Sysdig Mesos');

function noSecret(texts: string[]): void {
  for (const t of texts) assert.ok(!t.includes(SECRET_KEY) && !t.includes(FILE_KEY), `a secret is shown: ${t.slice(0, 200)}`);
}

/** Runs Deploy and waits for the stall prediction's modal, the diff open beside it. */
async function stallModal() {
  await s.runCommand('Sysdig Mesos: Deploy agent app to Marathon');
  const modal = dialog().filter({ hasText: 'Not sent: this update of /sysdig-agent can never finish.' });
  await modal.waitFor();
  await s.screenshot('stall-modal');
  assert.ok((await tabs()).includes(DIFF_TAB), JSON.stringify(await tabs()));
  return modal;
}

/** Saves the file and returns what reached the disk (the edit is the editor's until then). */
async function savedText(): Promise<string> {
  await s.openFile('sysdig.json');
  return s.saveAndRead('sysdig.json', withKillFirst);
}

test('the stall prediction modal: "Use Kill-First Strategy" adds only the upgradeStrategy and sends nothing', async () => {
  await s.step('kill-first from the stall modal', async () => {
    await s.openFile('sysdig.json');
    await s.runCommand('Sysdig Mesos: Set Sysdig access key');
    await s.page.locator('.quick-input-widget input[type="password"]').fill(SECRET_KEY);
    await s.page.keyboard.press('Enter');
    await s.waitForNotification("Sysdig access key stored in VS Code's secret storage");

    const modal = await stallModal();
    noSecret([(await modal.textContent()) ?? '']);
    await modal.locator('.monaco-button', { hasText: /^Use Kill-First Strategy$/ }).click();
    await s.waitForNotification('Kill-first upgradeStrategy added to sysdig.json');
    await until('the diff tab closed', async () => !(await tabs()).includes(DIFF_TAB));
    assert.deepEqual(writes(), [], 'nothing was sent to Marathon');
    assert.equal(await savedText(), withKillFirst, 'the file differs from before by the upgradeStrategy only');
    noSecret([log(), ...(await s.notifications())]);
  });
});

test('sent anyway, the deployment ends blocked: "Cancel Deployment" stops it with DELETE ?force=true and offers the kill-first fix', async () => {
  await s.step('blocked, cancel deployment', async () => {
    // back to the file without the strategy: the quick fix's edit undone, as a person would
    await s.openFile('sysdig.json');
    await s.page.keyboard.press('Control+Z');
    assert.equal(await s.saveAndRead('sysdig.json', app), app);

    const modal = await stallModal();
    await modal.locator('.monaco-button', { hasText: /^Send Anyway$/ }).click();
    const confirm = dialog().filter({ hasText: 'Update /sysdig-agent on' });
    await confirm.waitFor();
    assert.match((await confirm.textContent()) ?? '', /This update can never finish \(sent anyway\)/);
    await confirm.locator('.monaco-button', { hasText: /^Update$/ }).click();
    await s.waitForNotification('Deploying /sysdig-agent');

    const blocked = dialog().filter({ hasText: 'Deployment of /sysdig-agent is blocked' });
    await blocked.waitFor({ timeout: 120_000 });
    assert.doesNotMatch((await blocked.textContent()) ?? '', /Roll Back/, 'no rollback: its revert would stall the same way');
    await s.screenshot('blocked-modal');
    const deploymentId = marathon.store.deployments[0].id;
    await blocked.locator('.monaco-button', { hasText: /^Cancel Deployment$/ }).click();
    const note = await s.waitForNotification(`Deployment ${deploymentId} cancelled: the old tasks keep running.`);
    assert.deepEqual(
      writes().map((r) => `${r.method} ${r.url}`),
      ['PUT /v2/apps/sysdig-agent', `DELETE /v2/deployments/${deploymentId}?force=true`],
      'one PUT, then the forced cancel (202, no revert)',
    );
    assert.equal(marathon.store.deployments.length, 0, 'no deployment runs: nothing reverts');
    await until('the diff tab closed', async () => !(await tabs()).includes(DIFF_TAB));
    assert.match(note, /Use Kill-First Strategy/);
    await s.page.locator('.notification-toast', { hasText: `Deployment ${deploymentId} cancelled` }).locator('.monaco-button', { hasText: /^Use Kill-First Strategy$/ }).click();
    await s.waitForNotification('Kill-first upgradeStrategy added to sysdig.json');
    assert.equal(await savedText(), withKillFirst);
    noSecret([log(), ...(await s.notifications())]);
  });
});
