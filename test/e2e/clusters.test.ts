// Named clusters (issue 13 §2) in the real VS Code: two clusters side by side in the Sysdig on Mesos view, each a
// Marathon fake with its own Mesos fake on 127.0.0.1 — "dev" from the workspace's .sysdig-mesos.json, "prod" from the
// sysdig-mesos.clusters setting, its Marathon behind a password. No dragent.yaml in the workspace. prod is first its own
// failed item; its "Set cluster credentials" step stores the password in SecretStorage (by the cluster's name), and the
// view reads it again. Check Marathon then asks which cluster. Screenshots: .tmp/e2e/screenshots/.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Session, root, until } from './harness';
import { startFakeMarathon, type FakeMarathon } from '../cluster/fake/marathon';
import type { FakeMesos } from '../cluster/fake/mesos';
import { mesosOf } from '../cluster/deploy-helpers';

const shots = process.env.SYSDIG_MESOS_SCREENSHOTS ? join(root, process.env.SYSDIG_MESOS_SCREENSHOTS) : undefined;
const fixedApp = readFileSync(join(root, 'examples', 'fixed', 'sysdig.json'), 'utf8');
const PROD_PASSWORD = 'Pr0d-e2e-secret';

let s: Session;
let dev: { m: FakeMarathon; mesos: FakeMesos };
let prod: { m: FakeMarathon; mesos: FakeMesos };

before(async () => {
  const devM = await startFakeMarathon({ profile: '1.4', role: 'leader', deploy: { agentHosts: ['10.0.1.1', '10.0.1.2'], clock: 'manual' }, apps: { '/sysdig-agent': { instances: 2, taskHosts: ['10.0.1.1', '10.0.1.2'], definition: JSON.parse(fixedApp) } } });
  dev = { m: devM, mesos: await mesosOf(devM) };
  const prodM = await startFakeMarathon({
    profile: '1.6',
    role: 'leader',
    auth: { user: 'ops', password: PROD_PASSWORD },
    deploy: { agentHosts: ['10.0.9.1', '10.0.9.2', '10.0.9.3'], clock: 'manual' },
    apps: { '/sysdig-agent': { instances: 2, taskHosts: ['10.0.9.1', '10.0.9.2'], definition: JSON.parse(fixedApp) } },
  });
  prod = { m: prodM, mesos: await mesosOf(prodM) };
  s = await Session.start({
    name: 'clusters',
    files: {
      '.sysdig-mesos.json': JSON.stringify({ clusters: [{ name: 'dev', mesos: dev.mesos.url, marathon: dev.m.url }] }, null, 2),
      'sysdig.json': fixedApp,
    },
    settings: {
      'sysdig-mesos.view.refreshSeconds': 0,
      'sysdig-mesos.clusters': [{ name: 'prod', mesos: prod.mesos.url, marathon: prod.m.url, marathonUser: 'ops' }],
    },
  });
});
after(async () => {
  await s?.close();
  for (const c of [dev, prod]) {
    await c?.m.close();
    await c?.mesos.close();
  }
});

const view = () => s.page.locator('.part.sidebar', { has: s.page.locator('.title-label', { hasText: /Sysdig on Mesos/i }) });
const row = (...parts: string[]) => {
  let l = view().locator('.monaco-list-row');
  for (const p of parts) l = l.filter({ hasText: p });
  return l.first();
};
const input = () => s.page.locator('.quick-input-widget input');

describe('e2e: named clusters side by side', () => {
  test('the view shows dev and prod, each read at its own addresses; prod, refused, is its own item until its credentials are set', async () => {
    await s.step('clusters-view', async () => {
      await s.page.locator('.activitybar .action-item a[aria-label^="Sysdig on Mesos"]').first().click();
      await view().waitFor();
      await row('dev', '2 agent node(s)', '2 monitored').waitFor();
      await row('prod', 'cannot read Marathon').waitFor();
      await row('Set cluster credentials', 'next step').waitFor();
      // each cluster's requests went to its own fakes
      assert.ok(dev.mesos.requests.some((r) => r.url.startsWith('/master/state')));
      assert.ok(prod.mesos.requests.some((r) => r.url.startsWith('/master/state')));
      assert.ok(dev.m.requests.some((r) => r.url.startsWith('/v2/apps/sysdig-agent')));
      assert.ok(prod.m.requests.some((r) => r.url.startsWith('/v2/apps/sysdig-agent')));
      await s.screenshot('clusters-view-refused');

      // the next step: which service, the user (the list's, prefilled), the password in a hidden box
      await row('Set cluster credentials', 'next step').click();
      await s.quickPick('Marathon');
      await until('the user step', async () => (await input().inputValue()) === 'ops' && (await input().getAttribute('type')) !== 'password');
      await s.page.keyboard.press('Enter');
      await until('the password step', async () => (await input().getAttribute('type')) === 'password');
      await input().fill(PROD_PASSWORD);
      await s.page.keyboard.press('Enter');
      await s.waitForNotification('Marathon credentials for ops stored for cluster prod');

      // the view reads again: prod at last, with its agent node without a task
      await row('prod', '3 agent node(s)', '2 monitored', '1 not monitored').waitFor({ timeout: 30_000 });
      await row('10.0.9.3', 'not monitored: no agent task').waitFor();
      await row('dev', '2 agent node(s)', '2 monitored').waitFor();
      const auth = `Basic ${Buffer.from(`ops:${PROD_PASSWORD}`).toString('base64')}`;
      assert.ok(prod.m.requests.some((r) => r.headers.authorization === auth), 'the stored credentials went to prod');
      assert.ok(!dev.m.requests.some((r) => r.headers.authorization), 'and never to dev');
      const shot = await s.screenshot('clusters-view');
      assert.ok(shot);
      process.stdout.write(`[e2e] clusters screenshot: ${shot}\n`);
      if (shots) await s.keepScreenshot(join(shots, 'clusters-view.png'));
      const log = s.outputChannel('Sysdig Mesos');
      assert.ok(!log.includes(PROD_PASSWORD), 'the password is not in the log');
    });
  });

  test('Check Marathon asks which cluster (the workspace\'s own first) and says which in its result', async () => {
    await s.step('clusters-check', async () => {
      const before = prod.m.requests.filter((r) => r.url === '/ping' || r.url.startsWith('/v2/info')).length;
      await s.runCommand('Sysdig Mesos: Check Marathon connectivity');
      await s.page.locator('.quick-input-list .monaco-list-row', { hasText: "The workspace's defaults" }).first().waitFor();
      const items = (await s.page.locator('.quick-input-list .monaco-list-row').allTextContents()).join(' | ');
      assert.match(items, /The workspace's defaults.*dev.*prod/);
      await s.quickPick('prod');
      await s.waitForNotification(/Cluster prod: /);
      assert.ok(prod.m.requests.filter((r) => r.url === '/ping' || r.url.startsWith('/v2/info')).length > before, 'the check asked prod');
    });
  });
});
