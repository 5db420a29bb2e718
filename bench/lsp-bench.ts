// LSP latency and memory over real stdio: our server (dist/server.js) side by side with yaml-language-server.
// Run with `npm run bench` (builds first). Options: --edits N (30), --opens N (10), --cold N (7), --ours-only,
// --only TEXT (documents whose name contains TEXT, e.g. --only 10,000).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ConfigurationItem } from 'vscode-languageserver-protocol/node';
import { LspClient, projectRoot, type ClientOptions } from '../test/lsp/lsp-client';
import { createLanguageService, type DocKind } from '../server/src/service/index';
import { generateDragentYaml, generateMarathonAppJson, middleEdit, type Generated } from './generate';

const root = projectRoot();
const argv = process.argv.slice(2);
const opt = (name: string, dflt: number) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] ? Number(argv[i + 1]) : dflt;
};
const EDITS = opt('edits', 30);
const OPENS = opt('opens', 10);
const COLD = opt('cold', 7);
const OURS_ONLY = argv.includes('--ours-only');
const ONLY = (() => {
  const i = argv.indexOf('--only');
  return i >= 0 ? argv[i + 1] : undefined;
})();

interface ServerSpec {
  name: string;
  options: ClientOptions;
  /** true once the server has taken its settings and is ready for documents */
  ready: (c: LspClient) => boolean;
  /** diagnostics carry the document version (ours) or not (yaml-language-server) */
  versioned: boolean;
  note?: string;
}

const ourServer: ServerSpec = {
  name: 'sysdig-mesos',
  options: { configuration: true, config: (item) => (item.section === 'sysdig-mesos' ? {} : null) },
  ready: () => true,
  versioned: true,
};

function yamlServer(): ServerSpec | undefined {
  const bin = join(root, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server');
  if (!existsSync(bin)) return undefined;
  const version = JSON.parse(readFileSync(join(root, 'node_modules', 'yaml-language-server', 'package.json'), 'utf8')).version as string;
  const schemaPath = join(root, 'schemas', 'dragent.schema.json');
  const schemaNote = existsSync(schemaPath)
    ? `schema: schemas/dragent.schema.json (${Math.round(readFileSync(schemaPath).length / 1024)} KB)`
    : 'schemas/dragent.schema.json MISSING: yaml-language-server validates YAML syntax only';
  const schemas = existsSync(schemaPath) ? { [pathToFileURL(schemaPath).href]: ['dragent.yaml', 'dragent.*.yaml'] } : {};
  const config = (item: ConfigurationItem) => {
    switch (item.section) {
      case 'yaml':
        return {
          validate: true,
          hover: false,
          completion: false,
          format: { enable: false },
          schemas,
          schemaStore: { enable: false },
          kubernetesCRDStore: { enable: false },
        };
      case 'http':
        return { proxy: '', proxyStrictSSL: false };
      default:
        return {};
    }
  };
  return {
    name: `yaml-language-server ${version}`,
    options: { configuration: true, config, command: { file: process.execPath, args: [bin] } },
    ready: (c) => c.configRequests.some((items) => items.some((i) => i.section === 'yaml')),
    versioned: false,
    note: `${schemaNote}; it waits a fixed 200 ms (validationDelayMs) before validating each change`,
  };
}

interface Doc {
  name: string;
  file: string;
  languageId: string;
  kind: DocKind;
  gen: Generated;
}

/** the language service alone, in this process: how much of an edit's latency is parse + rules */
function inProcessLint(doc: Doc): { p50: number; p95: number } {
  const service = createLanguageService();
  const times: number[] = [];
  for (let i = 0; i < 3; i++) service.lint(doc.gen.text, doc.kind);
  for (let i = 0; i < 15; i++) {
    const t0 = performance.now();
    service.lint(doc.gen.text, doc.kind);
    times.push(performance.now() - t0);
  }
  return { p50: pct(times, 50), p95: pct(times, 95) };
}

interface Row {
  server: string;
  doc: string;
  cold: number;
  openFirst: number;
  openP50: number;
  openP95: number;
  editP50: number;
  editP95: number;
  rssMb: number;
  diagnostics: number;
  note?: string;
}

function pct(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

function peakRssMb(pid: number | undefined): number {
  if (!pid) return NaN;
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

async function startReady(spec: ServerSpec): Promise<{ client: LspClient; cold: number }> {
  const client = await LspClient.start(spec.options);
  await client.initialize();
  const cold = performance.now() - client.spawnedAt;
  await client.waitFor(() => spec.ready(client), `${spec.name} to ask for its settings`, 20_000);
  await new Promise((r) => setTimeout(r, 100));
  return { client, cold };
}

/** opens (or changes) and waits for the diagnostics that answer it */
async function timed(client: LspClient, spec: ServerSpec, uri: string, send: () => Promise<number>): Promise<{ ms: number; count: number }> {
  const from = client.diagnostics.length;
  const t0 = performance.now();
  const version = await send();
  const d = await client.waitForDiagnostics(uri, spec.versioned ? version : undefined, 120_000, from);
  return { ms: performance.now() - t0, count: d.diagnostics.length };
}

async function coldStart(spec: ServerSpec): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < COLD; i++) {
    const client = await LspClient.start(spec.options);
    await client.initialize();
    times.push(performance.now() - client.spawnedAt);
    await client.shutdown().catch(() => client.kill());
  }
  return times;
}

async function runScenario(spec: ServerSpec, doc: Doc): Promise<Row> {
  const { client, cold } = await startReady(spec);
  try {
    const base = `file:///tmp/sysdig-mesos-bench/${doc.name.replace(/\W+/g, '-')}`;
    const opens: number[] = [];
    let diagnostics = 0;
    for (let i = 0; i < OPENS; i++) {
      const uri = `${base}/open-${i}/${doc.file}`;
      const r = await timed(client, spec, uri, async () => {
        await client.open(uri, doc.gen.text, doc.languageId);
        return 1;
      });
      opens.push(r.ms);
      diagnostics = r.count;
      await client.close(uri);
    }
    const uri = `${base}/edit/${doc.file}`;
    await timed(client, spec, uri, async () => {
      await client.open(uri, doc.gen.text, doc.languageId);
      return 1;
    });
    const pos = middleEdit(doc.gen);
    const lines = doc.gen.text.split('\n');
    const original = lines[pos.line][pos.character];
    const other = original === '7' ? '8' : '7';
    const edits: number[] = [];
    for (let i = 0; i < EDITS; i++) {
      const r = await timed(client, spec, uri, () =>
        client.change(uri, [{ range: { start: pos, end: { line: pos.line, character: pos.character + 1 } }, text: i % 2 === 0 ? other : original }]),
      );
      edits.push(r.ms);
    }
    const rssMb = peakRssMb(client.proc.pid);
    return {
      server: spec.name,
      doc: doc.name,
      cold,
      openFirst: opens[0],
      openP50: pct(opens, 50),
      openP95: pct(opens, 95),
      editP50: pct(edits, 50),
      editP95: pct(edits, 95),
      rssMb,
      diagnostics,
    };
  } finally {
    await client.shutdown().catch(() => client.kill());
  }
}

const f = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');

function table(rows: Row[]): string {
  const head = ['server', 'document', 'cold start ms', 'first open ms', 'open p50 ms', 'open p95 ms', 'edit p50 ms', 'edit p95 ms', 'peak RSS MB', 'diagnostics'];
  const body = rows.map((r) => [r.server, r.doc, f(r.cold), f(r.openFirst), f(r.openP50), f(r.openP95), f(r.editP50), f(r.editP95), f(r.rssMb), String(r.diagnostics)]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  return [line(head), `|${widths.map((w, i) => (i < 2 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`, ...body.map(line)].join('\n');
}

async function main(): Promise<void> {
  if (!existsSync(join(root, 'dist', 'server.js'))) throw new Error('dist/server.js missing: run npm run build');
  const docs: Doc[] = [
    { name: 'dragent.yaml 50 lines', file: 'dragent.yaml', languageId: 'yaml', kind: 'dragent', gen: generateDragentYaml(50) },
    { name: 'dragent.yaml 1,000 lines', file: 'dragent.yaml', languageId: 'yaml', kind: 'dragent', gen: generateDragentYaml(1000) },
    { name: 'dragent.yaml 10,000 lines', file: 'dragent.yaml', languageId: 'yaml', kind: 'dragent', gen: generateDragentYaml(10_000) },
    { name: 'sysdig.json 5,000 lines', file: 'sysdig.json', languageId: 'json', kind: 'marathon-app', gen: generateMarathonAppJson(5000) },
  ];
  const yaml = OURS_ONLY ? undefined : yamlServer();
  const servers = [ourServer, ...(yaml ? [yaml] : [])];
  process.stderr.write(`node ${process.version}, ${EDITS} edits and ${OPENS} opens per document, ${COLD} cold starts per server\n`);

  const rows: Row[] = [];
  const colds = new Map<string, number[]>();
  for (const spec of servers) {
    process.stderr.write(`cold start: ${spec.name}\n`);
    colds.set(spec.name, await coldStart(spec));
    for (const doc of docs) {
      if (spec !== ourServer && doc.languageId !== 'yaml') continue; // VS Code's JSON server is not available here
      if (ONLY && !doc.name.includes(ONLY)) continue;
      process.stderr.write(`${spec.name}: ${doc.name}\n`);
      rows.push(await runScenario(spec, doc));
    }
  }

  const out: string[] = [];
  out.push('');
  out.push(table(rows));
  out.push('');
  out.push('cold start = spawn → initialize result; open = didOpen → publishDiagnostics; edit = one-character didChange → publishDiagnostics for that version.');
  for (const spec of servers) {
    const c = colds.get(spec.name) ?? [];
    out.push(`${spec.name}: cold start over ${c.length} spawns p50 ${f(pct(c, 50))} ms, p95 ${f(pct(c, 95))} ms${spec.note ? `; ${spec.note}` : ''}`);
  }
  out.push('');
  out.push('language service alone (parse + rules, in-process, no LSP), 15 runs after 3 warm-ups:');
  for (const doc of docs) {
    if (ONLY && !doc.name.includes(ONLY)) continue;
    const l = inProcessLint(doc);
    out.push(`  ${doc.name.padEnd(26)} p50 ${f(l.p50).padStart(6)} ms, p95 ${f(l.p95).padStart(6)} ms (${Math.round(doc.gen.text.length / 1024)} KB)`);
  }
  out.push('');
  const ours = rows.filter((r) => r.server === ourServer.name);
  const find = (name: string) => ours.find((r) => r.doc === name);
  const coldP50 = pct(colds.get(ourServer.name) ?? [], 50);
  const maxRss = Math.max(...ours.map((r) => r.rssMb));
  const checks: [string, number, number][] = [
    ['1,000 lines edit→diagnostics p50 < 25 ms', find('dragent.yaml 1,000 lines')?.editP50 ?? NaN, 25],
    ['10,000 lines edit→diagnostics p50 < 200 ms', find('dragent.yaml 10,000 lines')?.editP50 ?? NaN, 200],
    ['cold start p50 < 150 ms', coldP50, 150],
    ['peak RSS < 60 MB (largest of all documents)', maxRss, 60],
  ];
  out.push('targets (sysdig-mesos):');
  for (const [label, value, limit] of checks) out.push(`  ${value < limit ? 'PASS' : 'MISS'}  ${label}: ${f(value)}`);
  process.stdout.write(out.join('\n') + '\n');
}

main().then(
  () => process.exit(0),
  (e) => {
    process.stderr.write(`bench failed: ${(e as Error)?.stack ?? e}\n`);
    process.exit(1);
  },
);
