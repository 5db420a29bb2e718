// Issue 11 §13, workspace diagnostics in a real VS Code: the Problems panel lists the problems of the workspace's
// dragent.yaml and Marathon app files from the start, without opening them (the server answers
// workspace/diagnostic, which vscode-languageclient pulls). An open file shows one set of problems, those of the
// text being edited, and after closing it without saving, those of the file on disk again.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Session, lineCol, until } from './harness';
import { finding, guide } from './fixtures';
import { problemRows } from './panel-rows';

const files = {
  'agent/dragent.yaml': guide('dragent.yaml'),
  'apps/sysdig.json': guide('sysdig.json'),
  // not ours: a YAML file no pattern names, with a tab that would be a syntax error if it were checked
  'notes/values.yaml': 'a:\n\tb: 1\n',
  // skipped: a copy under node_modules
  'node_modules/pkg/copy.dragent.yaml': guide('dragent.yaml'),
};

const placeholder = finding(files['agent/dragent.yaml'], 'dragent', 'placeholder');
const at = lineCol(files['agent/dragent.yaml'], placeholder.start);
const PLACEHOLDER_ROW = [placeholder.message.slice(0, 60), 'placeholder', `[Ln ${at.line}, Col ${at.col}]`];

let s: Session;
before(async () => {
  // the other suites turn it off (harness QUIET_SETTINGS): they count the problems of the files they open
  s = await Session.start({ name: 'workspace', files, settings: { 'sysdig-mesos.diagnostics.workspace': true } });
});
after(async () => {
  await s?.close();
});

/** the Problems rows of agent/dragent.yaml whose message holds `text` */
async function rowsOf(text: string): Promise<number> {
  return (await problemRows(s)).filter((r) => r.file === 'dragent.yaml' && r.message.includes(text)).length;
}
/** the customerid is the guide's placeholder (line 3) */
const customeridRows = () => rowsOf('"831g28-Your-Key-Here-a0fpc9d" is a placeholder');
/** the guide's sample credentials (lines 5 and 7, two rows) */
const credentialRows = () => rowsOf('"myacct:mypass" is a placeholder');

describe('e2e: workspace diagnostics', () => {
  test('an unopened dragent.yaml: its placeholder is in the Problems panel, and only our files are', async () => {
    await s.step('unopened', async () => {
      const row = await s.waitForProblem(PLACEHOLDER_ROW, 60_000);
      assert.match(row, /sysdig-mesos/);
      assert.equal(await s.page.locator('.tabs-container .tab').count(), 0, 'no file was opened');
      const shot = await s.screenshot('workspace-problems-unopened');
      process.stdout.write(`# screenshot: ${shot}\n`);
      // the Marathon app is listed too; the node_modules copy and the other YAML file are not
      await until('both files in the Problems panel', async () => {
        const names = new Set((await problemRows(s)).map((r) => r.file));
        return names.has('dragent.yaml') && names.has('sysdig.json') ? names : undefined;
      });
      const names = [...new Set((await problemRows(s)).map((r) => r.file))].sort();
      assert.deepEqual(names, ['dragent.yaml', 'sysdig.json']);
      assert.equal(await customeridRows(), 1, 'the placeholder once');
      assert.equal(await credentialRows(), 2, 'the sample credentials, lines 5 and 7');
    });
  });

  test('opened and edited: one set of problems, the edited text\'s; closed without saving: the file\'s again', async () => {
    await s.step('edit-and-close', async () => {
      await s.openFile('agent/dragent.yaml');
      await s.goTo(at.line, at.col);
      await s.page.keyboard.press('Shift+End');
      await s.type('0123abcd');
      await until('the placeholder gone from the Problems panel', async () => (await customeridRows()) === 0, 30_000);
      // the file's other problems are listed once each: never the disk report beside the editor's
      assert.equal(await credentialRows(), 2);
      assert.equal((await problemRows(s)).filter((r) => r.file === 'dragent.yaml').length, 4, 'five problems on disk, one fixed in the editor');
      await s.screenshot('workspace-problems-edited');

      await s.runCommand('View: Close All Editors');
      const dontSave = s.page.locator('.monaco-dialog-box .monaco-button', { hasText: "Don't Save" });
      await dontSave.waitFor({ timeout: 10_000 });
      await dontSave.click();
      await until('the placeholder back, from the file on disk', async () => (await customeridRows()) === 1, 60_000);
      await s.screenshot('workspace-problems-closed');
    });
  });
});
