// Issue 11 §11 and §10 in a real VS Code: the fill-in box checks as you type (the file's own rule speaks before
// Enter), asks a URI in steps with the password in a hidden box, and writes what the service computes; the quick
// fix "This cluster's agents are newer than 2016" switches the agent profile, the https error leaves the Problems
// panel and the language status says latest.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Session, lineCol, until } from './harness';
import { afterFill, fillRefusal, finding, httpsDragent } from './fixtures';

const TEMPLATE = '[username:password@][hostname][:port]';
const files = {
  'box/dragent.yaml': `customerid: 0123abcd\nmesos_state_uri: http://${TEMPLATE}   # the delegated agent\nlog:\n  file_priority: info\n`,
  'https/dragent.yaml': httpsDragent(),
};

let s: Session;
before(async () => {
  s = await Session.start({ name: 'boxes', files });
});
after(async () => {
  await s?.close();
});

const input = () => s.page.locator('.quick-input-widget input');
const message = () => s.page.locator('.quick-input-widget .quick-input-message');

describe('e2e: the fill-in box (issue 11 §11)', () => {
  test('bad_host is refused while typing, credentials leave the plain box, the password step is hidden, the file is as computed', async () => {
    await s.step('fill-uri-steps', async () => {
      const rel = 'box/dragent.yaml';
      const text = files[rel];
      const refusal = fillRefusal(text, 'dragent', TEMPLATE, { parts: { host: 'bad_host' }, step: 'host' });
      assert.match(refusal, /the host name contains "_"/);
      const expected = afterFill(text, 'dragent', TEMPLATE, { parts: { host: '10.0.0.1:5050', user: 'admin', password: 'Zq9s3cret' }, step: 'password' });
      assert.match(expected, /mesos_state_uri: http:\/\/10\.0\.0\.1:5050 {3}# the delegated agent\nmesos_user: admin\nmesos_password: Zq9s3cret\n/);

      await s.openFile(rel);
      const f = finding(text, 'dragent', 'placeholder');
      const { line, col } = lineCol(text, f.start);
      await s.waitForProblem(['placeholder', `[Ln ${line}, Col ${col}]`]);
      await s.goTo(line, col + 2);
      await s.quickFix(`Fill in ${TEMPLATE}`);
      await input().waitFor();
      assert.equal(await input().getAttribute('type'), 'text');

      // the rule's message shows while typing, before any Enter
      await input().pressSequentially('bad_host', { delay: 40 });
      const shown = await until('the validation message for bad_host', async () => {
        const t = (await message().textContent()) ?? '';
        return t.includes('the host name contains') ? t : undefined;
      });
      assert.ok(shown.includes(refusal), `box: ${shown}\nrule: ${refusal}`);
      await s.screenshot('box-bad-host');

      // user:password@ typed into the plain box: moved out of it at once
      await input().fill('');
      await input().pressSequentially('admin:Zq9s3cret@10.0.0.1:5050', { delay: 20 });
      await until('the credentials moved out of the plain box', async () => (await input().inputValue()) === '10.0.0.1:5050');
      await until('no validation message for the host', async () => !((await message().textContent()) ?? '').includes('host name'));
      await s.page.keyboard.press('Enter');

      // step 2: the user name, moved there
      await until('the user step', async () => (await input().inputValue()) === 'admin' && (await input().getAttribute('type')) === 'text');
      await s.page.keyboard.press('Enter');

      // step 3: the password, in a hidden box
      await until('the password step', async () => (await input().getAttribute('type')) === 'password');
      assert.equal(await input().inputValue(), 'Zq9s3cret');
      await s.screenshot('box-password-step');
      const visible = await s.page.locator('.quick-input-widget').innerText();
      assert.ok(!visible.includes('Zq9'), 'the password is nowhere in the box as text');
      await s.page.keyboard.press('Enter');
      await input().waitFor({ state: 'hidden' });

      assert.equal(await s.saveAndRead(rel, expected), expected);
      const log = s.outputChannel('Sysdig Mesos');
      assert.ok(!log.includes('Zq9'), 'the password is not in the log');
    });
  });
});

describe('e2e: switch the agent profile (issue 11 §10)', () => {
  test('the quick fix on the https finding: the guide-2016 error leaves the Problems panel, the status says latest', async () => {
    await s.step('switch-profile', async () => {
      const rel = 'https/dragent.yaml';
      const text = files[rel];
      const f = finding(text, 'dragent', 'https-unsupported');
      assert.match(f.message, /profile: guide-2016/);
      await s.openFile(rel);
      const { line, col } = lineCol(text, f.start);
      await s.waitForProblem([f.message.slice(0, 60), 'https-unsupported', `[Ln ${line}, Col ${col}]`]);
      await s.goTo(line, col + 2);
      await s.quickFix("This cluster's agents are newer than 2016");

      await until('the guide-2016 https error to leave the Problems panel', async () => {
        const rows = await s.problems();
        return !rows.some((r) => r.includes('https-unsupported') && r.includes('profile: guide-2016'));
      });
      // under latest the rule still says what https means there (a warning), in its latest wording
      await s.waitForProblem(['https-unsupported', 'profile: latest']);
      const settings = readFileSync(join(s.ws, '.vscode', 'settings.json'), 'utf8');
      assert.equal(JSON.parse(settings)['sysdig-mesos.agentProfile'], 'latest');

      const item = s.page.locator('[id="status.languageStatus"]');
      await item.waitFor();
      const entries = await until('the language status with agent profile latest', async () => {
        await s.page.mouse.move(0, 0);
        await item.hover();
        const e = s.page.locator('.hover-language-status');
        await e.first().waitFor({ timeout: 3000 }).catch(() => undefined);
        const t = (await e.allTextContents()).map((x) => x.replace(/\s+/g, ' ').trim()).join(' | ');
        return t.includes('agent profile latest') ? t : undefined;
      });
      assert.match(entries, /agent profile latest \(from settings\)/);
      await s.screenshot('status-latest');
      await s.page.mouse.move(0, 0);
    });
  });

  test('.sysdig-mesos.json decides: the palette command (quick pick, current marked) edits its agentProfile only', async () => {
    await s.step('switch-profile-file', async () => {
      const rel = 'https/dragent.yaml';
      const f = finding(files[rel], 'dragent', 'https-unsupported');
      // the workspace file wins over the setting (latest, from the test before): the guide-2016 error is back
      const config = '{\n  "rules": { "mesos-uri-port": "warning" },\n  "agentProfile":  "guide-2016"\n}\n';
      writeFileSync(join(s.ws, '.sysdig-mesos.json'), config);
      await s.openFile(rel);
      await s.waitForProblem([f.message.slice(0, 60), 'https-unsupported']);
      await s.runCommand('Sysdig Mesos: Switch agent profile');
      const rows = await until('the two profiles in the quick pick', async () => {
        const r = (await s.page.locator('.quick-input-list .monaco-list-row').allTextContents()).map((x) => x.replace(/\s+/g, ' ').trim());
        return r.length === 2 ? r : undefined;
      });
      assert.match(rows[0], /guide-2016.*current/);
      assert.ok(!/current/.test(rows[1]) && /latest/.test(rows[1]), JSON.stringify(rows));
      await s.quickPick('latest');
      const expected = config.replace('"guide-2016"', '"latest"');
      await until('.sysdig-mesos.json edited', () => readFileSync(join(s.ws, '.sysdig-mesos.json'), 'utf8') === expected);
      await until('the guide-2016 https error to leave the Problems panel', async () => !(await s.problems()).some((r) => r.includes('https-unsupported') && r.includes('profile: guide-2016')));
      await s.openFile(rel);
      const item = s.page.locator('[id="status.languageStatus"]');
      const status = await until('the language status from .sysdig-mesos.json', async () => {
        await s.page.mouse.move(0, 0);
        await item.hover();
        const e = s.page.locator('.hover-language-status');
        await e.first().waitFor({ timeout: 3000 }).catch(() => undefined);
        const t = (await e.allTextContents()).join(' ');
        return t.includes('agent profile latest (from .sysdig-mesos.json)') ? t : undefined;
      });
      assert.ok(status);
      await s.page.mouse.move(0, 0);
    });
  });
});
