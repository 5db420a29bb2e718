// The walkthrough followed exactly as written (issue 11 §2, §3, §4), in the real VS Code against the fake
// Mesos and Marathon on 127.0.0.1: the guide's files → placeholders filled (ACCESS_KEY=${ACCESS_KEY}, as
// step one says) → Check Mesos → Check Marathon → review (Set Sysdig access key) → deploy → agents confirmed,
// each step started from its own button in the walkthrough, and each step ticked when its work is done.
// On the way: deploy before the key is stored refuses, its "Show Problems" lists the reason, which names the
// command; once the key is stored the editor says the key is filled from secret storage (an information,
// not an error) and deploy sends it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Session, root, sleep, until } from './harness';
import { startFakeMarathon, type FakeMarathon } from '../cluster/fake/marathon';
import type { FakeMesos } from '../cluster/fake/mesos';
import { mesosOf } from '../cluster/deploy-helpers';
import { guide } from './fixtures';

const KEY = 'e2e0c1d2-0000-4f00-8a00-5ecre7ac0e57';
const FILE_KEY = '3f8e2a1c-5b7d-4e9f-a2c4-6d8b0e1f3a5c';
const fixedApp = readFileSync(join(root, 'examples', 'fixed', 'sysdig.json'), 'utf8');
/** the app as step one says to write it: the key left to deploy */
const app = fixedApp.replace(`ACCESS_KEY=${FILE_KEY}`, 'ACCESS_KEY=${ACCESS_KEY}');
const WALKTHROUGH = 'Run the Sysdig agent on Mesos and Marathon';
/** npm run screenshots: the README's image of the finished walkthrough */
const shots = process.env.SYSDIG_MESOS_SCREENSHOTS ? join(root, process.env.SYSDIG_MESOS_SCREENSHOTS) : undefined;

let s: Session;
let marathon: FakeMarathon;
let mesos: FakeMesos;

before(async () => {
  assert.notEqual(app, fixedApp);
  marathon = await startFakeMarathon({ profile: '1.4', role: 'leader', deploy: { clock: 'per-poll' } });
  mesos = await mesosOf(marathon);
  s = await Session.start({ name: 'walkthrough', files: { 'dragent.yaml': guide('dragent.yaml'), 'sysdig.json': guide('sysdig.json') } });
});
after(async () => {
  await s?.close();
  await marathon?.close();
  await mesos?.close();
});

/** the walkthrough's step element, by title */
const step = (title: string) => s.page.locator('.getting-started-step', { has: s.page.locator('.step-title', { hasText: title }) });

async function ticked(title: string): Promise<void> {
  // VS Code's gettingStarted.ts: the step's check icon gets the class `complete`
  await until(
    `the walkthrough step "${title}" ticked`,
    async () => {
      await showWalkthrough(); // a command may have opened an editor over it
      return (await step(title).locator('.codicon.complete').count()) > 0;
    },
    60_000,
    1000,
  );
}

/** opens the step (a click on its title) and clicks the button with `label` in its description */
async function clickStepButton(title: string, label: string): Promise<void> {
  await showWalkthrough();
  await step(title).locator('.step-title').click();
  const button = step(title).locator('.button-container .monaco-button, a', { hasText: label }).first();
  await button.waitFor({ state: 'visible' });
  await button.click();
}

async function showWalkthrough(): Promise<void> {
  const steps = s.page.locator('.getting-started-step');
  if (await steps.first().isVisible().catch(() => false)) return;
  const tab = s.page.locator('.tabs-container .tab', { hasText: 'Welcome' });
  if ((await tab.count()) > 0) {
    await tab.first().click();
    if (await steps.first().waitFor({ state: 'visible', timeout: 3000 }).then(() => true, () => false)) return;
  } else {
    await s.runCommand('Welcome: Open Walkthrough...');
    await s.quickPick(WALKTHROUGH);
    if (await steps.first().waitFor({ state: 'visible', timeout: 5000 }).then(() => true, () => false)) return;
  }
  // the Welcome page's list of walkthroughs
  await s.page.locator('.getting-started-category, button', { hasText: 'Run the Sysdig agent on Mesos' }).first().click();
  await steps.first().waitFor({ state: 'visible' });
}

/**
 * The user's filled-in file lands on disk (pasted from their notes in another editor, a git pull): VS Code
 * reloads the open, unmodified editor. (Typing it in the editor is the fill-in tests' business: ui.test.ts.)
 */
async function replaceText(rel: string, text: string): Promise<void> {
  writeFileSync(join(s.ws, rel), text);
  await s.openFile(rel);
  await until(`${rel} reloaded in its editor`, async () => ((await s.page.locator('.editor-instance .view-lines').first().textContent()) ?? '').replace(/\s+/g, '').includes(text.split('\n')[0].replace(/\s+/g, '')));
}

test('the walkthrough, followed as written, ticks every step from its own button', async () => {
  await s.step('walkthrough', async () => {
    await showWalkthrough();
    await s.screenshot('walkthrough-open');

    // 1. Fill in the guide's placeholders: the step's button finds them
    await clickStepButton("Fill in the guide's placeholders", 'Find placeholders');
    await s.waitForNotification(/placeholder\(s\) left in 2 file\(s\)/);
    // filled as step one says: the cluster's addresses in dragent.yaml, ACCESS_KEY=${ACCESS_KEY} in sysdig.json
    await replaceText('dragent.yaml', `customerid: ${FILE_KEY}\ntags: local:nyc1\nmesos_state_uri: ${mesos.url}\nmarathon_uris:\n  - ${marathon.url}\n`);
    await replaceText('sysdig.json', app);
    await showWalkthrough();
    await ticked("Fill in the guide's placeholders");

    // 2-3. the checks, from their buttons
    await clickStepButton('Check Mesos', 'Check Mesos connectivity');
    await ticked('Check Mesos');
    await clickStepButton('Check Marathon', 'Check Marathon connectivity');
    await ticked('Check Marathon');

    // deploy before the key is stored: refused, and the refusal names the command; Show Problems lists it
    await clickStepButton('Deploy to Marathon', 'Deploy agent app to Marathon');
    const refusal = s.page.locator('.monaco-dialog-box', { hasText: 'Not deployed' });
    await refusal.waitFor();
    assert.match((await refusal.textContent()) ?? '', /run "Sysdig Mesos: Set Sysdig access key"/);
    await refusal.locator('.monaco-button', { hasText: /^Show Problems$/ }).click();
    await s.waitForProblem(['${ACCESS_KEY}', 'has no value', 'Set Sysdig access key']);
    await s.screenshot('walkthrough-refused');

    // 4. Review: open the app, store the key (the step's two buttons)
    await clickStepButton('Review the agent app', 'Open the agent app');
    await ticked('Review the agent app');
    await clickStepButton('Review the agent app', 'Set Sysdig access key');
    const box = s.page.locator('.quick-input-widget input[type="password"]');
    await box.waitFor();
    await box.fill(KEY);
    await s.page.keyboard.press('Enter');
    await s.waitForNotification("Sysdig access key stored in VS Code's secret storage");
    // one truth: the editor now says what deploy will do, as an information
    const info = await s.waitForProblem(['${ACCESS_KEY}', "is filled from VS Code's secret storage at deploy"]);
    assert.ok(!info.includes('has no value'));
    const rows = await s.problems();
    assert.ok(!rows.some((r) => r.includes('ACCESS_KEY') && r.includes('has no value')), `no error left on ACCESS_KEY: ${rows.join(' | ')}`);

    // 5. Deploy
    await clickStepButton('Deploy to Marathon', 'Deploy agent app to Marathon');
    const dialog = s.page.locator('.monaco-dialog-box', { hasText: 'Create /sysdig-agent on' });
    await dialog.waitFor();
    await dialog.locator('.monaco-button', { hasText: /^Deploy$/ }).click();
    await s.waitForNotification(/\/sysdig-agent deployed: 3 of 3 task\(s\) running/, 120_000);
    await showWalkthrough();
    await ticked('Deploy to Marathon');
    const posts = marathon.requests.filter((r) => r.method === 'POST' && r.url.startsWith('/v2/apps'));
    assert.equal(posts.length, 1);
    assert.ok(posts[0].body.includes(`ACCESS_KEY=${KEY}`), 'the stored key was sent in place of ${ACCESS_KEY}');
    assert.equal(readFileSync(join(s.ws, 'sysdig.json'), 'utf8'), app, 'the file keeps ${ACCESS_KEY}');

    // 6. Confirm
    await clickStepButton('Confirm the agents are running', 'Confirm the agents are running');
    await s.waitForNotification(/The agent app runs 3 task\(s\) on \d+ Mesos agent\(s\)/);
    await showWalkthrough();
    await ticked('Confirm the agents are running');
    await sleep(500);
    await s.screenshot('walkthrough-done');
    if (shots) await s.keepScreenshot(join(shots, 'walkthrough.png'));
    for (const text of [s.outputChannel('Sysdig Mesos'), ...(await s.notifications()), ...(await s.problems())]) assert.ok(!text.includes(KEY), 'the key is never shown');
  });
});
