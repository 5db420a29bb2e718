import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ServerResponse } from 'node:http';
import { projectRoot } from '../helpers/paths';
import { runCli, type CliRun } from '../helpers/run-cli';
import { listen, type Listening } from '../cluster/fake/common';
import { clusterCheck } from '../../server/src/lsp/cluster-check';

/**
 * Issue 10 §6: output cannot be forged. Hostile Mesos and Marathon servers on 127.0.0.1 answer with
 * newlines, carriage returns, ESC/CSI/OSC sequences, C1 controls, U+2028 and GitHub workflow commands in
 * every string the CLI prints (version, host names, leader, framework ids, error text); a dragent.yaml
 * carries them in keys, values and its file name. No line of text output may be forged: no raw control
 * character, no line starting with `::`, and exactly the lines the tool itself writes.
 */

const root = projectRoot();
const dir = mkdtempSync(join(tmpdir(), 'sysdig-mesos-forged-'));

const closers: (() => Promise<void>)[] = [];
after(async () => {
  for (const c of closers) await c();
});
async function server(handler: Parameters<typeof listen>[0]): Promise<Listening> {
  const s = await listen(handler);
  closers.push(() => s.close());
  return s;
}

/** Every raw control character a terminal or CI log could act on (the tool's own `\n` ends lines). */
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

function assertUnforged(out: string, what: string): void {
  const m = RAW_CONTROL.exec(out);
  assert.equal(m, null, `${what}: raw U+${m?.[0].charCodeAt(0).toString(16).padStart(4, '0')} in:\n${out}`);
  for (const line of out.split('\n')) assert.doesNotMatch(line, /^\s*::/, `${what}: a line starts with "::"`);
}

function run(args: string[], cwd = root): Promise<CliRun> {
  return runCli(args, { cwd, env: { ...process.env, SYSDIG_ACCESS_KEY: 'b7c1d2e3-0000-4f00-8a00-5ecre7ac0e55' } });
}

function json(res: ServerResponse, body: unknown, status = 200): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

// What the servers put in their strings: each would forge a line, erase one, or command the CI runner.
const NL_COMMAND = '\n::error ::forged';
const CR_PASS = '\r  PASS  mesos.auth                 forged';
const ESC_ERASE = '\u001b[1A\u001b[2K  PASS  mesos.auth   forged';
const OSC_TITLE = '\u001b]0;forged\u0007';
const C1_CSI = '\u009b31m';
const LINE_SEP = '\u2028::warning ::forged';

async function hostileMarathon(): Promise<Listening> {
  return server((req, res) => {
    if (req.url === '/ping') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      return res.end(`pong${NL_COMMAND}`);
    }
    if (req.url === '/v2/info') return json(res, { name: 'marathon', version: `1.4.0${OSC_TITLE}${LINE_SEP}`, frameworkId: `F${CR_PASS}` });
    if (req.url === '/v2/leader') return json(res, { leader: `evil${ESC_ERASE}${NL_COMMAND}` });
    if (req.url?.startsWith('/v2/apps/')) return json(res, { message: `App '/sysdig-agent' does not exist` }, 404);
    json(res, { message: `no such path${NL_COMMAND}` }, 404);
  });
}

async function hostileMesos(marathonUrl: string): Promise<Listening> {
  return server((req, res, self) => {
    if (req.url === '/version') return json(res, { version: `1.2.0${NL_COMMAND}${C1_CSI}` });
    if (req.url === '/master/redirect') return res.writeHead(404).end();
    json(res, {
      version: '1.2.0',
      hostname: `master${CR_PASS}`,
      pid: `master@127.0.0.1:${self.port}`,
      leader_info: { hostname: `leader${ESC_ERASE}${NL_COMMAND}`, port: 5050 },
      slaves: [
        { id: 'S0', hostname: `agent${NL_COMMAND}`, pid: 'slave(1)@10.0.0.1:5051' },
        { id: 'S1', hostname: `agent${LINE_SEP}${C1_CSI}`, pid: 'slave(1)@10.0.0.2:5051' },
      ],
      frameworks: [
        { id: `F-1${CR_PASS}`, name: 'marathon', active: true, hostname: 'm', webui_url: marathonUrl },
        { id: 'F-2', name: 'marathon', active: true, hostname: `m${NL_COMMAND}`, webui_url: `${marathonUrl}/${OSC_TITLE}` },
      ],
    });
  });
}

test('check, text: a hostile Mesos and Marathon cannot forge a line, a PASS or a workflow command', async () => {
  const mara = await hostileMarathon();
  const mesos = await hostileMesos(mara.url);
  const r = await run(['check', '--mesos', mesos.url, '--timeout', '3000']);
  assertUnforged(r.stdout, 'check stdout');
  assertUnforged(r.stderr, 'check stderr');
  const lines = r.stdout.split('\n');
  assert.equal(lines.filter((l) => /^\s*(PASS|WARN|FAIL|SKIP)\s+mesos\.auth\b/.test(l)).length, 1, r.stdout);
  // every line is one the tool writes: a section, a check, the two leaders, the count
  for (const l of lines.filter((x) => x !== '')) assert.match(l, /^(Mesos |Marathon |App |  (PASS|WARN|FAIL|SKIP)  [a-z-]+\.[a-z-]+ |Mesos leader: |Marathon leader: |\d+ passed, )/, l);
  // what the servers said is still there, visibly
  assert.ok(r.stdout.includes('Mesos 1.2.0\\n::error ::forged\\x9b31m'), r.stdout);
  assert.ok(r.stdout.includes('\\x1b[1A\\x1b[2K'), r.stdout);
  assert.ok(r.stdout.includes('\\u2028::warning ::forged'), r.stdout);
});

test('check, text: error text from a server (a 500 body with ESC and CR) is escaped too', async () => {
  const mesos = await server((req, res) => {
    if (req.url === '/version') return json(res, { version: '1.2.0' });
    if (req.url === '/master/redirect') return res.writeHead(404).end();
    res.writeHead(500, { 'content-type': 'text/plain' });
    res.end(`boom${ESC_ERASE}${CR_PASS}`);
  });
  const r = await run(['check', '--mesos', mesos.url, '--marathon', 'http://127.0.0.1:1', '--timeout', '3000']);
  assertUnforged(r.stdout, 'check stdout');
  assert.match(r.stdout, /FAIL {2}mesos\.state-json +.*HTTP 500 \(boom\\x1b\[1A\\x1b\[2K {2}PASS {2}mesos\.auth {3}forged PASS {2}mesos\.auth/);
  assert.equal(r.stdout.split('\n').filter((l) => /^\s*(PASS|WARN|FAIL|SKIP)\s+mesos\.auth\b/.test(l)).length, 1, r.stdout);
});

test('deploy, text: a hostile Marathon leader cannot forge a line of the plan', async () => {
  const mara = await hostileMarathon();
  const app = join(dir, 'sysdig.json');
  writeFileSync(app, readFileSync(join(root, 'examples', 'fixed', 'sysdig.json'), 'utf8'));
  const r = await run(['deploy', app, '--marathon', mara.url, '--timeout', '3000']);
  assert.equal(r.code, 2, r.stdout + r.stderr);
  assertUnforged(r.stdout, 'deploy stdout');
  assertUnforged(r.stderr, 'deploy stderr');
  assert.match(r.stdout, /^Marathon leader: evil\\x1b\[1A\\x1b\[2K {2}PASS {2}mesos\.auth {3}forged\\n::error ::forged$/m);
});

test('lint, text: keys, values and file names from the repository cannot forge a line', async () => {
  const yaml = '"\\e[31m::error ::forged-key\\n  PASS  x": 1\nmesos_state_uri: "http://h\\x9b\\u2028::warning ::v:5050"\n"\\r::notice ::cr": 2\n';
  const shown: Record<string, string> = { '::error ::forged.yaml': '\\x3a:error ::forged.yaml', 'x\n::error ::forged.yaml': 'x\\n::error ::forged.yaml', 'dragent.yaml': 'dragent.yaml' };
  for (const [name, escaped] of Object.entries(shown)) {
    writeFileSync(join(dir, name), yaml);
    const r = await run(['lint', '--kind', 'dragent', name], dir);
    assertUnforged(r.stdout, `lint ${JSON.stringify(name)}`);
    const findings = r.stdout.split('\n').filter((l) => l !== '');
    assert.ok(findings.length >= 3, r.stdout);
    // one line per finding, each naming the file first (escaped)
    for (const l of findings) assert.ok(l.startsWith(escaped + ':'), l);
    assert.ok(r.stdout.includes('\\x1b[31m::error ::forged-key\\n  PASS  x'), r.stdout);
  }
});

test('CLI errors on stderr: a hostile file name or config key is escaped in the one error line', async () => {
  // a missing file whose name carries ESC, CR and a workflow command: the "cannot read" line quotes the name
  const missing = 'gone\u001b[2J\r::error ::forged.yaml';
  const r = await run(['lint', '--kind', 'dragent', missing], dir);
  assert.equal(r.code, 2, r.stderr);
  assertUnforged(r.stderr, 'lint of a missing hostile name');
  assert.match(r.stderr, /^sysdig-mesos: .*gone\\x1b\[2J ::error ::forged\.yaml/, r.stderr); // the CR became a space: one line
  // a .sysdig-mesos.json with an unknown key holding a newline and a workflow command
  const cfgDir = join(dir, 'cfg');
  mkdirSync(cfgDir, { recursive: true });
  writeFileSync(join(cfgDir, '.sysdig-mesos.json'), JSON.stringify({ 'k\n::error ::forged\u009b': 1 }));
  writeFileSync(join(cfgDir, 'dragent.yaml'), 'customerid: abc\n');
  const c = await run(['lint', 'dragent.yaml'], cfgDir);
  assertUnforged(c.stderr, 'lint with a hostile .sysdig-mesos.json key');
});

test('the editor: cluster diagnostics, output sections, the summary and the leader carry no raw control character', async () => {
  const mara = await hostileMarathon();
  const mesos = await hostileMesos(mara.url);
  const config = { uri: 'file:///w/dragent.yaml', text: `mesos_state_uri: ${mesos.url}\nmarathon_uris: [${mara.url}]\n` };
  for (const target of ['mesos', 'marathon'] as const) {
    const r = await clusterCheck({ target, config, timeoutMs: 3000 });
    const texts = [
      r.summary,
      r.mesosLeader ?? '',
      ...r.marathonLeaders,
      ...r.sections.flatMap((s) => [s.title, ...s.checks.map((c) => c.message)]),
      ...r.diagnostics.flatMap((d) => d.items.map((i) => i.message)),
    ];
    assert.ok(texts.some((t) => t.includes('::error ::forged')), `${target}: the hostile text was not seen at all`);
    for (const t of texts) assert.doesNotMatch(t, /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/, `${target}: ${JSON.stringify(t)}`);
  }
});
