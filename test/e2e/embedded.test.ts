// ADDITIONAL_CONF in a real VS Code (issue 12 §1): Sysdig's published agent app with an unknown key added to the
// dragent.yaml text it carries; the warning's squiggle covers exactly that key's characters inside the JSON
// string, its hover says "did you mean", and the quick fix renames only those characters.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Session, lineCol, root, until } from './harness';
import { afterAction, finding } from './fixtures';

// read from ../shared/corpus and written only into the session's temporary workspace
const published = readFileSync(join(root, '..', 'shared', 'corpus', 'marathon-sysdig', 'draios__sysdig-cloud-scripts__agent_deploy__mesos__sysdig_secure.json'), 'utf8');
// second of its lines, after a `\n` escape, so that it is on screen without scrolling the long line
const app = published.replace('security: {enabled: true}\\n', 'security: {enabled: true}\\nmesos_state_url: http://10.0.0.1:5050\\n');
if (app === published) throw new Error('the published app no longer starts its ADDITIONAL_CONF with security: {enabled: true}');
const files = { 'agent/sysdig.json': app };

/**
 * Run in the page: the screen box of the first text `NEEDLE` in the focused editor's view lines (a DOM range over
 * those characters). A string, as the project's TypeScript has no DOM types.
 */
const KEY_RECT = `(() => {
  const needle = NEEDLE;
  for (const l of document.querySelectorAll('.editor-instance .monaco-editor.focused .view-lines .view-line')) {
    const walker = document.createTreeWalker(l, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const i = (n.textContent || '').indexOf(needle);
      if (i < 0) continue;
      const r = document.createRange();
      r.setStart(n, i);
      r.setEnd(n, i + needle.length);
      const b = r.getBoundingClientRect();
      return { x: b.x, right: b.right };
    }
  }
  return null;
})()`;

let s: Session;
before(async () => {
  s = await Session.start({ name: 'embedded', files });
});
after(async () => {
  await s?.close();
});

describe('e2e: ADDITIONAL_CONF checked as dragent.yaml', () => {
  test('an unknown key inside the string: a warning squiggle on exactly its characters, hover, and the rename', async () => {
    await s.step('additional-conf-squiggle', async () => {
      const rel = 'agent/sysdig.json';
      const f = finding(app, 'marathon-app', 'unknown-key');
      assert.equal(app.slice(f.start, f.end), 'mesos_state_url');
      assert.equal(f.severity, 'warning');
      await s.openFile(rel);
      const { line, col } = lineCol(app, f.start);
      await s.waitForProblem(['unknown-key', 'In "ADDITIONAL_CONF": "mesos_state_url" is not a setting', 'did you mean "mesos_state_uri"', `[Ln ${line}, Col ${col}]`]);
      await s.goTo(line, col + 3);
      const squiggle = await until('a warning squiggle under mesos_state_url', () => s.squiggleAtCursor('warning'));
      const box = (await squiggle.boundingBox())!;
      // where the key's characters are on screen, in the same scroll state: a DOM range over them in the view line
      const key = (await s.page.evaluate(KEY_RECT.replace('NEEDLE', JSON.stringify('mesos_state_url')))) as { x: number; right: number } | null;
      assert.ok(key, 'mesos_state_url is on screen');
      process.stdout.write(`# squiggle x ${box.x.toFixed(1)}..${(box.x + box.width).toFixed(1)}, key characters ${key.x.toFixed(1)}..${key.right.toFixed(1)}\n`);
      assert.ok(Math.abs(box.x - key.x) <= 2 && Math.abs(box.x + box.width - key.right) <= 2, `squiggle ${box.x}..${box.x + box.width}, key ${key.x}..${key.right}`);
      await s.keepScreenshot(join(root, '.tmp', 'e2e', 'screenshots', 'embedded-additional-conf-squiggle.png'));
      const hover = await s.hoverText(squiggle, 'did you mean "mesos_state_uri"');
      assert.match(hover, /unknown-key/);
      const expected = afterAction(app, 'marathon-app', f, 'Rename to');
      assert.equal(expected, app.replace('mesos_state_url', 'mesos_state_uri'));
      await s.page.mouse.move(0, 0);
      await s.goTo(line, col + 3);
      await s.quickFix('Rename to "mesos_state_uri"');
      assert.equal(await s.saveAndRead(rel, expected), expected);
    });
  });
});
