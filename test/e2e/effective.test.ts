// The agent's effective dragent.yaml in a real VS Code (issue 12 §1): Sysdig's published agent app (its access key
// placeholder replaced by a key, so that masking shows), the editor title's "Show the agent's effective
// dragent.yaml" opens a read-only document beside it whose lines are the entrypoint's dragent.yaml under comments
// naming their origins, the key masked, every line visible without scrolling sideways in that half-width pane; an
// edit of the app's ADDITIONAL_CONF appears in it without running the command again.
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

/** the rendered lines of the effective view whose text ends right of what the pane shows (left of the minimap) */
async function cutOff(): Promise<string[]> {
  const group = s.page.locator('.editor-group-container', { has: s.page.locator('.tab.active', { hasText: 'effective dragent.yaml' }) });
  return group.locator('.monaco-editor').first().evaluate((ed) => {
    type Box = { left: number; right: number };
    type El = { getBoundingClientRect(): Box; textContent: string | null; lastElementChild: El | null; querySelector(s: string): El | null; querySelectorAll(s: string): ArrayLike<El> };
    const editor = ed as unknown as El;
    const minimap = editor.querySelector('.minimap');
    const visible = editor.querySelector('.editor-scrollable')!.getBoundingClientRect();
    const limit = minimap && minimap.getBoundingClientRect().right > minimap.getBoundingClientRect().left ? Math.min(visible.right, minimap.getBoundingClientRect().left) : visible.right;
    const out: string[] = [];
    for (const line of Array.from(editor.querySelectorAll('.view-lines .view-line'))) {
      const last = line.lastElementChild;
      if (last && last.getBoundingClientRect().right > limit + 0.5) out.push(line.textContent ?? '');
    }
    return out;
  });
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
        return l.includes('memdump: {enabled: true}') ? l : undefined;
      });
      process.stdout.write(`# effective view:\n${lines.map((l) => `#   ${l}`).join('\n')}\n`);
      assert.deepEqual(lines.slice(0, 8), [
        '# ── ACCESS_KEY (docker parameter)',
        'customerid: ***',
        '# ── COLLECTOR (docker parameter)',
        'collector: COLLECTOR-ADDRESS-HERE',
        '# ── ADDITIONAL_CONF, lines 1–3',
        'security: {enabled: true}',
        'commandlines_capture: {enabled: true}',
        'memdump: {enabled: true}',
      ]);
      assert.ok(!lines.join('\n').includes(KEY), 'the access key is masked');
      // beside the app, in half the window: no line, origin comments and notes included, runs off the pane
      assert.deepEqual(await cutOff(), [], 'lines cut off at the pane\'s right edge');
      // read-only: the document is of our scheme, not a file
      const tab = s.page.locator('.tabs-container .tab', { hasText: 'effective dragent.yaml' }).first();
      assert.match((await tab.getAttribute('aria-label')) ?? (await tab.textContent()) ?? '', /effective dragent\.yaml/);
      // in our own language, not `yaml`: no other YAML linter reads the masked `customerid: ***` as an alias
      await tab.click();
      await until('the language mode of the effective view', async () => ((await s.page.locator('[id="status.editor.mode"]').textContent()) ?? '').includes('Sysdig Agent (YAML)') || undefined);
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
        return l.includes('tags: role:e2e') ? l : undefined;
      });
      assert.deepEqual(lines.slice(4, 9), ['# ── ADDITIONAL_CONF, lines 1–4', 'security: {enabled: true}', 'commandlines_capture: {enabled: true}', 'memdump: {enabled: true}', 'tags: role:e2e']);
      assert.ok(!lines.join('\n').includes(KEY));
      await s.keepScreenshot(join(root, '.tmp', 'e2e', 'screenshots', 'effective-dragent-yaml-edited.png'));
    });
  });
});
