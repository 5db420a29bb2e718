// What workspace diagnostics (issue 11 §13) cost the user's typing: keystroke (didChange) → textDocument/diagnostic
// answer, over real stdio, with and without a workspace/diagnostic of a folder of N dragent/Marathon files being
// answered at the same time. Prints numbers; it is not a test. Run with `npm run bench:workspace` (builds first).
// Issue 12 §2 adds the cross-file rules: a tenth of the dragent.yaml files read one of five remote Mesos masters (so
// they carry workspace-delegated-agents findings), the edited document reads one of them too, and a scenario types in
// its mesos_state_uri host (every keystroke changes what the cross-file rules read: the workspace model recomputes
// and the client is told) — with the time until a file that is not open shows the change in a workspace pull.
// Options: --files N (300), --edits N (60 per scenario), --rounds N (3 fresh servers for the cold pull), --gap MS (100,
// the pause between keystrokes: ten keys a second is a fast typist).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PreviousResultId, WorkspaceDiagnosticReport } from 'vscode-languageserver-protocol/node';
import { LspClient, projectRoot } from '../test/lsp/lsp-client';
import { generateDragentYaml } from './generate';

const argv = process.argv.slice(2);
const opt = (name: string, dflt: number) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] ? Number(argv[i + 1]) : dflt;
};
const FILES = opt('files', 300);
const EDITS = opt('edits', 60);
const ROUNDS = opt('rounds', 3);
const GAP_MS = opt('gap', 100);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const f = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : 'n/a');
function pct(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}
const summary = (xs: number[]) => `n ${String(xs.length).padStart(3)}  p50 ${f(pct(xs, 50)).padStart(6)}  p95 ${f(pct(xs, 95)).padStart(6)}  max ${f(Math.max(...xs)).padStart(6)} ms`;

/** N files: half dragent.yaml (200 generated lines each), half the guide's Marathon app, in nested folders */
function makeWorkspace(): string {
  const root = mkdtempSync(join(tmpdir(), 'sysdig-mesos-wsbench-'));
  const app = readFileSync(join(projectRoot(), 'examples', 'guide', 'sysdig.json'), 'utf8');
  const dragent = generateDragentYaml(200).text;
  for (let i = 0; i < FILES; i++) {
    const dir = join(root, `team${i % 10}`, `svc${i}`);
    mkdirSync(dir, { recursive: true });
    const remote = i % 10 === 0 ? `mesos_state_uri: http://m${(i / 10) % 5}.example.com:5050\n` : '';
    if (i % 2 === 0) writeFileSync(join(dir, 'dragent.yaml'), remote + dragent.replace('collector_port: 6443', `collector_port: ${6000 + i}`));
    else writeFileSync(join(dir, 'sysdig.json'), app.replace('"sysdig-agent"', `"sysdig-agent-${i}"`));
    // and what a real repository holds besides: files the walk passes over
    for (let k = 0; k < 5; k++) writeFileSync(join(dir, `notes${k}.md`), '# notes\n');
  }
  return root;
}

const GENERATED = generateDragentYaml(1000);
/** the edited document reads master m0 (line 0), like every fifth of the remote configs: it has cross-file findings */
const REMOTE_LINE = 'mesos_state_uri: http://m0.example.com:5050\n';
const EDITED = { text: REMOTE_LINE + GENERATED.text, editPositions: GENERATED.editPositions.map((p) => ({ line: p.line + 1, character: p.character })) };
/** where the master's digit is: typing there moves the document from one cluster to another */
const HOST_DIGIT = { line: 0, character: REMOTE_LINE.indexOf('m0') + 1 };

async function serverFor(root: string): Promise<{ c: LspClient; uri: string; edit(): Promise<number>; editHost(): Promise<{ ms: number; t0: number; digit: string }> }> {
  const c = await LspClient.start({ pull: true, configuration: true, config: () => ({}), workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'ws' }] });
  await c.initialize();
  const uri = pathToFileURL(join(root, 'edited', 'dragent.yaml')).href;
  await c.open(uri, EDITED.text, 'yaml');
  await c.pull(uri);
  let n = 0;
  let h = 0;
  /** one keystroke in the master's host, m0 ↔ m9 (the cross-file findings of this file and six others change) */
  const editHost = async () => {
    const digit = h++ % 2 === 0 ? '9' : '0';
    const t0 = performance.now();
    await c.change(uri, [{ range: { start: HOST_DIGIT, end: { line: 0, character: HOST_DIGIT.character + 1 } }, text: digit }]);
    await c.pull(uri);
    return { ms: performance.now() - t0, t0, digit };
  };
  /** one keystroke: a digit replaced, then the document pull VS Code sends on change; ms to its answer */
  const edit = async () => {
    const at = EDITED.editPositions[n % EDITED.editPositions.length];
    const digit = String(n++ % 10);
    const t0 = performance.now();
    await c.change(uri, [{ range: { start: at, end: { line: at.line, character: at.character + 1 } }, text: digit }]);
    await c.pull(uri);
    return performance.now() - t0;
  };
  for (let i = 0; i < 10; i++) await edit(); // warm-up: the service is loaded and compiled
  return { c, uri, edit, editHost };
}

async function typeWhile(edit: () => Promise<number>, busy: () => boolean, max: number): Promise<number[]> {
  const out: number[] = [];
  while (busy() && out.length < max) {
    out.push(await edit());
    await sleep(GAP_MS);
  }
  return out;
}

const held = (r: WorkspaceDiagnosticReport): PreviousResultId[] => r.items.filter((i) => i.resultId).map((i) => ({ uri: i.uri, value: i.resultId! }));

async function main(): Promise<void> {
  const root = makeWorkspace();
  mkdirSync(join(root, 'edited'));
  writeFileSync(join(root, 'edited', 'dragent.yaml'), EDITED.text);
  const out: string[] = [];
  out.push(`workspace diagnostics and typing: ${FILES} files (${FILES / 2} dragent.yaml of 200 lines, ${FILES / 2} Marathon apps) + ${FILES * 5} other files;`);
  out.push(`the edited document: dragent.yaml of 1,000 lines; a keystroke every ${GAP_MS} ms after the previous answer; ${process.platform} ${process.arch}, node ${process.version}`);
  out.push('');
  try {
    const baseline: number[] = [];
    const cold: number[] = [];
    const coldPulls: number[] = [];
    const quietPulls: number[] = [];
    const longestSlices: number[] = [];
    const warm: number[] = [];
    const warmPulls: number[] = [];
    let reported = 0;
    const crossKeys: number[] = [];
    const crossSeen: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      // no workspace pull at all
      const a = await serverFor(root);
      baseline.push(...(await typeWhile(a.edit, () => true, Math.ceil(EDITS / ROUNDS))));
      a.c.kill();

      // a fresh server's first workspace pull (walk, read and check every file), nobody typing
      const q = await serverFor(root);
      const tq = performance.now();
      await q.c.workspacePull();
      quietPulls.push(performance.now() - tq);
      q.c.kill();

      // the same while typing (the typing stops after its share of keystrokes; the pull goes on alone)
      const b = await serverFor(root);
      let pending = true;
      const t0 = performance.now();
      const pull = b.c.workspacePull().then((r) => {
        coldPulls.push(performance.now() - t0);
        pending = false;
        return r;
      });
      cold.push(...(await typeWhile(b.edit, () => pending, Math.ceil(EDITS / ROUNDS))));
      const first = await pull;
      reported = first.items.length;
      // the server's own account (its log at Debug level): the longest stretch of work between two yields
      const line = b.c.logs.map((l) => l.message).find((m) => /^workspace diagnostics: .*longest slice/.test(m));
      const slice = /longest slice ([\d.]+) ms/.exec(line ?? '');
      if (slice) longestSlices.push(Number(slice[1]));

      // re-pulls back to back (vscode-languageclient waits 2 s between them: this is the worst case), all unchanged
      let stop = false;
      const loop = (async () => {
        while (!stop) {
          const t1 = performance.now();
          await b.c.workspacePull(held(first));
          warmPulls.push(performance.now() - t1);
        }
      })();
      warm.push(...(await typeWhile(b.edit, () => true, Math.ceil(EDITS / ROUNDS))));
      stop = true;
      await loop;

      // keystrokes that change what the cross-file rules read, after the workspace is known; and for each, the time
      // until a workspace pull reports the change on team0/svc0/dragent.yaml (m0, never opened)
      const target = pathToFileURL(join(root, 'team0', 'svc0', 'dragent.yaml')).href;
      let prev = held(await b.c.workspacePull());
      for (let k = 0; k < Math.ceil(EDITS / ROUNDS / 2); k++) {
        const { ms, t0, digit } = await b.editHost();
        crossKeys.push(ms);
        // back to back pulls, as the client's 2 s loop would do at once: until the target's report names the edited file or not
        for (let tries = 0; tries < 50; tries++) {
          const r = await b.c.workspacePull(prev);
          prev = held(r);
          const item = r.items.find((i) => i.uri === target);
          if (item && item.kind === 'full') {
            const links = item.items.flatMap((d) => d.relatedInformation ?? []).some((ri) => ri.location.uri === b.uri);
            if (links === (digit === '0')) {
              crossSeen.push(performance.now() - t0);
              break;
            }
          }
        }
        await sleep(GAP_MS);
      }
      b.c.kill();
    }
    out.push(`files reported by one workspace pull: ${reported} (the ${FILES} and the open document)`);
    out.push(`first workspace pull (cold: walk + read + check): ${summary(quietPulls)}`);
    out.push(`  the same while typing ${String(Math.ceil(EDITS / ROUNDS)).padStart(3)} keys:           ${summary(coldPulls)}`);
    out.push(`re-pull, everything unchanged:                    ${summary(warmPulls)}`);
    out.push(`longest work between two yields (server's log):   ${summary(longestSlices)}`);
    out.push('');
    out.push('keystroke → textDocument/diagnostic answer:');
    out.push(`  no workspace pull                     ${summary(baseline)}`);
    out.push(`  during the cold workspace pull        ${summary(cold)}`);
    out.push(`  during back-to-back unchanged pulls   ${summary(warm)}`);
    out.push(`  typing in mesos_state_uri's host      ${summary(crossKeys)}   (cross-file findings recomputed each key)`);
    out.push('keystroke in mesos_state_uri → an unopened file of that cluster reported changed by a workspace pull:');
    out.push(`                                        ${summary(crossSeen)}`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  process.stdout.write(out.join('\n') + '\n');
}

main().then(
  () => process.exit(0),
  (e) => {
    process.stderr.write(`bench failed: ${(e as Error)?.stack ?? e}\n`);
    process.exit(1);
  },
);
