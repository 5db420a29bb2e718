// Issue 11 §1, one voice per file: on our files every problem, hover, completion item and symbol comes once,
// from us. Our own languages (marathon-app-json, dragent-yaml) keep VS Code's JSON service (and the Red Hat
// YAML extension, which cannot be installed here: it is on no registry this machine reaches) away; these
// tests count what the real workbench shows, by source, and check the JSON/YAML comforts our languages keep:
// highlighting, bracket matching, folding, formatting. With SYSDIG_MESOS_SCREENSHOTS it saves the README's
// image of the guide's sysdig.json.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Session, lineCol, root, sleep, until } from './harness';
import { findings, guide, service } from './fixtures';
import { allSuggestions, countBySource, problemRows, problemsBadge, type ProblemRow } from './panel-rows';
import { applyEdits } from '../helpers/edits';
import type { DocKind } from '../../server/src/service';

const shots = process.env.SYSDIG_MESOS_SCREENSHOTS ? join(root, process.env.SYSDIG_MESOS_SCREENSHOTS) : undefined;
/** our diagnostics' source (server/src/lsp/diagnostics.ts) */
const OURS = 'sysdig-mesos';
/** how long other validators get after ours are all shown: VS Code's JSON service answers within a second */
const SETTLE_MS = 4000;

const fixed = (name: string) => readFileSync(join(root, 'examples', 'fixed', name), 'utf8');
const fixedApp = fixed('sysdig.json');
/** the example: a number as a string, our error (Marathon refuses it) and, before, the JSON schema's warning too */
const memApp = fixedApp.replace('"mem": 500.0', '"mem": "500"');

const files: Record<string, string> = {
  'guide/sysdig.json': guide('sysdig.json'),
  'guide/dragent.yaml': guide('dragent.yaml'),
  'fixed/sysdig.json': fixedApp,
  'fixed/dragent.yaml': fixed('dragent.yaml'),
  'mem/sysdig.json': memApp,
  // a Marathon app whose name matches no pattern: known by its content only
  'sniffed/agent-app.json': memApp,
  'values/sysdig.json': fixedApp.replace('"mode": "RO"', '"mode": ""'),
  'keys/sysdig.json': fixedApp.replace('"id": "sysdig-agent",', '"id": "sysdig-agent",\n  '),
  'format/sysdig.json': `${JSON.stringify(JSON.parse(fixedApp))}\n`,
};

/** what the Problems panel shows of our findings: every severity but hint */
const shown = (text: string, kind: DocKind) => findings(text, kind).filter((f) => f.severity !== 'hint');

let s: Session;
before(async () => {
  assert.notEqual(memApp, fixedApp);
  // a fixed indentation, so that Format Document's result is known in advance (no detection from the text)
  s = await Session.start({ name: 'one-voice', files, settings: { 'editor.detectIndentation': false, 'editor.tabSize': 2, 'editor.insertSpaces': true } });
});
after(async () => {
  await s?.close();
});

/** Only `rel` open: closes every editor and waits for an empty Problems panel, then opens it. */
async function openAlone(rel: string): Promise<void> {
  await s.runCommand('View: Close All Editors');
  // a test that failed half-way may have left an edited file: its changes are not kept
  const dontSave = s.page.locator('.monaco-dialog-box .monaco-button', { hasText: "Don't Save" });
  if (await dontSave.waitFor({ timeout: 1000 }).then(() => true, () => false)) await dontSave.click();
  await until('an empty Problems panel', async () => (await problemRows(s)).length === 0);
  await s.openFile(rel);
}

/** The language mode in the status bar (e.g. "Marathon App (JSON)"). */
async function languageMode(): Promise<string> {
  return ((await s.page.locator('[id="status.editor.mode"]').textContent()) ?? '').trim();
}

/** Every Problems row once ours are all there and the others have had time to come; the counts are printed. */
async function rowsOf(rel: string, kind: DocKind): Promise<{ rows: ProblemRow[]; ours: ProblemRow[]; others: ProblemRow[] }> {
  const expected = shown(files[rel], kind).length;
  await until(`${expected} ${OURS} rows for ${rel}`, async () => (await problemRows(s)).filter((r) => r.source === OURS).length === expected);
  await sleep(SETTLE_MS);
  const rows = await problemRows(s);
  // the panel's own total: every row was read, none scrolled past
  assert.equal(rows.length, await problemsBadge(s), `${rel}: the rows read against the Problems badge`);
  process.stdout.write(`# ${rel}: Problems rows by source ${JSON.stringify(countBySource(rows))} (language mode: ${await languageMode()})\n`);
  return { rows, ours: rows.filter((r) => r.source === OURS), others: rows.filter((r) => r.source !== OURS) };
}

function assertOnce(rel: string, kind: DocKind, r: Awaited<ReturnType<typeof rowsOf>>): void {
  assert.deepEqual(r.others.map((x) => `${x.source || '(no source)'}: ${x.message} ${x.at}`), [], `${rel}: rows from other sources`);
  const expected = shown(files[rel], kind);
  assert.equal(r.ours.length, expected.length, `${rel}: one row per finding`);
  // each finding once: its rule and place, and the severity we gave it
  const want = expected.map((f) => {
    const { line, col } = lineCol(files[rel], f.start);
    return `${f.ruleId} ${f.severity} [Ln ${line}, Col ${col}]`;
  });
  const got = r.ours.map((x) => `${x.code.replace(/[()]/g, '')} ${x.severity} ${x.at}`);
  assert.deepEqual(got.sort(), want.sort(), rel);
}

describe('e2e: one voice per file, counted in the Problems panel by source', () => {
  for (const [rel, kind, mode] of [
    ['guide/sysdig.json', 'marathon-app', 'Marathon App (JSON)'],
    ['guide/dragent.yaml', 'dragent', 'Sysdig Agent (YAML)'],
    ['fixed/sysdig.json', 'marathon-app', 'Marathon App (JSON)'],
    ['fixed/dragent.yaml', 'dragent', 'Sysdig Agent (YAML)'],
    ['mem/sysdig.json', 'marathon-app', 'Marathon App (JSON)'],
  ] as const) {
    test(`${rel}: every row is ours, once, and the file is in ${mode}`, async () => {
      await s.step(`rows-${rel}`, async () => {
        await openAlone(rel);
        const r = await rowsOf(rel, kind);
        if (shots && rel === 'guide/sysdig.json') {
          await s.page.locator('.markers-panel .monaco-list-row', { hasText: 'smart-quotes' }).first().click();
          await s.keepScreenshot(join(shots, 'one-voice.png'));
        }
        assertOnce(rel, kind, r);
        assert.equal(await languageMode(), mode);
      });
    });
  }

  test('a Marathon app known by its content (agent-app.json) moves to Marathon App (JSON) and is ours alone', async () => {
    await s.step('sniffed', async () => {
      const rel = 'sniffed/agent-app.json';
      await openAlone(rel);
      await until('the language mode Marathon App (JSON)', async () => (await languageMode()) === 'Marathon App (JSON)');
      assertOnce(rel, 'marathon-app', await rowsOf(rel, 'marathon-app'));
      assert.match(s.outputChannel('Sysdig Mesos'), /agent-app\.json: language set to marathon-app-json/);
    });
  });
});

describe('e2e: one voice per file, in hover, completion, symbols and language status', () => {
  test('hover on "mem" shows its description once', async () => {
    await s.step('hover', async () => {
      const rel = 'fixed/sysdig.json';
      await openAlone(rel);
      const text = files[rel];
      const h = service.hover(service.parse(text, 'marathon-app'), text.indexOf('"mem"') + 2, []);
      assert.ok(h, 'the service has a hover for mem');
      const description = h.contents.split('\n').find((l) => l.trim() && !l.startsWith('**'))!.trim();
      const { line } = lineCol(text, text.indexOf('"mem"'));
      const key = s.page.locator('.editor-instance .monaco-editor.focused .view-line', { hasText: '"mem"' }).locator('span span', { hasText: /mem/ }).first();
      await s.goTo(line, 5);
      const hover = await s.hoverText(key, description);
      const times = hover.split(description).length - 1;
      assert.equal(times, 1, `the description ${JSON.stringify(description)} shown ${times} times: ${hover}`);
      // each provider's answer is rendered apart: one block, ours (a schema's hover would add its own)
      const parts = await s.page.locator('.monaco-hover:visible .rendered-markdown').count();
      assert.equal(parts, 1, `one rendered hover (one provider), not ${parts}: ${hover}`);
      await s.page.mouse.move(0, 0);
    });
  });

  test('completion of a value ("mode": RO, RW) and of a key lists each entry once', async () => {
    await s.step('completion', async () => {
      const values = 'values/sysdig.json';
      await openAlone(values);
      const at = lineCol(files[values], files[values].indexOf('"mode": ""') + 9);
      await s.goTo(at.line, at.col);
      const entries = await until('RO and RW in the suggestions', async () => {
        const e = await allSuggestions(s);
        return e.some((x) => x.replace(/"/g, '') === 'RO') ? e : undefined;
      });
      await s.page.keyboard.press('Escape');
      const unquoted = entries.map((x) => x.replace(/"/g, ''));
      assert.deepEqual(unquoted.sort(), ['RO', 'RW'], JSON.stringify(entries));

      const keys = 'keys/sysdig.json';
      await openAlone(keys);
      const k = lineCol(files[keys], files[keys].indexOf('"id": "sysdig-agent",\n  ') + '"id": "sysdig-agent",\n  '.length);
      await s.goTo(k.line, k.col);
      await s.type('"'); // the closing quote comes by itself (autoClosingPairs)
      const list = await until('key suggestions', async () => {
        const e = await allSuggestions(s);
        return e.some((x) => x.replace(/"/g, '') === 'cmd') ? e : undefined;
      });
      await s.page.keyboard.press('Escape');
      // leave the file as it was on disk: Close All Editors would otherwise ask to save it
      await s.runCommand('File: Revert File');
      const labels = list.map((x) => x.replace(/"/g, ''));
      const twice = labels.filter((x, i) => labels.indexOf(x) !== i);
      assert.deepEqual(twice, [], `keys offered twice: ${JSON.stringify(list)}`);
      const quote = files[keys].indexOf('"id": "sysdig-agent",\n  ') + '"id": "sysdig-agent",\n  '.length;
      const typed = `${files[keys].slice(0, quote)}""${files[keys].slice(quote)}`;
      const ours = service.complete(service.parse(typed, 'marathon-app'), quote + 1).map((e) => e.label);
      assert.deepEqual(labels.sort(), [...ours].sort(), 'exactly our keys');
    });
  });

  test('Go to Symbol lists one tree: each key of the app once', async () => {
    await s.step('symbols', async () => {
      const rel = 'fixed/sysdig.json';
      await openAlone(rel);
      await s.pressUntil('Control+Shift+O', s.page.locator('.quick-input-widget input'));
      const rows = s.page.locator('.quick-input-list .monaco-list-row');
      for (const key of ['container', 'volumes', 'mem']) {
        await s.page.locator('.quick-input-widget input').fill(`@${key}`);
        await sleep(400);
        const labels = await until(`symbols for ${key}`, async () => {
          const l = (await rows.locator('.label-name').allTextContents()).map((x) => x.trim());
          return l.length ? l : undefined;
        });
        assert.equal(labels.filter((l) => l === key).length, 1, `${key}: ${JSON.stringify(labels)}`);
      }
      await s.page.keyboard.press('Escape');
    });
  });

  test('the language status lists one entry, ours', async () => {
    await s.step('language-status', async () => {
      await openAlone('fixed/sysdig.json');
      const item = s.page.locator('[id="status.languageStatus"]');
      await item.waitFor();
      const entries = await until('the language status hover', async () => {
        await s.page.mouse.move(0, 0);
        await item.hover();
        const e = s.page.locator('.hover-language-status');
        await e.first().waitFor({ timeout: 3000 }).catch(() => undefined);
        const t = (await e.allTextContents()).map((x) => x.replace(/\s+/g, ' ').trim());
        return t.length ? t : undefined;
      });
      assert.equal(entries.length, 1, JSON.stringify(entries));
      assert.match(entries[0], /Marathon app schema/);
      await s.page.mouse.move(0, 0);
    });
  });
});

describe('e2e: the JSON and YAML comforts our languages keep', () => {
  for (const [rel, text] of [['fixed/sysdig.json', '"id"'], ['fixed/dragent.yaml', 'customerid']] as const) {
    test(`${rel}: highlighted (keys and values coloured apart) and foldable`, async () => {
      await s.step(`comforts-${rel}`, async () => {
        await openAlone(rel);
        const lines = s.page.locator('.editor-instance .monaco-editor.focused .view-lines');
        await lines.locator('.view-line', { hasText: text }).first().waitFor();
        const classes = await until('tokens coloured by the grammar', async () => {
          const c = await lines.evaluate((el) => [...new Set([...el.querySelectorAll('span[class^="mtk"]')].map((x) => x.className))]);
          return c.length >= 3 ? c : undefined;
        });
        assert.ok(classes.length >= 3, `colours: ${classes.join(' ')}`);
        const folds = await until('folding controls', async () => (await s.page.locator('.editor-instance .monaco-editor.focused .margin-view-overlays .cldr').count()) || undefined);
        assert.ok(folds > 0);
      });
    });
  }

  test('sysdig.json: the brace under the cursor is matched, and Format Document lays out a one-line app', async () => {
    await s.step('brackets-format', async () => {
      const rel = 'format/sysdig.json';
      await openAlone(rel);
      await s.goTo(1, 2);
      const matches = await until('bracket-match decorations', async () => (await s.page.locator('.editor-instance .monaco-editor.focused .bracket-match').count()) || undefined);
      assert.equal(matches, 2, 'the { and its }');
      const text = files[rel];
      const expected = applyEdits(text, service.format(text, 'marathon-app', { tabSize: 2, insertSpaces: true }));
      assert.notEqual(expected, text);
      await s.runCommand('Format Document');
      await until('the document formatted', async () => (await s.page.locator('.editor-instance .monaco-editor.focused .view-line').count()) > 3);
      assert.equal(await s.saveAndRead(rel, expected), expected);
    });
  });
});
