// The "Sysdig on Mesos" view (issue 13 §1) in the real VS Code against the Mesos and Marathon fakes on 127.0.0.1: a
// cluster of three agent nodes and a node that is both master and agent (the Mesos fake's master, 127.0.0.1); the agent
// app runs on 10.0.2.121 and on the master — so 10.0.6.244 and 10.0.7.17 are "not monitored: no agent task" and the
// master+agent node carries the guide's warning. The view reads only while it is visible; Scale asks first, then
// PUTs {instances} and reads again. Screenshots: .tmp/e2e/screenshots/ (always), docs/images/ (npm run screenshots).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Session, root, sleep, until } from './harness';
import { startFakeMarathon, type FakeMarathon } from '../cluster/fake/marathon';
import type { FakeMesos } from '../cluster/fake/mesos';
import { mesosOf } from '../cluster/deploy-helpers';

const shots = process.env.SYSDIG_MESOS_SCREENSHOTS ? join(root, process.env.SYSDIG_MESOS_SCREENSHOTS) : undefined;
const fixedApp = readFileSync(join(root, 'examples', 'fixed', 'sysdig.json'), 'utf8');
const REFRESH_SECONDS = 2;

let s: Session;
let marathon: FakeMarathon;
let mesos: FakeMesos;

before(async () => {
  marathon = await startFakeMarathon({
    profile: '1.4',
    role: 'leader',
    deploy: { agentHosts: ['10.0.2.121', '10.0.6.244', '10.0.7.17', '127.0.0.1'], clock: 'manual' },
    apps: { '/sysdig-agent': { instances: 2, taskHosts: ['10.0.2.121', '127.0.0.1'], definition: JSON.parse(fixedApp) } },
  });
  mesos = await mesosOf(marathon);
  s = await Session.start({
    name: 'view',
    files: { 'dragent.yaml': `customerid: 0123abcd-e2e\nmesos_state_uri: ${mesos.url}\nmarathon_uris:\n  - ${marathon.url}\n`, 'sysdig.json': fixedApp },
    settings: { 'sysdig-mesos.view.refreshSeconds': REFRESH_SECONDS },
  });
});
after(async () => {
  await s?.close();
  await marathon?.close();
  await mesos?.close();
});

const stateReads = () => mesos.requests.filter((r) => r.url.startsWith('/master/state')).length;
/** the side bar, showing our view container (its only view is the tree) */
const view = () => s.page.locator('.part.sidebar', { has: s.page.locator('.title-label', { hasText: /Sysdig on Mesos/i }) });
/** a row of the view's tree holding every one of `parts` (label and description) */
const row = (...parts: string[]) => {
  let l = view().locator('.monaco-list-row');
  for (const p of parts) l = l.filter({ hasText: p });
  return l.first();
};

async function openView(): Promise<void> {
  await s.page.locator('.activitybar .action-item a[aria-label^="Sysdig on Mesos"]').first().click();
  await view().waitFor();
}

/** a wider side bar (its sash dragged), so that the descriptions show whole in the screenshot */
async function widenSideBar(): Promise<void> {
  const b = await s.page.locator('.part.sidebar').boundingBox();
  if (!b) return;
  const edge = b.x + b.width;
  const sashes = s.page.locator('.monaco-sash.vertical');
  let best: { x: number; y: number; d: number } | undefined;
  for (let i = 0; i < (await sashes.count()); i++) {
    const r = await sashes.nth(i).boundingBox();
    if (!r || r.height < 200) continue;
    const x = r.x + r.width / 2;
    if (!best || Math.abs(x - edge) < best.d) best = { x, y: r.y + r.height / 2, d: Math.abs(x - edge) };
  }
  if (!best || best.d > 10) return;
  await s.page.mouse.move(best.x, best.y);
  await s.page.mouse.down();
  await s.page.mouse.move(best.x + 420, best.y, { steps: 10 });
  await s.page.mouse.up();
}

describe('e2e: the Sysdig on Mesos view', () => {
  test('hidden, the view reads nothing; opened, it shows the masters, each agent node with its task or "not monitored: no agent task", the master+agent warning', async () => {
    await s.step('view-open', async () => {
      // the extension is active (the workspace holds a dragent.yaml) and the view exists, hidden: no read
      await sleep(REFRESH_SECONDS * 1500);
      assert.equal(stateReads(), 0, 'nothing read while the view is hidden');
      await openView();
      await row('10.0.6.244', 'not monitored: no agent task').waitFor();
      await row('10.0.7.17', 'not monitored: no agent task').waitFor();
      await row('10.0.2.121', 'running').waitFor();
      await row('127.0.0.1', 'master (leader) and agent — the agent app must not run here').waitFor();
      await row('Mesos masters', 'leader 127.0.0.1').waitFor();
      await row('/sysdig-agent', 'instances 2', '3 agent node(s)').waitFor();
      await row('dragent.yaml', '4 agent node(s)', '1 monitored', '2 not monitored', '1 master+agent running the app').waitFor();
      // the icons: a warning on the node without a task, an error on the master+agent node running the app
      assert.equal(await row('10.0.6.244').locator('.codicon-warning').count(), 1);
      assert.equal(await row('127.0.0.1', 'must not run here').locator('.codicon-error').count(), 1);
      // the tooltip says the guide's words and the way out (kept on screen for the screenshot)
      await widenSideBar();
      await s.page.mouse.move(1000, 700);
      const tip = await until('the tooltip of the master+agent node', async () => {
        await row('127.0.0.1', 'must not run here').hover();
        const texts = await s.page.locator('.monaco-hover:visible, .workbench-hover:visible').allTextContents();
        return texts.find((x) => x.includes('The guide'));
      });
      assert.match(tip, /the guide says the agent must not run as a Marathon app there/);
      assert.match(tip, /\["hostname","UNLIKE","127\.0\.0\.1"\]/);
      const shot = await s.screenshot('cluster-view');
      assert.ok(shot, 'a screenshot of the view');
      process.stdout.write(`[e2e] view screenshot: ${shot}\n`);
      if (shots) await s.keepScreenshot(join(shots, 'cluster-view.png'));
      await s.page.mouse.move(1000, 700);
    });
  });

  test('visible, it reads again every refreshSeconds; hidden again, the reading stops', async () => {
    await s.step('view-polling', async () => {
      const before = stateReads();
      await until('a periodic refresh', () => stateReads() >= before + 2, REFRESH_SECONDS * 6000, 200);
      // back to the Explorer: the view is hidden
      await s.page.locator('.activitybar .action-item a[aria-label^="Explorer"]').first().click();
      await view().waitFor({ state: 'hidden' });
      await sleep(500); // a read that had started settles
      const hidden = stateReads();
      await sleep(REFRESH_SECONDS * 2500);
      assert.equal(stateReads(), hidden, 'no read while hidden');
      await openView();
      await until('a read when shown again', () => stateReads() > hidden, 30_000, 200);
    });
  });

  test('Scale to the number of agents: the inline action on the app, a modal, PUT {"instances": 3}, the view reads again', async () => {
    await s.step('view-scale', async () => {
      const app = row('/sysdig-agent', 'instances 2');
      await app.hover();
      await app.locator('.action-label[aria-label="Scale to the number of agents"]').click();
      const dialog = s.page.locator('.monaco-dialog-box');
      await dialog.waitFor();
      assert.match((await dialog.textContent()) ?? '', /Scale \/sysdig-agent from 2 to 3 instance\(s\)\?/);
      await dialog.locator('.monaco-button', { hasText: /^Scale$/ }).click();
      await until('the PUT', () => marathon.requests.some((r) => r.method === 'PUT' && r.url === '/v2/apps/sysdig-agent'));
      const put = marathon.requests.find((r) => r.method === 'PUT' && r.url === '/v2/apps/sysdig-agent')!;
      assert.deepEqual(JSON.parse(put.body), { instances: 3 });
      await s.waitForNotification(/Scaling \/sysdig-agent to 3 instance\(s\): deployment /);
      // the deployment places the third task; the view's next read shows it
      marathon.store.advance(2);
      await row('/sysdig-agent', 'instances 3').waitFor();
      await until('the third task on a node', async () => (await row('dragent.yaml', '2 monitored', '1 not monitored').count()) > 0, 30_000, 500);
    });
  });
});
