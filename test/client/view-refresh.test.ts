// When the Sysdig on Mesos view reads the cluster (client/src/view-refresh.ts), with a fake clock: never while hidden
// or untrusted; every interval after a read ends while visible; a new read or hiding aborts the one in flight.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RefreshLoop, type RefreshHost } from '../../client/src/view-refresh';

function setup(o: { visible?: boolean; allowed?: boolean; interval?: number; read?: RefreshHost['read'] } = {}) {
  const state = { visible: o.visible ?? true, allowed: o.allowed ?? true, interval: o.interval ?? 30 };
  const timers = new Map<number, { fn: () => void; ms: number }>();
  let nextTimer = 0;
  const reads: { signal: AbortSignal; done: () => void }[] = [];
  let idles = 0;
  const host: RefreshHost = {
    visible: () => state.visible,
    allowed: () => state.allowed,
    intervalSeconds: () => state.interval,
    read: o.read ?? ((signal) => new Promise<void>((done) => reads.push({ signal, done }))),
    idle: () => void idles++,
    setTimer: (fn, ms) => {
      timers.set(++nextTimer, { fn, ms });
      return nextTimer;
    },
    clearTimer: (h) => void timers.delete(h as number),
  };
  const loop = new RefreshLoop(host);
  /** fires the (single) pending timer */
  const tick = () => {
    assert.equal(timers.size, 1, 'one timer pending');
    const [[id, t]] = [...timers];
    timers.delete(id);
    t.fn();
  };
  return { state, timers, reads, loop, tick, idles: () => idles };
}

const settle = () => new Promise((r) => setImmediate(r));

test('hidden or untrusted: nothing is read and nothing scheduled; the view draws what it knows', async () => {
  for (const o of [{ visible: false }, { allowed: false }]) {
    const s = setup(o);
    await s.loop.refresh();
    assert.equal(s.reads.length, 0);
    assert.equal(s.timers.size, 0);
    assert.equal(s.idles(), 1);
    s.loop.schedule();
    assert.equal(s.timers.size, 0);
  }
});

test('visible: a read, then the next one `interval` seconds after it ends (not while it runs)', async () => {
  const s = setup({ interval: 30 });
  const p = s.loop.refresh();
  assert.equal(s.reads.length, 1);
  assert.equal(s.loop.reading, true);
  s.loop.schedule(); // a settings change during the read: no timer yet
  assert.equal(s.timers.size, 0, 'no timer while a read runs');
  s.reads[0].done();
  await p;
  assert.equal(s.loop.reading, false);
  assert.deepEqual([...s.timers.values()].map((t) => t.ms), [30_000]);
  s.tick();
  assert.equal(s.reads.length, 2);
  s.reads[1].done();
  await settle();
  assert.equal(s.timers.size, 1, 'and again');
});

test('a new read aborts the one in flight; its end schedules nothing of its own', async () => {
  const s = setup();
  const first = s.loop.refresh();
  const second = s.loop.refresh();
  assert.equal(s.reads[0].signal.aborted, true);
  assert.equal(s.reads[1].signal.aborted, false);
  s.reads[0].done();
  await first;
  assert.equal(s.timers.size, 0, 'the aborted read schedules nothing');
  assert.equal(s.loop.reading, true);
  s.reads[1].done();
  await second;
  assert.equal(s.timers.size, 1);
});

test('hidden: the read in flight is aborted and the timer dropped; shown again, it reads', async () => {
  const s = setup();
  const p = s.loop.refresh();
  s.loop.pause();
  assert.equal(s.reads[0].signal.aborted, true);
  s.reads[0].done();
  await p;
  assert.equal(s.timers.size, 0);

  const q = s.loop.refresh();
  s.reads[1].done();
  await q;
  assert.equal(s.timers.size, 1);
  s.state.visible = false;
  s.loop.pause();
  assert.equal(s.timers.size, 0, 'no timer while hidden');
  s.state.visible = true;
  await Promise.race([s.loop.refresh(), settle()]);
  assert.equal(s.reads.length, 3);
});

test('interval 0 (or less): only on demand; changed back, the next read is scheduled', async () => {
  const s = setup({ interval: 0 });
  const p = s.loop.refresh();
  s.reads[0].done();
  await p;
  assert.equal(s.timers.size, 0);
  s.state.interval = 5;
  s.loop.schedule();
  assert.deepEqual([...s.timers.values()].map((t) => t.ms), [5000]);
  s.state.interval = -1;
  s.loop.schedule();
  assert.equal(s.timers.size, 0);
});

test('a read that fails still schedules the next one', async () => {
  const s = setup({ interval: 2, read: () => Promise.reject(new Error('boom')) });
  await assert.rejects(s.loop.refresh(), /boom/);
  assert.equal(s.loop.reading, false);
  assert.deepEqual([...s.timers.values()].map((t) => t.ms), [2000]);
});
