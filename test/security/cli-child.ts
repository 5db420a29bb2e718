import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertNoSecrets, root, SECRET_KEY } from '../cluster/deploy-helpers';

/** `node dist/cli.js …` as a person runs it, so that Ctrl-C is a real SIGINT to a real process. */

export const cli = join(root, 'dist', 'cli.js');

export interface Child {
  proc: ChildProcess;
  /** everything printed so far */
  out(): string;
  /** resolves at exit with the code and the time of exit (performance.now()) */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number; stdout: string; stderr: string }>;
}

/** Starts the CLI; a child still running after `killAfterMs` is killed (a hung test ends, and fails). */
export function startCli(args: string[], env: Record<string, string> = {}, killAfterMs = 20_000): Child {
  const proc = spawn(process.execPath, [cli, ...args], { cwd: root, env: { ...process.env, SYSDIG_ACCESS_KEY: SECRET_KEY, SYSDIG_MESOS_POLL_MS: '20', ...env } });
  let stdout = '';
  let stderr = '';
  // decoded as a stream: a pipe's chunk may end inside a UTF-8 character
  proc.stdout!.setEncoding('utf8');
  proc.stderr!.setEncoding('utf8');
  proc.stdout!.on('data', (d) => (stdout += d));
  proc.stderr!.on('data', (d) => (stderr += d));
  const guard = setTimeout(() => proc.kill('SIGKILL'), killAfterMs);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number; stdout: string; stderr: string }>((resolve, reject) => {
    proc.on('error', reject);
    proc.on('exit', (code, signal) => {
      const at = performance.now();
      clearTimeout(guard);
      // 'close' (not 'exit') has all the output
      proc.on('close', () => {
        assertNoSecrets(stdout);
        assertNoSecrets(stderr);
        resolve({ code, signal, at, stdout, stderr });
      });
    });
  });
  return { proc, out: () => stdout, exited };
}

/** A fresh folder with these files; returns the path of each by name. */
export function files(contents: Record<string, string>): Record<string, string> {
  const dir = mkdtempSync(join(tmpdir(), 'sysdig-mesos-security-'));
  const out: Record<string, string> = {};
  for (const [name, text] of Object.entries(contents)) {
    out[name] = join(dir, name);
    writeFileSync(out[name], text);
  }
  return out;
}
