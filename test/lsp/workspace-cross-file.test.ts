// Cross-file findings (issue 12 §2) over real stdio: they join each file's diagnostics in the workspace pull and
// the document pull, with related information pointing into the other file, and editing one file updates another
// that was never opened.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CodeActionRequest, DocumentDiagnosticReportKind, FileChangeType, HoverRequest, type CodeAction, type Diagnostic, type Hover, type FullDocumentDiagnosticReport, type WorkspaceDiagnosticReport } from 'vscode-languageserver-protocol/node';
import { clientPool } from './client-pool';

const { client, tempDir } = clientPool();

const KEY_A = '0a1b2c3d-aaaa-bbbb-cccc-444455556666';
const KEY_B = '9f8e7d6c-dddd-eeee-ffff-444455556666';
const yaml = (key: string) => `# east\ncustomerid: ${key}\ncollector: collector.example.com\n`;
const app = (key: string) =>
  JSON.stringify({ id: '/sysdig-agent', instances: 2, container: { type: 'DOCKER', docker: { image: 'sysdig/agent', network: 'HOST', privileged: true, parameters: [{ key: 'env', value: `ACCESS_KEY=${key}` }] } } }, null, 2) + '\n';

function setup() {
  const folder = tempDir('sysdig-mesos-xfile-');
  for (const d of ['east', 'west']) mkdirSync(join(folder, d));
  writeFileSync(join(folder, 'east', 'dragent.yaml'), yaml(KEY_A));
  writeFileSync(join(folder, 'east', 'sysdig.json'), app(KEY_A));
  writeFileSync(join(folder, 'west', 'dragent.yaml'), 'mesos_state_uri: http://master.example.com:5050\n');
  const uri = (rel: string) => pathToFileURL(join(folder, rel)).href;
  return { folder, uri };
}

const cross = (items: Diagnostic[]) => items.filter((d) => String(d.code).startsWith('workspace-'));
function byRel(folder: string, r: WorkspaceDiagnosticReport) {
  return new Map(r.items.map((i) => [fileURLToPath(i.uri).slice(folder.length + 1), i]));
}
const held = (r: WorkspaceDiagnosticReport) => r.items.filter((i) => i.resultId).map((i) => ({ uri: i.uri, value: i.resultId! }));

describe('cross-file findings', () => {
  test('editing the open dragent.yaml puts the access-key finding on the app never opened (workspace pull), and takes it away again', async () => {
    const { folder, uri } = setup();
    const c = await client({ pull: true, configuration: true, config: () => ({}), workspaceFolders: [{ uri: pathToFileURL(folder).href, name: 'ws' }] });
    const first = await c.workspacePull();
    for (const item of first.items) assert.deepEqual(item.kind === DocumentDiagnosticReportKind.Full ? cross(item.items) : [], [], item.uri);

    const d = uri('east/dragent.yaml');
    await c.open(d, yaml(KEY_A));
    await c.change(d, [{ text: yaml(KEY_B) }]);
    const pulled = (await c.pull(d)) as FullDocumentDiagnosticReport;
    const onYaml = cross(pulled.items);
    assert.equal(onYaml.length, 1, JSON.stringify(pulled.items));
    assert.equal(onYaml[0].code, 'workspace-access-key-mismatch');
    assert.deepEqual(onYaml[0].range, { start: { line: 1, character: 12 }, end: { line: 1, character: 48 } });
    assert.deepEqual(onYaml[0].relatedInformation?.[0].location, { uri: uri('east/sysdig.json'), range: { start: { line: 12, character: 19 }, end: { line: 12, character: 68 } } });

    // the app, never opened: its next workspace report is full and carries the finding, linked to the dragent.yaml
    const second = byRel(folder, await c.workspacePull(held(first)));
    const appItem = second.get('east/sysdig.json')!;
    assert.equal(appItem.kind, DocumentDiagnosticReportKind.Full);
    const onApp = cross((appItem as FullDocumentDiagnosticReport).items);
    assert.equal(onApp.length, 1);
    assert.deepEqual(onApp[0].range, { start: { line: 12, character: 19 }, end: { line: 12, character: 68 } });
    assert.deepEqual(onApp[0].relatedInformation?.[0].location, { uri: d, range: { start: { line: 1, character: 12 }, end: { line: 1, character: 48 } } });
    assert.equal(second.get('west/dragent.yaml')!.kind, DocumentDiagnosticReportKind.Unchanged, 'a file the edit does not concern is unchanged');

    // back to the key on disk: the app's finding goes
    await c.change(d, [{ text: yaml(KEY_A) }]);
    assert.deepEqual(cross(((await c.pull(d)) as FullDocumentDiagnosticReport).items), []);
    const third = byRel(folder, await c.workspacePull(held(await c.workspacePull())));
    const again = third.get('east/sysdig.json')!;
    assert.ok(again.kind === DocumentDiagnosticReportKind.Unchanged || cross(again.items).length === 0);
    const fresh = byRel(folder, await c.workspacePull());
    assert.deepEqual(cross((fresh.get('east/sysdig.json') as FullDocumentDiagnosticReport).items), []);

    const everything = JSON.stringify([first, second, third, fresh, pulled]) + c.stderr;
    for (const k of [KEY_A, KEY_B]) assert.ok(!everything.includes(k.slice(0, 8)), 'an access key reached the client');
  });

  test('a file created on disk makes a second delegated agent: both files get the finding; an open document whose cross findings change is refreshed', async () => {
    const { folder, uri } = setup();
    const c = await client({ pull: true, refresh: true, configuration: true, config: () => ({}), workspaceFolders: [{ uri: pathToFileURL(folder).href, name: 'ws' }] });
    const w = uri('west/dragent.yaml');
    await c.open(w, 'mesos_state_uri: http://master.example.com:5050\n');
    await c.workspacePull();
    assert.deepEqual(cross(((await c.pull(w)) as FullDocumentDiagnosticReport).items), []);
    const refreshes = c.refreshRequests;

    mkdirSync(join(folder, 'north'));
    const created = join(folder, 'north', 'dragent.yaml');
    writeFileSync(created, 'mesos_state_uri: http://Master.Example.com\n');
    await c.changeWatchedFiles([{ uri: pathToFileURL(created).href, type: FileChangeType.Created }]);
    const r = byRel(folder, await c.workspacePull());
    const onNew = cross((r.get('north/dragent.yaml') as FullDocumentDiagnosticReport).items);
    assert.equal(onNew.length, 1);
    assert.equal(onNew[0].code, 'workspace-delegated-agents');
    assert.equal(onNew[0].relatedInformation?.[0].location.uri, w);

    // the open west/dragent.yaml is the document pull's: the server asked the client to pull again
    for (let i = 0; i < 50 && c.refreshRequests === refreshes; i++) await new Promise((res) => setTimeout(res, 20));
    assert.ok(c.refreshRequests > refreshes, 'no workspace/diagnostic/refresh');
    const onOpen = cross(((await c.pull(w)) as FullDocumentDiagnosticReport).items);
    assert.equal(onOpen.length, 1);
    assert.deepEqual(onOpen[0].relatedInformation?.[0].location.uri, pathToFileURL(created).href);
  });

  test('on the open file, a cross-file finding hovers with its rule paragraph and has a disable-next-line action that silences it', async () => {
    const { folder, uri } = setup();
    const c = await client({ pull: true, configuration: true, config: () => ({}), workspaceFolders: [{ uri: pathToFileURL(folder).href, name: 'ws' }] });
    await c.workspacePull();
    const d = uri('east/dragent.yaml');
    await c.open(d, yaml(KEY_B));
    const [finding] = cross(((await c.pull(d)) as FullDocumentDiagnosticReport).items);
    assert.equal(finding.code, 'workspace-access-key-mismatch');
    const hover = (await c.connection.sendRequest(HoverRequest.type, { textDocument: { uri: d }, position: { line: 1, character: 20 } })) as Hover;
    assert.match(JSON.stringify(hover.contents), /workspace-access-key-mismatch\*\* — a dragent.yaml and an agent app in the same folder disagree/);
    const actions = (await c.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: d }, range: finding.range, context: { diagnostics: [finding] } })) as CodeAction[];
    const disable = actions.find((a) => a.title === 'Disable workspace-access-key-mismatch for this line');
    assert.ok(disable?.edit?.changes?.[d], JSON.stringify(actions.map((a) => a.title)));
    const edit = disable.edit.changes[d][0];
    const lines = yaml(KEY_B).split('\n');
    lines.splice(edit.range.start.line, 0, ...edit.newText.split('\n').slice(0, -1));
    await c.change(d, [{ text: lines.join('\n') }]);
    assert.deepEqual(cross(((await c.pull(d)) as FullDocumentDiagnosticReport).items), [], 'silenced on this file');
  });

  test('a push client gets the cross-file finding re-published on the other open document', async () => {
    const { folder, uri } = setup();
    const c = await client({ configuration: true, config: () => ({}), workspaceFolders: [{ uri: pathToFileURL(folder).href, name: 'ws' }] });
    const d = uri('east/dragent.yaml');
    const a = uri('east/sysdig.json');
    await c.open(a, app(KEY_A));
    await c.waitForDiagnostics(a, 1);
    await c.open(d, yaml(KEY_A));
    await c.waitForDiagnostics(d, 1);
    const before = c.latest(a)!;
    assert.deepEqual(cross(before.diagnostics), []);
    await c.change(d, [{ text: yaml(KEY_B) }]);
    let got: Diagnostic[] = [];
    for (let i = 0; i < 100 && !got.length; i++) {
      await new Promise((res) => setTimeout(res, 20));
      got = cross(c.latest(a)?.diagnostics ?? []);
    }
    assert.equal(got.length, 1);
    assert.equal(got[0].relatedInformation?.[0].location.uri, d);
  });
});
