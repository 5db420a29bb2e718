// "Show Task Log" (issue 13 §1) in the real VS Code against the fakes on 127.0.0.1: a Marathon fake placing the agent
// app on 10.0.2.121 and on the master's node, a Mesos fake whose agents (fake/mesos-agent.ts) serve the tasks'
// sandboxes. From the view: a "not monitored" node, then a task's log opened by its inline action — a read-only
// document with the header, the fake's stdout lines with the access key masked, text appended to the sandbox arriving
// (follow), and no more /files/read once the tab is closed. Screenshot: .tmp/e2e/screenshots/task-log-*.png.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Session, root, sleep, until } from './harness';
import { startFakeMarathon, type FakeMarathon } from '../cluster/fake/marathon';
import type { FakeMesos } from '../cluster/fake/mesos';
import type { FakeAgents } from '../cluster/fake/mesos-agent';
import { clusterWithAgents, FILE_KEY } from '../cluster/deploy-helpers';

const fixedApp = readFileSync(join(root, 'examples', 'fixed', 'sysdig.json'), 'utf8');

let s: Session;
let marathon: FakeMarathon;
let mesos: FakeMesos;
let agents: FakeAgents;
let taskId: string;

before(async () => {
  marathon = await startFakeMarathon({
    profile: '1.4',
    role: 'leader',
    deploy: { agentHosts: ['10.0.2.121', '10.0.6.244', '10.0.7.17', '127.0.0.1'], clock: 'manual' },
    apps: { '/sysdig-agent': { instances: 2, taskHosts: ['10.0.2.121', '127.0.0.1'], definition: JSON.parse(fixedApp) } },
  });
  ({ mesos, agents } = await clusterWithAgents(marathon));
  taskId = marathon.store.apps.get('/sysdig-agent')!.tasks.find((t) => t.host === '10.0.2.121')!.id;
  agents.write(taskId, 'stdout', `* Setting up the agent\n* Using ACCESS_KEY=${FILE_KEY}\n* agent started: collector connected\n`);
  s = await Session.start({
    name: 'task-log',
    files: { 'dragent.yaml': `customerid: 0123abcd-e2e\nmesos_state_uri: ${mesos.url}\nmarathon_uris:\n  - ${marathon.url}\n`, 'sysdig.json': fixedApp },
    settings: { 'sysdig-mesos.view.refreshSeconds': 0 },
  });
});
after(async () => {
  await s?.close();
  await marathon?.close();
});

const view = () => s.page.locator('.part.sidebar', { has: s.page.locator('.title-label', { hasText: /Sysdig on Mesos/i }) });
const row = (...parts: string[]) => {
  let l = view().locator('.monaco-list-row');
  for (const p of parts) l = l.filter({ hasText: p });
  return l.first();
};
const fileReads = () => [...agents.servers.values()].flatMap((a) => a.requests).filter((r) => r.url.startsWith('/files/read')).length;
/** the active editor's text as Monaco draws it (the document is short: every line is drawn) */
const editorText = async () => ((await s.page.locator('.editor-instance .monaco-editor .view-lines').first().textContent()) ?? '').replace(/\u00a0/g, ' ');

describe('e2e: Show Task Log', () => {
  test('from the view: a "not monitored" node, a task\'s log opened, masked, following, and stopped when its tab is closed', async () => {
    await s.step('task-log-open', async () => {
      await s.page.locator('.activitybar .action-item a[aria-label^="Sysdig on Mesos"]').first().click();
      await view().waitFor();
      await row('10.0.6.244', 'not monitored: no agent task').waitFor();
      // only the node the app shares with the master is the master's: the agents on 127.0.0.1 have their own hostnames
      await row('127.0.0.1', 'master (leader) and agent').waitFor();
      assert.equal(await row('10.0.2.121').locator('.codicon-error').count(), 0);
      // the node's task (collapsed under it), then its inline action
      await row('10.0.2.121').click();
      const task = row(taskId);
      await task.waitFor();
      await task.hover();
      await task.locator('.action-label[aria-label="Show Task Log"]').click();
      await s.page.locator('.tabs-container .tab.active', { hasText: `${taskId} stdout.log` }).waitFor();
      const text = await until('the log in the document', async () => {
        const t = await editorText();
        return t.includes('agent started: collector connected') ? t : undefined;
      });
      assert.match(text, new RegExp(`stdout of task ${taskId.replace('.', '\\.')} on 10\\.0\\.2\\.121 — cluster dragent\\.yaml`));
      assert.match(text, /file: \/var\/lib\/mesos\/slaves\/\S+\/stdout \(agent 127\.0\.0\.1:\d+, TASK_RUNNING\)/);
      assert.match(text, /following — close the tab to stop/);
      assert.match(text, /\* Using ACCESS_KEY=\*\*\*/);
      assert.ok(!text.includes(FILE_KEY), 'the access key is masked');
    });
    await s.step('task-log-follow', async () => {
      agents.append(taskId, 'stdout', '* metrics: 42 containers seen\n');
      await until('the appended line', async () => (await editorText()).includes('* metrics: 42 containers seen'), 20_000, 200);
      const shot = await s.screenshot('task-log');
      assert.ok(shot, 'a screenshot of the log');
      process.stdout.write(`[e2e] task log screenshot: ${shot}\n`);
    });
    await s.step('task-log-close', async () => {
      const polling = fileReads();
      await until('the follow polls', () => fileReads() > polling, 10_000, 100);
      await s.page.locator('.tabs-container .tab.active', { hasText: `${taskId} stdout.log` }).locator('.codicon-close, .action-label[aria-label^="Close"]').first().click();
      await s.page.locator('.tabs-container .tab', { hasText: `${taskId} stdout.log` }).waitFor({ state: 'detached' });
      await sleep(1500); // a poll under way settles
      const closed = fileReads();
      await sleep(3000); // three poll intervals
      assert.equal(fileReads(), closed, 'no /files/read once the tab is closed');
    });
  });
});
