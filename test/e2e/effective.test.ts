// The agent's effective dragent.yaml in a real VS Code (issue 12 §1): Sysdig's published agent app (its access key
// placeholder replaced by a key, so that masking shows), the editor title's "Show the agent's effective
// dragent.yaml" opens a read-only document beside it whose lines are the entrypoint's dragent.yaml with their
// origins and the key masked; an edit of the app's ADDITIONAL_CONF appears in it without running the command again.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Session, lineCol, root, until } from './harness';

// read from ../shared/corpus and written only into the session's temporary workspace
const published = readFileSync(join(root, '..', 'shared', 'corpus', 'marathon-sysdig', 'draios__sysdig-cloud-scripts__agent_deploy__mesos__sysdig_secure.json'), 'utf8');
const KEY = '7c4e2b9a-3f1d-4a8e-b6c5-0d9e8f7a6b5c';
const app = published.replace('YOUR-ACCESS—KEY-HERE', KEY).replace('YOUR-NUMBER-OF-INSTANCES-HERE', '3');
if (!app.includes(KEY)) throw new Error('the published app no longer has the ACCESS_KEY placeholder');
const files = { 'agent/sysdig.json': app };
const TITLE = "Show the agent's effective dragent.yaml";

let s: Session;
before(async () => {
  s = await Session.start({ name: 'effective', files });
});
after(async () => {
  await s?.close();
});

/** the text lines of the editor showing the effective document (Monaco renders spaces as no-break spaces) */
async function viewLines(): Promise<string[]> {
  // the editor group whose active tab is the effective document
  const group = s.page.locator('.editor-group-container', { has: s.page.locator('.tab.active', { hasText: 'effective dragent.yaml' }) });
  // Monaco reuses line elements: ordered by their `top`, not by DOM order
  const rows = await group.locator('.view-lines .view-line').evaluateAll((els) => els.map((e) => [parseFloat((e as unknown as { style: { top: string } }).style.top) || 0, e.textContent ?? ''] as [number, string]));
  return rows.sort((a, b) => a[0] - b[0]).map(([, l]) => l.replace(/\u00a0/g, ' '));
}

describe('e2e: the effective dragent.yaml', () => {
  test('the editor title command opens it beside the app: lines with origins, the key masked; edits follow', async () => {
    await s.step('effective-open', async () => {
      await s.openFile('agent/sysdig.json');
      // the editor title's button (the manifest's editor/title entry for marathon-app-json)
      const button = s.page.locator(`.editor-actions .action-label[aria-label*="${TITLE}"]`).first();
      await button.waitFor();
      await button.click();
      await s.page.locator('.tabs-container .tab', { hasText: 'effective dragent.yaml' }).first().waitFor();
      // beside the app: two editor groups
      await until('two editor groups', async () => (await s.page.locator('.editor-group-container').count()) >= 2);
      const lines = await until('the effective lines', async () => {
        const l = await viewLines();
        return l.some((x) => x.includes('# from ADDITIONAL_CONF line 3')) ? l : undefined;
      });
      process.stdout.write(`# effective view:\n${lines.map((l) => `#   ${l}`).join('\n')}\n`);
      const body = lines.slice(0, 5).map((l) => l.replace(/ +#/, ' #'));
      assert.deepEqual(body, [
        'customerid: *** # from docker parameter ACCESS_KEY',
        'collector: COLLECTOR-ADDRESS-HERE # from docker parameter COLLECTOR',
        'security: {enabled: true} # from ADDITIONAL_CONF line 1',
        'commandlines_capture: {enabled: true} # from ADDITIONAL_CONF line 2',
        'memdump: {enabled: true} # from ADDITIONAL_CONF line 3',
      ]);
      assert.ok(!lines.join('\n').includes(KEY), 'the access key is masked');
      // read-only: the document is of our scheme, not a file
      const tab = s.page.locator('.tabs-container .tab', { hasText: 'effective dragent.yaml' }).first();
      assert.match((await tab.getAttribute('aria-label')) ?? (await tab.textContent()) ?? '', /effective dragent\.yaml/);
      await s.keepScreenshot(join(root, '.tmp', 'e2e', 'screenshots', 'effective-dragent-yaml.png'));
    });
    await s.step('effective-follows-edits', async () => {
      // back in the app: a fourth line typed at the end of ADDITIONAL_CONF, written as the file writes its newlines
      await s.page.locator('.tabs-container .tab', { hasText: 'sysdig.json' }).first().click();
      const end = app.indexOf('memdump: {enabled: true}') + 'memdump: {enabled: true}'.length;
      const { line, col } = lineCol(app, end);
      await s.goTo(line, col);
      await s.type('\\ntags: role:e2e');
      const lines = await until('the typed line in the effective view', async () => {
        const l = await viewLines();
        return l.some((x) => /^tags: role:e2e +# from ADDITIONAL_CONF line 4$/.test(x)) ? l : undefined;
      });
      assert.ok(!lines.join('\n').includes(KEY));
      await s.keepScreenshot(join(root, '.tmp', 'e2e', 'screenshots', 'effective-dragent-yaml-edited.png'));
    });
  });
});
