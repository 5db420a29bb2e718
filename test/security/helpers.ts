// Shared by the hostile-input suite: the CLI in a child process, temporary files, fakes closed after
// the file, a server that echoes credentials back, and the assertion that a secret appears nowhere.
import { after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../helpers/paths';
import { runCli } from '../helpers/run-cli';
import { listen, type Listening } from '../cluster/fake/common';
import { startFakeMarathon, type FakeMarathon, type FakeMarathonOptions } from '../cluster/fake/marathon';
import { startFakeMesos, type FakeMesos, type FakeMesosOptions } from '../cluster/fake/mesos';

export const root = projectRoot();
const dir = mkdtempSync(join(tmpdir(), 'sysdig-mesos-security-'));
const closers: (() => Promise<void>)[] = [];
after(async () => {
  for (const c of closers) await c();
  rmSync(dir, { recursive: true, force: true });
});

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `node dist/cli.js …` with only the environment given (no SYSDIG_* of the machine running the tests). */
export function cli(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return runCli(args, { cwd: dir, env: { PATH: process.env.PATH ?? '', SYSDIG_MESOS_POLL_MS: '20', ...env } });
}

let n = 0;
/** A file in this test file's temporary folder; its path. */
export function file(name: string, text: string): string {
  const sub = join(dir, String(++n)); // the name kept as given: the CLI tells the kind by it
  mkdirSync(sub);
  const p = join(sub, name);
  writeFileSync(p, text);
  return p;
}

export async function marathon(o: FakeMarathonOptions): Promise<FakeMarathon> {
  const m = await startFakeMarathon(o);
  closers.push(() => m.close());
  return m;
}

export async function mesos(o: FakeMesosOptions): Promise<FakeMesos> {
  const m = await startFakeMesos(o);
  closers.push(() => m.close());
  return m;
}

/**
 * A server that answers every request 500 with what it was sent: the Authorization header decoded —
 * a debugging proxy or a misbehaving auth module do exactly this — so a password comes back from it.
 */
export async function echoServer(pad = 0): Promise<Listening> {
  const s = await listen((req, res) => {
    const h = req.headers.authorization ?? '';
    const decoded = Buffer.from(h.replace(/^Basic\s+/i, ''), 'base64').toString('utf8');
    res.writeHead(500, { 'content-type': 'text/plain' });
    res.end(`${'.'.repeat(pad)}login ${decoded} refused (${h})`); // `pad`: where a client's cut falls
  });
  closers.push(() => s.close());
  return s;
}

/** The secret appears nowhere in these texts (the message names the channel, never the secret). */
export function assertAbsent(secret: string, channels: Record<string, string>): void {
  for (const [name, text] of Object.entries(channels)) {
    assert.ok(!text.includes(secret), `a secret of ${secret.length} character(s) appears in ${name}:\n${text.slice(0, 2000)}`);
  }
}

/** The fixed example app with the guide's access-key placeholder: valid, and its key filled at send time. */
export { placeholderKeyApp as APP } from '../cluster/deploy-helpers';
