// The real-VS-Code tests (test/e2e): packages the .vsix under test, runs the idempotent set-up
// (test/e2e/setup.sh: chromium, Node 24, code-server outside the clone), then the e2e test files one at a
// time (each starts its own code-server and browser; 2 cores). Needs `npm run build` first.
//   node scripts/e2e.mjs                 all e2e tests
//   node scripts/e2e.mjs --screenshots   the UI, one-voice and walkthrough tests only, saving the README's images to docs/images/
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const screenshots = process.argv.includes('--screenshots');
const secs = (t) => `${((Date.now() - t) / 1000).toFixed(1)} s`;

if (!existsSync(join(root, 'dist-e2e'))) {
  console.error('dist-e2e/ is missing: npm run build first');
  process.exit(2);
}
let t = Date.now();
const vsix = join(root, '.tmp', 'e2e', `${pkg.name}.vsix`);
mkdirSync(join(root, '.tmp', 'e2e'), { recursive: true });
rmSync(vsix, { force: true });
execFileSync(process.execPath, [join(root, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--no-dependencies', '--out', vsix], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
console.log(`e2e: packaged ${vsix} in ${secs(t)}`);

t = Date.now();
const setup = spawnSync('bash', [join(root, 'test', 'e2e', 'setup.sh')], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
if (setup.status !== 0) {
  console.error(`e2e: set-up failed (exit ${setup.status})`);
  process.exit(1);
}
console.log(`e2e: set-up ready in ${secs(t)} (${setup.stdout.trim()})`);

t = Date.now();
const files = screenshots ? [join('dist-e2e', 'ui.test.js'), join('dist-e2e', 'one-voice.test.js'), join('dist-e2e', 'walkthrough.test.js')] : ['dist-e2e/'];
const env = { ...process.env, SYSDIG_MESOS_VSIX: vsix, ...(screenshots ? { SYSDIG_MESOS_SCREENSHOTS: 'docs/images' } : {}) };
const run = spawnSync(process.execPath, ['--test', '--test-reporter=spec', '--test-concurrency=1', ...files], { cwd: root, stdio: 'inherit', env });
console.log(`e2e: tests ran in ${secs(t)}`);
process.exit(run.status ?? 1);
