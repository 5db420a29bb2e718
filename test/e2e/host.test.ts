// Extension-host tests: test/e2e/host/suite.ts runs inside the real VS Code (extensionTestsPath) against the
// extension installed from the .vsix; each of its checks is asserted here.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Session, root } from './harness';
import { guide, httpsDragent } from './fixtures';
import { HOST_FIXTURES_FILE, HOST_RESULTS_FILE, type HostResult } from './host/results';
import { generateDragentYaml } from '../../bench/generate';

/** activate() to the language client starting (the budget) */
const ACTIVATION_BUDGET_MS = 50;
/** the same in wall-clock time, generous for a loaded machine */
const ACTIVATION_WALL_BOUND_MS = 500;
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

let s: Session;
let exitCode: number | undefined;
let results: HostResult[] = [];

before(async () => {
  const suite = join(root, 'dist-e2e', 'host', 'suite.js');
  assert.ok(existsSync(suite), `${suite} (npm run build)`);
  s = await Session.start({
    name: 'host',
    // an empty workspace: the suite writes these files and opens one (see suite.ts, 'activation')
    files: {},
    runFiles: {
      [HOST_FIXTURES_FILE]: JSON.stringify({ 'guide/dragent.yaml': guide('dragent.yaml'), 'https/dragent.yaml': httpsDragent(), 'big/dragent.yaml': generateDragentYaml(10_000).text }),
    },
    extensionTests: { module: suite },
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  exitCode = await Promise.race([s.testsExit!, new Promise<number>((resolve) => (timer = setTimeout(() => resolve(-1), 240_000)))]);
  clearTimeout(timer);
  const file = join(s.run, HOST_RESULTS_FILE);
  if (existsSync(file)) results = JSON.parse(readFileSync(file, 'utf8'));
  if (exitCode !== 0) s.failed = true;
});
after(async () => {
  await s?.close();
});

function result(name: string): HostResult {
  const r = results.find((x) => x.name === name);
  assert.ok(r, `the extension host reported "${name}" (exit code ${exitCode}; results: ${JSON.stringify(results.map((x) => x.name))})`);
  assert.ok(r.ok, `${name}: ${r.error}`);
  return r;
}

describe('e2e: extension host', () => {
  test('the test module ran to the end (exit code 0)', () => {
    assert.equal(exitCode, 0, s.consoleLines.filter((l) => l.includes('[host]')).join('\n'));
  });

  test(`activation: opening dragent.yaml, the language client starts within ${ACTIVATION_BUDGET_MS} ms of activate()`, () => {
    const data = result('activation').data as { activeBefore: boolean; activateToClientStartMs: number; activateToClientStartCpuMs: number; extensionPath: string; version: string };
    const wall = data.activateToClientStartMs;
    const cpu = data.activateToClientStartCpuMs;
    // usually the extension is activated by opening dragent.yaml (onLanguage:yaml); one clean-clone run found
    // it active before, in the empty workspace: the timing is then that activation's, started the same way
    process.stdout.write(`# activate() -> language client start: ${wall.toFixed(1)} ms, ${cpu.toFixed(1)} ms CPU (active before the file was opened: ${data.activeBefore})\n`);
    // activate() to client.start() is synchronous here: the CPU time is our work. The wall time adds what a
    // shared 2-core machine makes us wait (load 8 seen); its bound only catches an await creeping in
    // (a workspace search took ~800 ms at start-up).
    assert.ok(cpu < ACTIVATION_BUDGET_MS, `${cpu} ms CPU (wall ${wall} ms)`);
    assert.ok(wall < ACTIVATION_WALL_BOUND_MS, `${wall} ms wall (CPU ${cpu} ms)`);
    assert.equal(data.version, pkg.version);
    assert.ok(data.extensionPath.startsWith(join(s.run, 'exts')), `the installed extension runs: ${data.extensionPath}`);
  });

  test('every contributed command is registered', () => {
    const data = result('commands').data as { contributed: string[]; missing: string[] };
    assert.deepEqual(data.contributed, pkg.contributes.commands.map((c: { command: string }) => c.command));
    assert.deepEqual(data.missing, []);
  });

  test('languages.getDiagnostics has the placeholder of the opened guide dragent.yaml', () => {
    const data = result('diagnostics').data as { code: string }[];
    assert.ok(data.some((d) => d.code === 'placeholder'), JSON.stringify(data));
  });

  test('sysdig-mesos.agentProfile = latest turns https-unsupported into a warning, without reload', () => {
    const data = result('agentProfile setting').data as { before: { severity: number }; after: { severity: number; message: string } };
    assert.equal(data.before.severity, 0, 'Error with the default profile');
    assert.equal(data.after.severity, 1, 'Warning with latest');
    assert.match(data.after.message, /profile: latest/);
  });

  test('a burst of 8 keystrokes in a 10,000-line dragent.yaml: the diagnostics end at the last version and stay (pulls cancelled, ServerCancelled re-pulled)', () => {
    const data = result('typing burst in a 10,000-line file').data as { version: number; before: string[]; after: string[]; settled: string[]; settledTypo: boolean; lastKeyToDiagnosticsMs: number };
    process.stdout.write(`# last keystroke -> its diagnostics in VS Code: ${data.lastKeyToDiagnosticsMs} ms (version ${data.version})\n`);
    const expected = [...data.before];
    expected.splice(expected.indexOf('unknown-key'), 1);
    assert.deepEqual(data.after, expected, 'only the fixed key\'s finding is gone');
    assert.deepEqual(data.settled, expected, 'and nothing older came after it');
    assert.equal(data.settledTypo, false);
  });

  test('sysdig-mesos.rules: placeholder set to info, then off, without reload', () => {
    const data = result('rule severity setting').data as { before: number[]; info: number[]; offLeft: string[] };
    assert.ok(data.before.every((x) => x === 0), 'Error by default');
    assert.ok(data.info.length && data.info.every((x) => x === 2), 'Information when set to info');
    assert.ok(data.offLeft.length && !data.offLeft.includes('placeholder'), JSON.stringify(data.offLeft));
  });
});
