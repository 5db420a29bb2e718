// `npm start` (after the build): lints the bundled examples the way a new user would run the CLI, then says in
// one line what they just saw. The vendor guide's own files have errors — that is the point of the tool — so an
// exit code 1 from them is the expected result, not a failure of `npm start`; the fixed copies must be clean.
// Exit 0 when both hold, 1 when either does not (then the line says which).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const cli = join(root, 'dist', 'cli.js');
const lint = (dir, stdio) => spawnSync(process.execPath, [cli, 'lint', dir], { cwd: root, stdio, encoding: 'utf8' });
const count = (dir) => {
  const r = spawnSync(process.execPath, [cli, 'lint', '--format', 'json', dir], { cwd: root, encoding: 'utf8' });
  const findings = r.status === 0 || r.status === 1 ? JSON.parse(r.stdout) : null;
  return { status: r.status, findings, errors: findings ? findings.filter((f) => f.severity === 'error').length : 0 };
};

console.log('$ sysdig-mesos lint examples/guide   # the vendor guide\'s files, exactly as published');
lint('examples/guide', 'inherit');
console.log('\n$ sysdig-mesos lint examples/fixed   # the same files filled in and corrected');
lint('examples/fixed', 'inherit');

const guide = count('examples/guide');
const fixed = count('examples/fixed');
console.log('');
if (guide.status === 1 && guide.errors > 0 && fixed.status === 0 && fixed.findings.length === 0) {
  console.log(
    `As expected: the guide's files have ${guide.errors} errors (${guide.findings.length} findings: ${[...new Set(guide.findings.map((f) => f.code))].join(', ')}) ` +
      'and the fixed copies have none. Next: `node dist/cli.js lint path/to/dragent.yaml`, or install the VS Code extension (README).',
  );
} else {
  console.log(
    `Unexpected: the guide's files gave exit ${guide.status} with ${guide.errors} errors (expected 1 and some), ` +
      `the fixed copies exit ${fixed.status} with ${fixed.findings ? fixed.findings.length : '?'} findings (expected 0 and none).`,
  );
  process.exit(1);
}
