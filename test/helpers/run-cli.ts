// `node dist/cli.js …` as a child process, without blocking this one (the fakes a command talks to answer
// from here): its exit code and whole output. One runner for the CLI tests; each says its own cwd and env.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { projectRoot } from './paths';

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliRunOptions {
  cwd?: string;
  /** the child's whole environment (default: this process's) */
  env?: NodeJS.ProcessEnv;
  /** SIGKILL after this many ms, so that a hung command fails its test instead of the whole run */
  killAfterMs?: number;
}

export function runCli(args: string[], options: CliRunOptions = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [join(projectRoot(), 'dist', 'cli.js'), ...args], { cwd: options.cwd ?? projectRoot(), env: options.env ?? process.env });
    let stdout = '';
    let stderr = '';
    const timer = options.killAfterMs === undefined ? undefined : setTimeout(() => p.kill('SIGKILL'), options.killAfterMs);
    // decoded as a stream: a pipe's chunk may end inside a UTF-8 character
    p.stdout.setEncoding('utf8');
    p.stderr.setEncoding('utf8');
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('error', reject);
    p.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
