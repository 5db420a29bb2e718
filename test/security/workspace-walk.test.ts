// The workspace walk of the language server's workspace diagnostics (server/src/files/workspace-walk.ts) on
// hostile trees: a folder is someone else's content, walked while the user types. Its work stops at the caps
// (entries, candidate files, depth), grows linearly with the tree, yields to the event loop in slices, never
// leaves the folder by a link, and survives link loops.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { walkFolder, type WalkLimits } from '../../server/src/files/workspace-walk';
import { Cancelled, Pacer } from '../../server/src/files/pacer';
import { MAX_GROWTH_4X } from './timing';

const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'sysdig-mesos-walk-'));
  dirs.push(d);
  return d;
}

const want = (p: string) => /dragent\.yaml$/.test(p);
const pacer = () => new Pacer({ sliceMs: 4, stopped: () => false });

/** `folders` folders of `perFolder` files each, one in ten of them a dragent.yaml */
function tree(folders: number, perFolder: number): string {
  const root = tempDir();
  for (let d = 0; d < folders; d++) {
    const dir = join(root, `d${d}`);
    mkdirSync(dir);
    for (let f = 0; f < perFolder; f++) writeFileSync(join(dir, f % 10 === 0 ? `n${f}.dragent.yaml` : `f${f}.txt`), '');
  }
  return root;
}

async function timed(root: string, limits?: WalkLimits): Promise<number> {
  const t0 = performance.now();
  await walkFolder(root, { want, pacer: pacer(), limits });
  return performance.now() - t0;
}

describe('workspace walk on hostile trees', () => {
  test('a huge tree: the walk stops at the entry cap, and its time does not grow past it', async () => {
    const big = tree(200, 100); // 20,200 entries
    const limits: WalkLimits = { maxEntries: 2_000, maxFiles: 1_000, maxDepth: 32 };
    const r = await walkFolder(big, { want, pacer: pacer(), limits });
    assert.match(r.truncated ?? '', /2000 entries/);
    assert.ok(r.entries <= limits.maxEntries + 1, `${r.entries}`);
    // capped: as fast as a tree of the cap's size
    const small = tree(20, 100);
    const capped = Math.min(await timed(big, limits), await timed(big, limits));
    const whole = Math.min(await timed(small), await timed(small));
    assert.ok(capped < Math.max(whole, 10) * MAX_GROWTH_4X, `capped walk ${capped.toFixed(1)} ms, a 2,020-entry tree ${whole.toFixed(1)} ms`);
  });

  test('the candidate-file cap holds', async () => {
    const root = tree(10, 100); // 100 dragent files
    const r = await walkFolder(root, { want, pacer: pacer(), limits: { maxEntries: 100_000, maxFiles: 25, maxDepth: 32 } });
    assert.equal(r.files.length, 25);
    assert.match(r.truncated ?? '', /25 candidate files/);
  });

  test('linear: four times the tree, about four times the time', async () => {
    const small = tree(25, 40);
    const large = tree(100, 40);
    await timed(small);
    await timed(large);
    let ratio = Infinity;
    for (let round = 0; round < 3 && !(ratio < MAX_GROWTH_4X); round++) {
      const a = Math.min(await timed(small), await timed(small), await timed(small));
      const b = Math.min(await timed(large), await timed(large), await timed(large));
      ratio = Math.min(ratio, Math.max(b, 10) / Math.max(a, 10));
    }
    assert.ok(ratio < MAX_GROWTH_4X, `×${ratio.toFixed(1)} for 4× the tree`);
  });

  test('deep nesting stops at the depth cap; the rest of the tree is still walked', async () => {
    const root = tempDir();
    let d = root;
    for (let i = 0; i < 50; i++) {
      d = join(d, 'a');
      mkdirSync(d);
      writeFileSync(join(d, 'dragent.yaml'), '');
    }
    writeFileSync(join(root, 'x.dragent.yaml'), '');
    const r = await walkFolder(root, { want, pacer: pacer(), limits: { maxEntries: 100_000, maxFiles: 1_000, maxDepth: 10 } });
    assert.equal(r.files.length, 11, r.files.map((f) => f.path).join('\n'));
    assert.match(r.truncated ?? '', /deeper than 10/);
  });

  test('links: loops are walked once, links out of the folder are not followed, dangling ones are skipped', async () => {
    const root = tempDir();
    const outside = tempDir();
    writeFileSync(join(outside, 'dragent.yaml'), 'secret: outside\n');
    mkdirSync(join(root, 'a'));
    writeFileSync(join(root, 'a', 'dragent.yaml'), '');
    symlinkSync(root, join(root, 'a', 'loop'));
    symlinkSync(join(root, 'a'), join(root, 'again'));
    symlinkSync(outside, join(root, 'out'));
    symlinkSync(join(outside, 'dragent.yaml'), join(root, 'x.dragent.yaml'));
    symlinkSync(join(root, 'missing'), join(root, 'gone.dragent.yaml'));
    const r = await walkFolder(root, { want, pacer: pacer() });
    // one file, seen once whichever path reached it first; nothing from outside, nothing dangling
    assert.equal(r.files.length, 1, r.files.map((f) => f.path).join('\n'));
    assert.match(r.files[0].path, /[\\/]a[\\/]dragent\.yaml$|[\\/]again[\\/]dragent\.yaml$/);
  });

  test('the walk yields between slices, and a stop request ends it', async () => {
    const root = tree(100, 50);
    const p = new Pacer({ sliceMs: 1, stopped: () => false });
    await walkFolder(root, { want, pacer: p });
    assert.ok(p.yields > 0, 'yielded');
    let stop = false;
    const stopping = new Pacer({ sliceMs: 1, stopped: () => stop });
    const walking = walkFolder(root, { want, pacer: stopping });
    setImmediate(() => (stop = true));
    await assert.rejects(walking, Cancelled);
  });
});
