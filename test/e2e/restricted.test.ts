// Restricted Mode: Workspace Trust on and the folder not trusted. The extension declares limited support
// (capabilities.untrustedWorkspaces): validation must still work, and the commands that contact a cluster
// ask for trust instead of running.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Session, lineCol, until } from './harness';
import { finding, guide } from './fixtures';

const files = { 'dragent.yaml': guide('dragent.yaml') };
let s: Session;
before(async () => {
  s = await Session.start({ name: 'restricted', files, restricted: true });
});
after(async () => {
  await s?.close();
});

test('Restricted Mode: the folder is untrusted and the guide dragent.yaml is still validated', async () => {
  await s.step('restricted', async () => {
    await until('the Restricted Mode indicator', async () => (await s.statusBar()).some((t) => t.includes('Restricted Mode')));
    const f = finding(files['dragent.yaml'], 'dragent', 'placeholder');
    await s.openFile('dragent.yaml');
    const { line, col } = lineCol(files['dragent.yaml'], f.start);
    const row = await s.waitForProblem([f.message.slice(0, 60), 'placeholder', `[Ln ${line}, Col ${col}]`]);
    assert.match(row, /sysdig-mesos/);
    assert.ok((await s.statusBar()).some((t) => t.includes('Restricted Mode')), 'still in Restricted Mode');
  });
});

test('Restricted Mode: Check Mesos connectivity asks for workspace trust instead of running', async () => {
  await s.step('restricted-check-mesos', async () => {
    await s.openFile('dragent.yaml');
    await s.runCommand('Sysdig Mesos: Check Mesos connectivity');
    const note = await s.waitForNotification('needs a trusted workspace');
    assert.match(note, /Manage Workspace Trust/);
    assert.ok(!/Check Mesos connectivity \(\d+ ms\)/.test(s.outputChannel('Sysdig Mesos')), 'no check was run');
  });
});

test('Restricted Mode: the Sysdig on Mesos view reads nothing and shows one item asking for trust, which opens Workspace Trust', async () => {
  await s.step('restricted-view', async () => {
    await s.page.locator('.activitybar .action-item a[aria-label^="Sysdig on Mesos"]').first().click();
    const item = s.page.locator('.part.sidebar .monaco-list-row', { hasText: 'Trust this workspace to read the cluster' });
    await item.waitFor();
    assert.equal(await s.page.locator('.part.sidebar .monaco-list-row').count(), 1);
    await item.click();
    // VS Code's Workspace Trust editor
    await s.page.locator('.workspace-trust-editor').waitFor();
    assert.ok((await s.statusBar()).some((t) => t.includes('Restricted Mode')), 'still in Restricted Mode');
  });
});
