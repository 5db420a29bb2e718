// `sysdig-mesos logs` against a hostile (or broken) Mesos agent on 127.0.0.1: its /state is fine, its /files/read is
// not — a gigantic `data`, a body that never ends, garbage JSON, an offset that goes backwards, more bytes than asked.
// Each run must end in bounded time and memory with one line naming the agent's URL and what was wrong, exit 2:
// a follow that trusted such answers could loop, print a file twice or fill the memory.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { listen, type Listening } from '../cluster/fake/common';
import { fixedApp, marathon, mesosOf } from '../cluster/deploy-helpers';
import type { FakeMarathon } from '../cluster/fake/marathon';
import { cli } from './helpers';

const appDef = JSON.parse(fixedApp) as Record<string, unknown>;
const agentsOpen: Listening[] = [];
after(async () => {
  for (const a of agentsOpen) await a.close();
});
type Mode = (res: ServerResponse, q: URLSearchParams, sent: { bytes: number }) => void;

/** A cluster whose one agent answers /state truthfully and /files/read with `mode`. */
async function hostileCluster(mode: Mode): Promise<{ m: FakeMarathon; flags: string[]; agent: Listening; sent: { bytes: number } }> {
  const m = await marathon({ profile: '1.4', role: 'leader', deploy: { agentHosts: ['10.0.2.121'] }, apps: { '/sysdig-agent': { instances: 1, taskHosts: ['10.0.2.121'], definition: appDef } } });
  const task = m.store.apps.get('/sysdig-agent')!.tasks[0];
  const sent = { bytes: 0 };
  const agent = await listen((req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    res.on('error', () => undefined);
    if (u.pathname === '/state' || u.pathname === '/slave(1)/state') {
      const ex = { id: task.id, directory: `/var/lib/mesos/slaves/${task.agent.id}/frameworks/fw/executors/${task.id}/runs/c1`, tasks: [{ id: task.id, state: 'TASK_RUNNING' }], queued_tasks: [], completed_tasks: [] };
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end(JSON.stringify({ id: task.agent.id, hostname: '10.0.2.121', frameworks: [{ id: 'fw', name: 'marathon', executors: [ex], completed_executors: [] }], completed_frameworks: [] }));
    }
    mode(res, u.searchParams, sent);
  });
  agentsOpen.push(agent);
  const mesos = await mesosOf(m, '1.2', { agentPid: () => `slave(1)@127.0.0.1:${agent.port}` });
  return { m, flags: ['--mesos', mesos.url, '--marathon', m.url], agent, sent };
}

const json = (res: ServerResponse, body: string) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(body);
};
/** the size asked with offset -1 is answered honestly; the reads are not */
const sizeThen = (size: number, read: Mode): Mode => (res, q, sent) => (q.get('offset') === '-1' ? json(res, `{"data":"","offset":${size}}`) : read(res, q, sent));

async function oneLine(args: string[], re: RegExp, maxMs: number) {
  const t0 = performance.now();
  const r = await cli(['logs', ...args]);
  const ms = performance.now() - t0;
  assert.equal(r.code, 2, r.stderr);
  assert.equal(r.stdout, '');
  // the error is one line; before it at most the note naming the task and file (when the size was answered sanely)
  const lines = r.stderr.trimEnd().split('\n');
  assert.ok(lines.length <= 2 && r.stderr.endsWith('\n'), r.stderr);
  if (lines.length === 2) assert.match(lines[0], /^sysdig-mesos: stdout of task \S+ on 10\.0\.2\.121 \(TASK_RUNNING, agent 127\.0\.0\.1:\d+\): \S+\/stdout, \d+ bytes$/);
  assert.match(lines[lines.length - 1], re);
  assert.doesNotMatch(r.stderr, /\n\s+at /);
  assert.ok(ms < maxMs, `${Math.round(ms)} ms`);
  return r;
}

test('a gigantic "data" (50 MB): cut at the answer cap, one line, the rest never read', async () => {
  const c = await hostileCluster(
    sizeThen(100, (res, _q, sent) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"data":"');
      const chunk = Buffer.alloc(64 * 1024, 0x61);
      const pump = () => {
        while (sent.bytes < 50_000_000 && !res.destroyed) {
          sent.bytes += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end('","offset":0}');
      };
      pump();
    }),
  );
  await oneLine(c.flags, /^sysdig-mesos: http:\/\/127\.0\.0\.1:\d+\/files\/read\?path=\S+: the answer is larger than 388 KiB \(size cap\)/, 15_000);
  assert.ok(c.sent.bytes < 8_000_000, `${c.sent.bytes} bytes sent before the client hung up`);
});

test('a body that never ends (a byte every 50 ms): the --timeout ends it, one line', async () => {
  const timers = new Set<NodeJS.Timeout>();
  const c = await hostileCluster(
    sizeThen(100, (res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"data":"');
      const t = setInterval(() => (res.destroyed ? clearInterval(t) : res.write('a')), 50);
      timers.add(t);
      res.on('close', () => clearInterval(t));
    }),
  );
  try {
    await oneLine([...c.flags, '--timeout', '1500'], /^sysdig-mesos: http:\/\/127\.0\.0\.1:\d+\/files\/read\?path=\S+: no complete answer within 1500 ms \(timeout\)/, 12_000);
  } finally {
    for (const t of timers) clearInterval(t);
  }
});

test('garbage JSON, JSON without data/offset, an offset that goes backwards, more bytes than asked: one line each', async () => {
  const cases: [Mode, RegExp][] = [
    [sizeThen(100, (res) => json(res, '{"data": "abc", "offset": 0,,, ]')), /the answer is not JSON \(application\/json, starts with .*\): this is not the Mesos API/],
    [sizeThen(100, (res) => json(res, '[1,2,3]')), /\/files\/read: no "offset" and "data": this is not a Mesos agent's \/files\/read answer/],
    [(res, q) => json(res, q.get('offset') === '-1' ? '{"data":"","offset":-5}' : '{"data":"","offset":0}'), /\/files\/read: no "offset" and "data"/],
    [sizeThen(1000, (res, q) => json(res, `{"data":"x","offset":${Math.max(0, Number(q.get('offset')) - 500)}}`)), /\/files\/read: offset \d+ where \d+ was asked: this is not a Mesos agent's \/files\/read answer/],
    [sizeThen(10, (res) => json(res, `{"data":"${'y'.repeat(5000)}","offset":0}`)), /\/files\/read: 5000 bytes where at most 10 were asked/],
    [(res) => json(res, '{"data":"zz","offset":7}'), /\/files\/read: data with the size/],
  ];
  for (const [mode, re] of cases) {
    const c = await hostileCluster(mode);
    await oneLine(c.flags, re, 10_000);
  }
});

test('--follow against sizes that jump back and forth: each poll bounded, the notes say it, Ctrl-C ends it (exit 0)', async () => {
  let flip = 0;
  const c = await hostileCluster((res, q) => {
    if (q.get('offset') === '-1') return json(res, `{"data":"","offset":${++flip % 2 ? 6 : 3}}`);
    const off = Number(q.get('offset'));
    const len = Number(q.get('length'));
    json(res, JSON.stringify({ data: 'abcdef'.slice(off, off + len), offset: off }));
  });
  const { startCli } = await import('./cli-child');
  const child = startCli(['logs', ...c.flags, '--follow', '--tail', '1'], { SYSDIG_MESOS_POLL_MS: '20' });
  await new Promise((r) => setTimeout(r, 1500));
  child.proc.kill('SIGINT');
  const end = await child.exited;
  assert.equal(end.code, 0, end.stderr);
  // bounded: what was printed is the file's few bytes again after each truncation, no more
  assert.ok(end.stdout.length < 1500 / 20 * 8 + 16, `${end.stdout.length} characters`);
  assert.match(end.stderr, /is now 3 bytes, shorter than the 6 read: truncated or rotated — reading from its start/);
});
