// The fill-in box's check while typing (issue 11 §11): one check per pause, and only the answer for what the box
// holds now is shown — a slow answer to an older value is dropped.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { liveCheck } from '../../client/src/live-check';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** a box whose checks answer after `delays[value]` ms (0 when not listed) */
function box(delays: Record<string, number> = {}) {
  let value = '';
  const checked: string[] = [];
  const shown: [string, string][] = [];
  const live = liveCheck<string>({
    delayMs: 20,
    check: async (v) => {
      checked.push(v);
      await sleep(delays[v] ?? 0);
      return `answer for ${v}`;
    },
    current: () => value,
    show: (v, r) => shown.push([v, r]),
  });
  return {
    type(v: string) {
      value = v;
      live.changed(v);
    },
    live,
    checked,
    shown,
  };
}

describe('liveCheck', () => {
  test('typing fast: one check, after the pause, for the last value', async () => {
    const b = box();
    for (const v of ['b', 'ba', 'bad', 'bad_', 'bad_h']) b.type(v);
    await sleep(60);
    assert.deepEqual(b.checked, ['bad_h']);
    assert.deepEqual(b.shown, [['bad_h', 'answer for bad_h']]);
  });

  test('a slow answer to an older value is dropped once the box holds another', async () => {
    const b = box({ slow: 80 });
    b.type('slow');
    await sleep(40); // the check for "slow" is under way
    b.type('fast');
    await sleep(150);
    assert.deepEqual(b.checked, ['slow', 'fast']);
    assert.deepEqual(b.shown, [['fast', 'answer for fast']]);
  });

  test('cancel (Enter, a new step, the box closed) drops the pending check and the answer under way', async () => {
    const b = box({ x: 40 });
    b.type('x');
    await sleep(30);
    b.live.cancel();
    b.type('y');
    b.live.cancel();
    await sleep(100);
    assert.deepEqual(b.checked, ['x']);
    assert.deepEqual(b.shown, []);
  });
});
