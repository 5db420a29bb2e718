// A non-regex quadratic over user and server text (issue 10 §4, found after the fixes): `deploy` prints an
// update as a line diff (cli/line-diff.ts), computed with a full longest-common-subsequence table — time
// and memory both lines(before) × lines(after). The app file may be 1 MiB and Marathon's answer 32 MiB:
// two 10,000-line definitions took 3.5 s and 900 MB, 30,000 lines ran out of memory and killed the CLI
// after Marathon had been asked. The table now covers only the changed middle, within a size limit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lineDiff } from '../../server/src/cli/line-diff';
import { bestOf, growth, MAX_GROWTH_4X } from './timing';

/** `n` lines of a pretty-printed env block, every value differing between the two sides */
function envBlock(n: number, tag: string): string {
  return ['{', '  "env": {', ...Array.from({ length: n }, (_, i) => `    "VAR_${i}": "${tag}${i}",`), '  }', '}'].join('\n');
}

/** the two texts a full-context diff stands for: `-` and ` ` lines are before, `+` and ` ` lines after */
function sides(diff: string): { before: string; after: string } {
  const lines = diff.split('\n');
  const pick = (ops: string) => lines.filter((l) => ops.includes(l[0])).map((l) => l.slice(2)).join('\n');
  return { before: pick('- '), after: pick('+ ') };
}

test('a 30,000-line update differing on every line diffs in well under a second', () => {
  const a = envBlock(30_000, 'old');
  const b = envBlock(30_000, 'new');
  const ms = bestOf(2, () => lineDiff(a, b));
  assert.ok(ms < 1000, `${ms.toFixed(0)} ms`);
  // and it is still a diff: every old line removed, every new one added, the common frame kept
  const full = lineDiff(a, b, Number.MAX_SAFE_INTEGER);
  assert.deepEqual(sides(full), { before: a, after: b });
  assert.ok(full.startsWith('  {\n    "env": {\n- '), full.slice(0, 40));
});

test('the diff grows linearly with the definitions (4x the lines: not 16x the time)', () => {
  const small = [envBlock(5_000, 'old'), envBlock(5_000, 'new')];
  const large = [envBlock(20_000, 'old'), envBlock(20_000, 'new')];
  const g = growth(() => lineDiff(small[0], small[1]), () => lineDiff(large[0], large[1]));
  assert.ok(g < MAX_GROWTH_4X, `growth ${g.toFixed(1)}`);
});

test('a small change in a large definition is still shown as exactly that change', () => {
  const a = envBlock(20_000, 'v');
  const b = a.replace('"VAR_10000": "v10000"', '"VAR_10000": "changed"');
  const diff = lineDiff(a, b);
  assert.deepEqual(
    diff.split('\n').filter((l) => l.startsWith('-') || l.startsWith('+')),
    ['-     "VAR_10000": "v10000",', '+     "VAR_10000": "changed",'],
  );
  assert.deepEqual(sides(lineDiff(a, b, Number.MAX_SAFE_INTEGER)), { before: a, after: b });
});
