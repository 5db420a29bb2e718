import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { echoE } from '../../server/src/service/embedded/echo-e';

/** what the embedded text is for a value (its units' output, then echo's final newline) */
export function written(value: string): string | undefined {
  const starts = Array.from({ length: value.length }, (_, i) => i);
  const r = echoE(value, starts, starts.map((s) => s + 1), value.length);
  return r && r.units.map((u) => u.out).join('') + (r.newline ? '\n' : '');
}

/** what bash 5 writes for each value (`echo -e "$v"`, LC_ALL=C), as the UTF-8 decoding of its bytes */
export function bash(values: string[]): string[] {
  const r = spawnSync('bash', ['-c', 'for v in "$@"; do echo -e "$v" | od -An -tx1 -v | tr -d " \\n"; echo; done', 'bash', ...values], {
    env: { PATH: process.env.PATH, LC_ALL: 'C' },
    encoding: 'utf8',
  });
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.split('\n').slice(0, values.length);
  return lines.map((hex) => new TextDecoder().decode(Buffer.from(hex, 'hex')));
}

