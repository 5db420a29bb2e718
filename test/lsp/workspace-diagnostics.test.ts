// Workspace diagnostics (issue 11 §13) over real stdio: `workspace/diagnostic` reports every dragent.yaml and
// Marathon app file of the workspace folders, open or not, and answers a re-pull cheaply. What the client does
// with the reports is vscode-languageclient's (lib/common/diagnostic.js): see server/src/lsp/workspace-diagnostics.ts.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CancellationTokenSource,
  DocumentDiagnosticReportKind,
  FileChangeType,
  LSPErrorCodes,
  type FullDocumentDiagnosticReport,
  type WorkspaceDiagnosticReport,
  type WorkspaceDocumentDiagnosticReport,
} from 'vscode-languageserver-protocol/node';
import { projectRoot, type LspClient } from './lsp-client';
import { clientPool } from './client-pool';

const { client, started, tempDir } = clientPool();
const guide = (name: string) => readFileSync(join(projectRoot(), 'examples', 'guide', name), 'utf8');
const fixed = (name: string) => readFileSync(join(projectRoot(), 'examples', 'fixed', name), 'utf8');

function write(root: string, rel: string, text: string | Buffer): string {
  const p = join(root, rel);
  mkdirSync(join(p, '..'), { recursive: true });
  writeFileSync(p, text);
  return p;
}

/** the workspace of the brief: ours, not ours, and what must be skipped */
function workspace(): { folder: string; outside: string } {
  const folder = tempDir('sysdig-mesos-wsdiag-');
  const outside = tempDir('sysdig-mesos-wsdiag-out-');
  write(folder, 'guide/dragent.yaml', guide('dragent.yaml'));
  write(folder, 'app/sysdig.json', guide('sysdig.json'));
  // a Marathon app known by its content only
  write(folder, 'sniffed/agent-app.json', guide('sysdig.json').replace('YOUR-NUMBER-OF-INSTANCES-HERE', '1'));
  // not ours: a YAML file no pattern names (with a tab that would be a syntax error), a JSON file that is no app
  write(folder, 'other/values.yaml', 'a:\n\tb: 1\n');
  write(folder, 'other/package.json', '{"name": "x", "version": "1.0.0"}\n');
  // skipped: node_modules, dot-folders, a file over 1 MiB, a binary one, a link out of the folder
  write(folder, 'node_modules/pkg/dragent.yaml', guide('dragent.yaml'));
  write(folder, '.hidden/dragent.yaml', guide('dragent.yaml'));
  write(folder, 'big/dragent.yaml', `customerid: x\n#${'x'.repeat(2 * 1024 * 1024)}\n`);
  write(folder, 'binary/dragent.yaml', Buffer.from([0x63, 0x3a, 0x00, 0x01, 0x0a]));
  write(outside, 'dragent.yaml', guide('dragent.yaml'));
  write(outside, 'deep/sysdig.json', guide('sysdig.json'));
  mkdirSync(join(folder, 'linked'));
  symlinkSync(join(outside, 'dragent.yaml'), join(folder, 'linked', 'dragent.yaml'));
  symlinkSync(join(outside, 'deep'), join(folder, 'outdir'));
  return { folder, outside };
}

async function serverFor(folder: string, settings: Record<string, unknown> = {}): Promise<LspClient> {
  return client({ pull: true, configuration: true, config: () => settings, workspaceFolders: [{ uri: pathToFileURL(folder).href, name: 'ws' }] });
}

/** the reports by path relative to the folder */
function byPath(folder: string, r: WorkspaceDiagnosticReport): Map<string, WorkspaceDocumentDiagnosticReport> {
  const out = new Map<string, WorkspaceDocumentDiagnosticReport>();
  for (const item of r.items) {
    const rel = fileURLToPath(item.uri).slice(folder.length + 1);
    assert.ok(!out.has(rel), `${rel} reported twice`);
    out.set(rel, item);
  }
  return out;
}

const full = (item: WorkspaceDocumentDiagnosticReport | undefined) => {
  assert.ok(item && item.kind === DocumentDiagnosticReportKind.Full, JSON.stringify(item));
  return item;
};
const held = (r: WorkspaceDiagnosticReport) => r.items.filter((i) => i.resultId).map((i) => ({ uri: i.uri, value: i.resultId! }));

describe('workspace diagnostics', () => {
  test('offered, unless the client says not to (initializationOptions.workspaceDiagnostics false)', async () => {
    const offered = async (initializationOptions?: unknown) => {
      const c = await started({ pull: true, initializationOptions });
      const dp = (await c.initialize()).capabilities.diagnosticProvider;
      assert.ok(dp && typeof dp === 'object');
      return dp.workspaceDiagnostics;
    };
    assert.equal(await offered(), true);
    assert.equal(await offered({ clientCommands: [] }), true);
    assert.equal(await offered({ workspaceDiagnostics: false }), false);
  });

  test('unopened files are reported (version null), the same problems as when open; the rest is left out', async () => {
    const { folder } = workspace();
    const c = await serverFor(folder);
    const r = byPath(folder, await c.workspacePull());
    assert.deepEqual([...r.keys()].sort(), ['app/sysdig.json', 'guide/dragent.yaml', 'sniffed/agent-app.json']);
    for (const [rel, item] of r) {
      full(item);
      assert.equal(item.version, null, rel);
      assert.ok(item.resultId, rel);
    }
    const dragent = full(r.get('guide/dragent.yaml'));
    assert.ok(dragent.items.some((d) => d.code === 'placeholder'), JSON.stringify(dragent.items.map((d) => d.code)));
    // the same problems as the document pull gives once the file is open
    for (const rel of ['guide/dragent.yaml', 'app/sysdig.json']) {
      const uri = pathToFileURL(join(folder, rel)).href;
      await c.open(uri, readFileSync(join(folder, rel), 'utf8'));
      const pulled = (await c.pull(uri)) as FullDocumentDiagnosticReport;
      const strip = (ds: typeof pulled.items) => ds.map(({ data: _data, ...d }) => d);
      assert.deepEqual(strip(full(r.get(rel)).items), strip(pulled.items), rel);
    }
    assert.ok(!c.stderr.includes('customerid'), 'nothing of the files on stderr');
  });

  test('a re-pull with the resultIds held answers unchanged; a change on disk with didChangeWatchedFiles gives the new report', async () => {
    const { folder } = workspace();
    const c = await serverFor(folder);
    const first = await c.workspacePull();
    const again = await c.workspacePull(held(first));
    assert.equal(again.items.length, 3);
    for (const item of again.items) assert.equal(item.kind, DocumentDiagnosticReportKind.Unchanged, item.uri);
    assert.deepEqual(held(again), held(first));

    // fixed on disk: the new report for that file alone
    const path = join(folder, 'guide', 'dragent.yaml');
    writeFileSync(path, fixed('dragent.yaml'));
    await c.changeWatchedFiles([{ uri: pathToFileURL(path).href, type: FileChangeType.Changed }]);
    const after = byPath(folder, await c.workspacePull(held(first)));
    const changed = full(after.get('guide/dragent.yaml'));
    assert.ok(!changed.items.some((d) => d.code === 'placeholder'), JSON.stringify(changed.items));
    assert.equal(after.get('app/sysdig.json')?.kind, DocumentDiagnosticReportKind.Unchanged);

    // deleted: its problems are cleared; created: it appears
    rmSync(join(folder, 'app', 'sysdig.json'));
    const created = write(folder, 'new/marathon-agent.json', guide('sysdig.json'));
    await c.changeWatchedFiles([
      { uri: pathToFileURL(join(folder, 'app', 'sysdig.json')).href, type: FileChangeType.Deleted },
      { uri: pathToFileURL(created).href, type: FileChangeType.Created },
    ]);
    const third = byPath(folder, await c.workspacePull(held(first)));
    assert.deepEqual(full(third.get('app/sysdig.json')).items, []);
    assert.ok(full(third.get('new/marathon-agent.json')).items.length > 0);
  });

  test('a change on disk without a file event is seen too (stat on every pull)', async () => {
    const { folder } = workspace();
    const c = await serverFor(folder);
    const first = await c.workspacePull();
    writeFileSync(join(folder, 'guide', 'dragent.yaml'), `${fixed('dragent.yaml')}\n# edited\n`);
    const after = byPath(folder, await c.workspacePull(held(first)));
    assert.equal(after.get('guide/dragent.yaml')?.kind, DocumentDiagnosticReportKind.Full);
  });

  test('an open file is reported once, from its text and version; after its close, from disk in full', async () => {
    const { folder } = workspace();
    const c = await serverFor(folder);
    const first = await c.workspacePull();
    const uri = pathToFileURL(join(folder, 'guide', 'dragent.yaml')).href;
    // open with a text that differs from the file: the editor's text counts
    await c.open(uri, fixed('dragent.yaml'));
    const docReport = (await c.pull(uri)) as FullDocumentDiagnosticReport;
    const open = byPath(folder, await c.workspacePull(held(first)));
    const item = full(open.get('guide/dragent.yaml'));
    assert.equal(item.version, 1);
    assert.equal(item.resultId, docReport.resultId, 'the document pull and the workspace report are one result');
    assert.deepEqual(item.items, docReport.items);
    assert.ok(!item.items.some((d) => d.code === 'placeholder'));
    // unchanged while it stays open
    const still = byPath(folder, await c.workspacePull(held(first).map((h) => (h.uri === item.uri ? { uri: h.uri, value: item.resultId! } : h))));
    assert.equal(still.get('guide/dragent.yaml')?.kind, DocumentDiagnosticReportKind.Unchanged);

    // closed without saving: the file's own problems come back, in full even though the client holds its disk resultId
    await c.close(uri);
    const closed = byPath(folder, await c.workspacePull(held(first)));
    const back = full(closed.get('guide/dragent.yaml'));
    assert.equal(back.version, null);
    assert.ok(back.items.some((d) => d.code === 'placeholder'));
  });

  test('a closed document that is not ours on disk is cleared (a language set by hand, a file outside the folders)', async () => {
    const { folder } = workspace();
    const c = await serverFor(folder);
    const inside = pathToFileURL(join(folder, 'other', 'values.yaml')).href;
    const elsewhere = 'file:///nowhere/dragent.yaml';
    await c.open(inside, 'a:\n\tb: 1\n', 'dragent-yaml');
    await c.open(elsewhere, 'a:\n\tb: 1\n');
    const open = await c.workspacePull();
    assert.ok(open.items.some((i) => i.uri === inside && i.kind === DocumentDiagnosticReportKind.Full && i.items.length > 0));
    await c.close(inside);
    await c.close(elsewhere);
    const after = await c.workspacePull(held(open));
    for (const uri of [inside, elsewhere]) {
      const item = after.items.find((i) => i.uri === uri);
      assert.ok(item && item.kind === DocumentDiagnosticReportKind.Full && item.items.length === 0, `${uri}: ${JSON.stringify(item)}`);
    }
  });

  test('settings: the folder\'s file patterns decide, and diagnostics.workspace false reports nothing', async () => {
    const { folder } = workspace();
    const c = await serverFor(folder, { files: { dragent: ['values.yaml'] } });
    const r = byPath(folder, await c.workspacePull());
    assert.ok(r.has('other/values.yaml'), [...r.keys()].join());
    assert.ok(!r.has('guide/dragent.yaml'), 'dragent.yaml is no longer a pattern');
    const off = await serverFor(folder, { diagnostics: { workspace: false } });
    assert.deepEqual((await off.workspacePull()).items, []);
  });

  test('nested workspace folders: each file once, with its own folder\'s settings', async () => {
    const outer = tempDir('sysdig-mesos-wsdiag-outer-');
    write(outer, 'dragent.yaml', guide('dragent.yaml'));
    write(outer, 'inner/dragent.yaml', guide('dragent.yaml'));
    write(outer, 'inner/sub/sysdig.json', guide('sysdig.json'));
    const innerUri = pathToFileURL(join(outer, 'inner')).href;
    const c = await client({
      pull: true,
      configuration: true,
      // the inner folder turns workspace diagnostics off: its files are not reported, not even by the outer folder's walk
      config: (item) => (item.scopeUri?.startsWith(innerUri) ? { diagnostics: { workspace: false } } : {}),
      workspaceFolders: [
        { uri: pathToFileURL(outer).href, name: 'outer' },
        { uri: innerUri, name: 'inner' },
      ],
    });
    const r = byPath(outer, await c.workspacePull());
    assert.deepEqual([...r.keys()], ['dragent.yaml']);
  });

  test('a pull of a big workspace is cancelled at once', async () => {
    const folder = tempDir('sysdig-mesos-wsdiag-big-');
    for (let i = 0; i < 300; i++) write(folder, `d${i}/dragent.yaml`, guide('dragent.yaml'));
    const c = await serverFor(folder);
    const t0 = performance.now();
    const full = await c.workspacePull();
    const fullMs = performance.now() - t0;
    assert.equal(full.items.length, 300);
    // a fresh server, so that nothing is cached
    const c2 = await serverFor(folder);
    const source = new CancellationTokenSource();
    const t1 = performance.now();
    const pending = c2.workspacePull([], source.token);
    setTimeout(() => source.cancel(), 30);
    await assert.rejects(pending, (e: { code?: number }) => e.code === LSPErrorCodes.RequestCancelled);
    const cancelMs = performance.now() - t1;
    assert.ok(cancelMs < fullMs / 2, `cancelled after ${cancelMs.toFixed(0)} ms, a whole pull takes ${fullMs.toFixed(0)} ms`);
    // and the server goes on answering
    assert.equal((await c2.workspacePull()).items.length, 300);
  });
});
