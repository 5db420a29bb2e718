// Issue 14's benchmark: our server (dist/server.js) side by side with its peers, over real stdio, in one run, on
// the same generated files (bench/generate.ts), driven as VS Code drives a language server.
//
// Run with `npm run bench` (builds first). Options: --runs N (3; medians over the runs), --edits N (15),
// --burst N (8), --only TEXT (files whose name contains TEXT, e.g. --only 9,990), --ours-only, --json (one JSON
// object on stdout instead of the table), --peers DIR (a node_modules folder holding the peers, when the
// project's own does not: `npm install --prefix /tmp/peers yaml-language-server@2 vscode-langservers-extracted`),
// --baseline PATH (another build's dist/server.js, run as a third server on every file: before/after a change).
//
// The client, as vscode-languageclient 9 behaves (lib/common/diagnostic.js):
// - it declares pull diagnostics; a server that offers them (ours, VS Code's JSON server) is pulled
//   (textDocument/diagnostic) on open and on every change. A change while a pull is in flight cancels it
//   ($/cancelRequest) and pulls again once that pull has been answered (any answer: a report, RequestCancelled,
//   ServerCancelled). A ServerCancelled answer (retriggerRequest) is pulled again at once. A version's
//   diagnostics are the report of a pull sent while the document was at that version.
// - a server that only pushes (yaml-language-server) is waited on for publishDiagnostics; one without a version
//   is taken for the latest version sent when it arrives.
//
// The figures, per server and file, each in a fresh server process:
// - cold start ms: spawn → the `initialize` result received.
// - open ms: didOpen of the file (right after `initialized` and the settings handshake) → its first diagnostics
//   (version 1). This includes whatever the server loads lazily (rules, schemas).
// - edit p50 / p95 ms: EDITS single-character edits of a digit in the middle of the file, each sent 150 ms after
//   the previous one or once the previous one's diagnostics arrived, whichever is later (so every edit has its
//   own diagnostics even behind a debounce); timed from sending the didChange to the diagnostics of that version.
// - burst ms: then BURST single-character edits 40 ms apart (not waiting for anything), timed from the last
//   keystroke to the diagnostics of the final version.
// - CPU per edit ms: the server process's utime + stime (/proc/<pid>/stat) over the edit phase (first edit sent
//   → last edit's diagnostics received), divided by EDITS. Clock ticks are 10 ms: the total is what is exact.
// - peak RSS MB: VmHWM (/proc/<pid>/status) after the burst.
// Each figure is the median over RUNS runs; the runs interleave the servers (ours, then the peer, per file), so
// a busy neighbour on the machine weighs on both. The ratio is ours / peer: below 1.00× we are ahead.
// Peers: yaml-language-server with schemas/dragent.schema.json associated to dragent.yaml (the newest 2.x,
// if installed, else the 1.x devDependency); VS Code's JSON server (vscode-langservers-extracted) in pull mode
// with schemas/marathon-app.schema.json associated to sysdig.json.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CancellationTokenSource,
  DocumentDiagnosticReportKind,
  DocumentDiagnosticRequest,
  LSPErrorCodes,
  ResponseError,
  type ConfigurationItem,
  type DocumentDiagnosticReport,
} from 'vscode-languageserver-protocol/node';
import { LspClient, projectRoot, type ClientOptions } from '../test/lsp/lsp-client';
import { createLanguageService, type DocKind } from '../server/src/service/index';
import { generateDragentYaml, generateMarathonAppJson, middleEdit, type Generated } from './generate';
import { cpuTicksOf, formatNumber, formatRatio, median, peakRssMbOf, percentile } from './bench-stats';

const root = projectRoot();
const argv = process.argv.slice(2);
const opt = (name: string, dflt: number) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] ? Number(argv[i + 1]) : dflt;
};
const str = (name: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const RUNS = opt('runs', 3);
const EDITS = opt('edits', 15);
const BURST = opt('burst', 8);
const EDIT_GAP_MS = 150;
const BURST_GAP_MS = 40;
const OURS_ONLY = argv.includes('--ours-only');
const JSON_OUT = argv.includes('--json');
const ONLY = str('only');
const PEERS = str('peers');
const BASELINE = str('baseline');
const BASELINE_NAME = 'ours, baseline build';
const TICK_MS = 1000 / 100; // CLK_TCK is 100 on Linux

interface ServerSpec {
  name: string;
  options: ClientOptions;
  /** after `initialized`: what the server needs before documents (settings) */
  prepare?: (c: LspClient) => Promise<void>;
  note?: string;
}

interface Doc {
  name: string;
  file: string;
  languageId: string;
  kind: DocKind;
  gen: Generated;
  /** the peer for this kind of file */
  peer: ServerSpec | undefined;
}

const versionOf = (dir: string) => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version as string;
const major = (dir: string) => Number(versionOf(dir).split('.')[0]);

/** a peer's package (under any of `names`) in the project's node_modules or --peers: the newest major */
function findPackage(...names: string[]): string | undefined {
  const found: string[] = [];
  for (const dir of [join(root, 'node_modules'), ...(PEERS ? [PEERS] : [])]) {
    for (const name of names) if (existsSync(join(dir, name, 'package.json'))) found.push(join(dir, name));
  }
  return found.sort((a, b) => major(b) - major(a))[0];
}

const ourServer: ServerSpec = {
  name: 'ours',
  options: { pull: true, configuration: true, config: (item) => (item.section === 'sysdig-mesos' ? {} : null) },
};

function yamlServer(): ServerSpec | undefined {
  // the 2.x line is a devDependency under an alias: the plain name stays 1.x, whose UMD build the schema test reads
  const dir = findPackage('yaml-language-server-2', 'yaml-language-server');
  if (!dir) return undefined;
  const bin = join(dir, 'bin', 'yaml-language-server');
  const schemaPath = join(root, 'schemas', 'dragent.schema.json');
  const schemas = { [pathToFileURL(schemaPath).href]: ['dragent.yaml'] };
  const config = (item: ConfigurationItem) => {
    switch (item.section) {
      case 'yaml':
        return { validate: true, hover: false, completion: false, format: { enable: false }, schemas, schemaStore: { enable: false }, kubernetesCRDStore: { enable: false } };
      case 'http':
        return { proxy: '', proxyStrictSSL: false };
      default:
        return {};
    }
  };
  return {
    name: `yaml-language-server ${versionOf(dir)}`,
    options: { pull: true, configuration: true, config, command: { file: process.execPath, args: [bin] } },
    prepare: (c) => c.waitFor(() => c.configRequests.some((items) => items.some((i) => i.section === 'yaml')), 'yaml-language-server to ask for its settings', 20_000).then(() => undefined),
    note: 'pushes only; waits a fixed 200 ms (validationDelayMs) after each change before validating',
  };
}

function jsonServer(): ServerSpec | undefined {
  const dir = findPackage('vscode-langservers-extracted');
  if (!dir) return undefined;
  const bin = join(dir, 'bin', 'vscode-json-language-server');
  const schemaPath = join(root, 'schemas', 'marathon-app.schema.json');
  const settings = {
    json: { validate: { enable: true }, schemas: [{ url: pathToFileURL(schemaPath).href, fileMatch: ['sysdig.json'] }] },
    http: { proxy: '', proxyStrictSSL: false },
  };
  return {
    name: 'VS Code JSON server',
    options: { pull: true, configuration: true, command: { file: process.execPath, args: [bin] } },
    // it takes its settings from didChangeConfiguration, as VS Code sends them
    prepare: (c) => c.changeConfiguration(settings),
    note: `vscode-langservers-extracted ${versionOf(dir)}, pull mode; reads the schema file itself`,
  };
}

/**
 * Diagnostics per version, as a VS Code client gets them: pulled (cancel + re-pull on change) from a server that
 * offers pull diagnostics, else pushed.
 */
class VsCodeLikeClient {
  /** when the diagnostics of each version arrived (performance.now()) */
  readonly arrived = new Map<number, number>();
  readonly count = new Map<number, number>();
  version = 1;
  private inFlight: { source: CancellationTokenSource; version: number } | undefined;
  private again = false;
  private readonly pulls: boolean;
  private pushSeen = 0;
  private readonly waiters = new Map<number, () => void>();
  serverCancelled = 0;

  constructor(
    readonly client: LspClient,
    readonly uri: string,
    pulls: boolean,
  ) {
    this.pulls = pulls;
  }

  static async open(client: LspClient, uri: string, doc: Doc, pulls: boolean): Promise<VsCodeLikeClient> {
    const c = new VsCodeLikeClient(client, uri, pulls);
    await client.open(uri, doc.gen.text, doc.languageId, 1);
    c.afterChange();
    return c;
  }

  async change(pos: { line: number; character: number }, text: string): Promise<{ version: number; sentAt: number }> {
    const sentAt = performance.now();
    this.version = await this.client.change(this.uri, [{ range: { start: pos, end: { line: pos.line, character: pos.character + 1 } }, text }]);
    this.afterChange();
    return { version: this.version, sentAt };
  }

  /** resolves with the arrival time of the diagnostics of `version` */
  async waitFor(version: number, timeoutMs = 60_000): Promise<number> {
    if (!this.pulls) {
      // LspClient re-checks on each message it gets, so a push is taken (and timed) as it arrives
      return this.client.waitFor(
        () => {
          this.takePushes();
          return this.arrived.get(version);
        },
        `diagnostics of version ${version}`,
        timeoutMs,
      );
    }
    const now = this.arrived.get(version);
    if (now !== undefined) return now;
    return new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for the diagnostics of version ${version}`)), timeoutMs);
      this.waiters.set(version, () => {
        clearTimeout(timer);
        resolve(this.arrived.get(version)!);
      });
    });
  }

  private afterChange(): void {
    // pushes that came while nobody waited belong to the versions before this change
    if (!this.pulls) return this.takePushes(this.version - 1);
    if (this.inFlight) {
      // as vscode-languageclient: cancel the pull in flight, pull again when it has been answered
      this.inFlight.source.cancel();
      this.again = true;
      return;
    }
    this.pull();
  }

  private pull(): void {
    const source = new CancellationTokenSource();
    const version = this.version;
    this.inFlight = { source, version };
    this.client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: this.uri } }, source.token).then(
      (report: DocumentDiagnosticReport) => {
        this.inFlight = undefined;
        if (!source.token.isCancellationRequested && !this.arrived.has(version)) {
          this.arrived.set(version, performance.now());
          this.count.set(version, report.kind === DocumentDiagnosticReportKind.Full ? report.items.length : (this.count.get(version - 1) ?? 0));
          this.waiters.get(version)?.();
          this.waiters.delete(version);
        }
        this.next(false);
      },
      (e: unknown) => {
        this.inFlight = undefined;
        const retrigger = e instanceof ResponseError && e.code === LSPErrorCodes.ServerCancelled && (e.data as { retriggerRequest?: boolean } | undefined)?.retriggerRequest !== false;
        if (e instanceof ResponseError && e.code === LSPErrorCodes.ServerCancelled) this.serverCancelled++;
        this.next(retrigger);
      },
    );
  }

  private next(retrigger: boolean): void {
    if (this.again || retrigger) {
      this.again = false;
      this.pull();
    }
  }

  /** pushed diagnostics: by their version, or (none given) the latest version sent when they arrived */
  private takePushes(latest = this.version): void {
    const all = this.client.diagnostics;
    for (; this.pushSeen < all.length; this.pushSeen++) {
      const p = all[this.pushSeen];
      if (p.uri !== this.uri) continue;
      const v = p.version ?? latest;
      if (!this.arrived.has(v)) {
        this.arrived.set(v, performance.now());
        this.count.set(v, p.diagnostics.length);
      }
    }
  }
}

interface Sample {
  cold: number;
  open: number;
  editP50: number;
  editP95: number;
  burst: number;
  cpuPerEdit: number;
  rssMb: number;
  diagnostics: number;
  serverCancelled: number;
}

const procFile = (pid: number | undefined, name: string) => (pid ? readFileSync(`/proc/${pid}/${name}`, 'utf8') : '');
const sleepUntil = (t: number) => new Promise((r) => setTimeout(r, Math.max(0, t - performance.now())));

async function runOnce(spec: ServerSpec, doc: Doc, n: number): Promise<Sample> {
  const client = await LspClient.start(spec.options);
  try {
    const init = await client.initialize();
    const cold = performance.now() - client.spawnedAt;
    await spec.prepare?.(client);
    const pulls = !!init.capabilities.diagnosticProvider;
    const uri = pathToFileURL(`/tmp/sysdig-mesos-bench/run-${n}/${doc.name.replace(/\W+/g, '-')}/${doc.file}`).href;
    const t0 = performance.now();
    const vs = await VsCodeLikeClient.open(client, uri, doc, pulls);
    const open = (await vs.waitFor(1)) - t0;
    const diagnostics = vs.count.get(1) ?? NaN;
    await sleepUntil(performance.now() + 300);

    const pos = middleEdit(doc.gen);
    const original = doc.gen.text.split('\n')[pos.line][pos.character];
    const other = original === '7' ? '8' : '7';
    let flip = false;
    const key = () => ((flip = !flip) ? other : original);

    const pid = client.proc.pid;
    const cpu0 = cpuTicksOf(procFile(pid, 'stat'));
    const edits: number[] = [];
    for (let i = 0; i < EDITS; i++) {
      const { version, sentAt } = await vs.change(pos, key());
      const at = await vs.waitFor(version);
      edits.push(at - sentAt);
      if (i < EDITS - 1) await sleepUntil(Math.max(sentAt + EDIT_GAP_MS, at));
    }
    const cpuPerEdit = ((cpuTicksOf(procFile(pid, 'stat')) - cpu0) * TICK_MS) / EDITS;

    await sleepUntil(performance.now() + 300);
    let last = { version: 0, sentAt: 0 };
    const start = performance.now();
    for (let i = 0; i < BURST; i++) {
      await sleepUntil(start + i * BURST_GAP_MS);
      last = await vs.change(pos, key());
    }
    const burst = (await vs.waitFor(last.version)) - last.sentAt;
    const rssMb = peakRssMbOf(procFile(pid, 'status'));
    return { cold, open, editP50: percentile(edits, 50), editP95: percentile(edits, 95), burst, cpuPerEdit, rssMb, diagnostics, serverCancelled: vs.serverCancelled };
  } finally {
    await Promise.race([client.shutdown(), new Promise((r) => setTimeout(r, 3000))]).catch(() => undefined);
    client.kill();
  }
}

type Figure = 'cold' | 'open' | 'editP50' | 'editP95' | 'burst' | 'cpuPerEdit' | 'rssMb';
const FIGURES: { key: Figure; label: string }[] = [
  { key: 'cold', label: 'cold start ms' },
  { key: 'open', label: 'open ms' },
  { key: 'editP50', label: 'edit p50 ms' },
  { key: 'editP95', label: 'edit p95 ms' },
  { key: 'burst', label: 'burst: last key → diag ms' },
  { key: 'cpuPerEdit', label: 'CPU per edit ms' },
  { key: 'rssMb', label: 'peak RSS MB' },
];

interface Row {
  file: string;
  server: string;
  /** medians over the runs */
  figures: Record<Figure, number>;
  diagnostics: number;
  serverCancelled: number;
  samples: Sample[];
}

function summarise(file: string, server: string, samples: Sample[]): Row {
  const figures = Object.fromEntries(FIGURES.map(({ key }) => [key, median(samples.map((s) => s[key]))])) as Record<Figure, number>;
  return { file, server, figures, diagnostics: median(samples.map((s) => s.diagnostics)), serverCancelled: samples.reduce((a, s) => a + s.serverCancelled, 0), samples };
}

function table(rows: Row[]): string {
  const head = ['file', 'server', ...FIGURES.map((f) => f.label), 'diagnostics'];
  const body: string[][] = [];
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    body.push([i > 0 && rows[i - 1].file === r.file ? '' : r.file, r.server, ...FIGURES.map((f) => formatNumber(r.figures[f.key])), String(r.diagnostics)]);
    const peer = rows[i + 1];
    if (r.server === ourServer.name && peer && peer.file === r.file && peer.server !== BASELINE_NAME) {
      body.push(['', peer.server, ...FIGURES.map((f) => formatNumber(peer.figures[f.key])), String(peer.diagnostics)]);
      body.push(['', 'ours / peer', ...FIGURES.map((f) => formatRatio(r.figures[f.key], peer.figures[f.key])), '']);
      i++;
    }
  }
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  return [line(head), `|${widths.map((w, i) => (i < 2 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`, ...body.map(line)].join('\n');
}

/** the language service alone, in this process: how much of an edit is parse + rules */
function inProcessCheck(doc: Doc): { p50: number; p95: number } {
  const service = createLanguageService();
  const times: number[] = [];
  for (let i = 0; i < 3; i++) service.check(doc.gen.text, doc.kind);
  for (let i = 0; i < 15; i++) {
    const t0 = performance.now();
    service.check(doc.gen.text, doc.kind);
    times.push(performance.now() - t0);
  }
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

async function main(): Promise<void> {
  if (!existsSync(join(root, 'dist', 'server.js'))) throw new Error('dist/server.js missing: run npm run build');
  const yaml = OURS_ONLY ? undefined : yamlServer();
  const json = OURS_ONLY ? undefined : jsonServer();
  const yamlDoc = (lines: number): Doc => ({ name: `dragent.yaml ${lines.toLocaleString('en-US')} lines`, file: 'dragent.yaml', languageId: 'yaml', kind: 'dragent', gen: generateDragentYaml(lines), peer: yaml });
  const jsonDoc = (lines: number): Doc => ({ name: `sysdig.json ${lines.toLocaleString('en-US')} lines`, file: 'sysdig.json', languageId: 'json', kind: 'marathon-app', gen: generateMarathonAppJson(lines), peer: json });
  const docs = [yamlDoc(55), yamlDoc(1021), yamlDoc(9990), jsonDoc(64), jsonDoc(5024)].filter((d) => !ONLY || d.name.includes(ONLY));
  const missing = [...(!OURS_ONLY && !yaml ? ['yaml-language-server'] : []), ...(!OURS_ONLY && !json ? ['vscode-langservers-extracted'] : [])];
  process.stderr.write(`node ${process.version}; ${RUNS} runs, ${EDITS} edits ${EDIT_GAP_MS} ms apart, a burst of ${BURST} keys ${BURST_GAP_MS} ms apart${missing.length ? `; not installed (use --peers): ${missing.join(', ')}` : ''}\n`);

  const baseline: ServerSpec | undefined = BASELINE
    ? { name: BASELINE_NAME, options: { ...ourServer.options, command: { file: process.execPath, args: [BASELINE] } }, note: `${BASELINE}` }
    : undefined;
  const serversFor = (doc: Doc) => [ourServer, ...(doc.peer ? [doc.peer] : []), ...(baseline ? [baseline] : [])];
  const samples = new Map<string, Sample[]>();
  const keyOf = (doc: Doc, spec: ServerSpec) => `${doc.name}\u0000${spec.name}`;
  for (let run = 0; run < RUNS; run++) {
    for (const doc of docs) {
      for (const spec of serversFor(doc)) {
        process.stderr.write(`run ${run + 1}/${RUNS}: ${spec.name}, ${doc.name}\n`);
        const s = await runOnce(spec, doc, run);
        const k = keyOf(doc, spec);
        samples.set(k, [...(samples.get(k) ?? []), s]);
      }
    }
  }
  const rows: Row[] = [];
  for (const doc of docs) for (const spec of serversFor(doc)) rows.push(summarise(doc.name, spec.name, samples.get(keyOf(doc, spec)) ?? []));
  const inProcess = docs.map((d) => ({ file: d.name, ...inProcessCheck(d), kb: Math.round(d.gen.text.length / 1024) }));

  if (JSON_OUT) {
    const ratios = rows
      .filter((r) => r.server !== ourServer.name && r.server !== baseline?.name)
      .map((peer) => {
        const ours = rows.find((r) => r.file === peer.file && r.server === ourServer.name)!;
        return { file: peer.file, peer: peer.server, ...Object.fromEntries(FIGURES.map((f) => [f.key, ours.figures[f.key] / peer.figures[f.key]])) };
      });
    process.stdout.write(JSON.stringify({ node: process.version, runs: RUNS, edits: EDITS, burst: BURST, rows, ratios, inProcess }, null, 2) + '\n');
    return;
  }
  const out: string[] = ['', table(rows), ''];
  out.push(`medians of ${RUNS} runs; ratio = ours / peer (below 1.00× we are ahead; lower is better for every figure).`);
  for (const spec of [ourServer, yaml, json, baseline]) if (spec?.note) out.push(`${spec.name}: ${spec.note}`);
  const cancelled = rows.filter((r) => r.server === ourServer.name).reduce((a, r) => a + r.serverCancelled, 0);
  out.push(`our server answered ${cancelled} superseded pull(s) ServerCancelled over all runs (each re-pulled for the new version).`);
  out.push('');
  out.push('language service alone (parse + rules, this process, no LSP), 15 checks after 3 warm-ups:');
  for (const l of inProcess) out.push(`  ${l.file.padEnd(26)} p50 ${formatNumber(l.p50).padStart(6)} ms, p95 ${formatNumber(l.p95).padStart(6)} ms (${l.kb} KB)`);
  process.stdout.write(out.join('\n') + '\n');
}

main().then(
  () => process.exit(0),
  (e) => {
    process.stderr.write(`bench failed: ${(e as Error)?.stack ?? e}\n`);
    process.exit(1);
  },
);
