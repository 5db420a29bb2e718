// Issue 12 §3 in a real VS Code: the guide's "Turning Off Meta Data Reception" from the lightbulb on
// `mesos_state_uri` — the saved file is what the language service computes — and "Turn Mesos metadata reception
// back on" from the lightbulb on a commented line gives back the original bytes. Hover on mesos_autodetect.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Session, lineCol, sleep, until } from './harness';
import { service } from './fixtures';
import { applyEdits } from '../helpers/edits';
import { OFF_PREFIX, REWRITE_KIND, TURN_OFF_TITLE, TURN_ON_TITLE } from '../../server/src/service';

const REL = 'delegated/dragent.yaml';
const ORIGINAL = [
  '# the delegated agent (the guide: choose only one)',
  'customerid: 0123abcd',
  'mesos_state_uri: http://10.0.0.1:5050   # the master',
  'marathon_uris:',
  '  # only the first one is used',
  '  - http://10.0.0.1:8080',
  'mesos_autodetect: true',
  'log:',
  '  file_priority: info',
  '',
].join('\n');

/** the text the action named `title` at `offset` turns `text` into, as the service computes it */
function afterReception(text: string, offset: number, title: string): string {
  const { doc, findings } = service.check(text, 'dragent');
  const a = service.codeActions(doc, findings, { start: offset, end: offset }).find((x) => x.kind === REWRITE_KIND && x.title === title);
  if (!a) throw new Error(`no "${title}" at ${offset}`);
  return applyEdits(text, a.edits);
}

let s: Session;
before(async () => {
  s = await Session.start({ name: 'reception', files: { [REL]: ORIGINAL } });
});
after(async () => {
  await s?.close();
});

/** clicks the lightbulb at the cursor's line and picks `title` from its menu; returns the menu's entries */
async function fromLightbulb(title: string): Promise<string[]> {
  // on a line whose text starts at column 1 VS Code draws the lightbulb in the gutter, else beside the text
  const editor = '.editor-instance .monaco-editor.focused';
  const bulb = s.page.locator(`${editor} .glyph-margin-widgets [class*="codicon-gutter-lightbulb"], ${editor} .lightBulbWidget:visible`);
  const entry = s.page.locator('.action-widget .monaco-list-row.action');
  const entries = await until(`the lightbulb menu with "${title}"`, async () => {
    await bulb.first().waitFor({ state: 'visible', timeout: 5000 });
    await bulb.first().click();
    await entry.first().waitFor({ state: 'visible', timeout: 5000 });
    const texts = (await entry.allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());
    if (texts.some((t) => t.startsWith(title))) return texts;
    await s.page.keyboard.press('Escape');
    await sleep(500);
    return undefined;
  });
  await s.screenshot(`lightbulb-${title.slice(0, 20)}`);
  await entry.filter({ hasText: title }).first().click();
  await entry.first().waitFor({ state: 'hidden' });
  return entries;
}

describe('e2e: Turning Off Meta Data Reception (issue 12 §3)', () => {
  test('lightbulb on mesos_state_uri → turn off: saved file = the service output; lightbulb on a commented line → back on: the original bytes', async () => {
    const offAt = ORIGINAL.indexOf('mesos_state_uri') + 3;
    const turnedOff = afterReception(ORIGINAL, offAt, TURN_OFF_TITLE);
    assert.ok(turnedOff.includes(`${OFF_PREFIX}marathon_uris:\n${OFF_PREFIX}  # only the first one is used\n`));
    const onAt = turnedOff.indexOf(`${OFF_PREFIX}mesos_state_uri`) + 3;
    assert.equal(afterReception(turnedOff, onAt, TURN_ON_TITLE), ORIGINAL);

    await s.step('turn-off', async () => {
      await s.openFile(REL);
      const { line, col } = lineCol(ORIGINAL, offAt);
      await s.goTo(line, col);
      const menu = await fromLightbulb(TURN_OFF_TITLE);
      assert.ok(!menu.some((e) => e.startsWith(TURN_ON_TITLE)), JSON.stringify(menu));
      assert.equal(await s.saveAndRead(REL, turnedOff), turnedOff);
    });

    await s.step('hover-autodetect', async () => {
      const { line, col } = lineCol(turnedOff, turnedOff.indexOf('mesos_autodetect: false') + 3);
      await s.goTo(line, col);
      // the key's own token (the commented line below holds the name inside one comment token)
      const word = s.page.locator('.editor-instance .monaco-editor.focused .view-line span span', { hasText: /^mesos_autodetect$/ }).first();
      const hover = await s.hoverText(word, 'When it matters');
      assert.match(hover, /master node/);
      await s.page.keyboard.press('Escape');
    });

    await s.step('turn-on', async () => {
      const { line, col } = lineCol(turnedOff, onAt);
      await s.goTo(line, col);
      const menu = await fromLightbulb(TURN_ON_TITLE);
      assert.ok(!menu.some((e) => e.startsWith(TURN_OFF_TITLE)), JSON.stringify(menu));
      assert.equal(await s.saveAndRead(REL, ORIGINAL), ORIGINAL);
      assert.equal(readFileSync(join(s.ws, REL), 'utf8'), ORIGINAL);
    });
  });
});
