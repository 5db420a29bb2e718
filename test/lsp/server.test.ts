// The language server over real stdio (dist/server.js, as built by `npm run build`), driven by a real
// vscode-languageserver-protocol client. Exact assertions use only the `syntax` rule, so these tests do
// not depend on which other rules exist.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { DiagnosticSeverity, DocumentDiagnosticReportKind, TextDocumentSyncKind, type Diagnostic, type FullDocumentDiagnosticReport } from 'vscode-languageserver-protocol/node';
import { messageOf, projectRoot, syntaxOnly } from './lsp-client';
import { clientPool } from './client-pool';

const { client, started } = clientPool();

const TAB_DOC = 'a:\n\tb: 1\n';
/** the one syntax finding of TAB_DOC */
function assertTabFinding(ds: Diagnostic[], severity: DiagnosticSeverity = DiagnosticSeverity.Error): void {
  const syn = syntaxOnly(ds);
  assert.equal(syn.length, 1, JSON.stringify(ds));
  const d = syn[0];
  assert.deepEqual(d.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 1 } });
  assert.equal(d.code, 'syntax');
  assert.equal(d.source, 'sysdig-mesos');
  assert.equal(d.severity, severity);
  assert.equal(d.codeDescription?.href, 'https://github.com/sysdig-mesos/sysdig-mesos/blob/main/docs/rules.md#syntax');
  assert.match(messageOf(d), /Tabs/);
}

describe('initialize', () => {
  test('offers incremental sync and pull diagnostics', async () => {
    const c = await started();
    const init = await c.initialize();
    const sync = init.capabilities.textDocumentSync;
    assert.ok(sync && typeof sync === 'object', 'textDocumentSync is an options object');
    assert.equal(sync.change, TextDocumentSyncKind.Incremental);
    assert.equal(sync.openClose, true);
    const dp = init.capabilities.diagnosticProvider;
    assert.ok(dp && typeof dp === 'object', 'diagnosticProvider offered');
    assert.equal(dp.interFileDependencies, false);
    assert.equal(dp.workspaceDiagnostics, true);
    assert.equal(init.serverInfo?.name, 'sysdig-mesos');
  });
});

describe('the log', () => {
  test("opens in the user's words; protocol details only at the Debug level (issue 11 §7)", async () => {
    const c = await client();
    const opening = await c.waitFor(() => c.logs.find((l) => /checking dragent\.yaml and Marathon app files/.test(l.message)), 'the opening line');
    assert.equal(opening.type, 3, 'Info');
    assert.match(opening.message, /^Sysdig Mesos \S+: checking dragent\.yaml and Marathon app files as you edit them$/);
    const details = await c.waitFor(() => c.logs.find((l) => /pull diagnostics|push diagnostics/.test(l.message)), 'the protocol details, still logged');
    assert.equal(details.type, 5, 'at the Debug level');
  });
});

describe('push diagnostics', () => {
  test('didOpen with a syntax error publishes it with exact range, code, source and link', async () => {
    const c = await client();
    const uri = 'file:///work/push/dragent.yaml';
    await c.open(uri, TAB_DOC);
    const d = await c.waitForDiagnostics(uri, 1);
    assert.equal(d.version, 1);
    assertTabFinding(d.diagnostics);
  });

  test('incremental didChange fixes the error, then breaks and edits the text again', async () => {
    const c = await client();
    const uri = 'file:///work/incremental/dragent.yaml';
    await c.open(uri, 'customerid: abc\nlog:\n\tfile_priority: info\n');
    const first = await c.waitForDiagnostics(uri, 1);
    assert.deepEqual(syntaxOnly(first.diagnostics).map((d) => d.range), [{ start: { line: 2, character: 0 }, end: { line: 2, character: 1 } }]);

    // replace the tab by two spaces: the syntax error goes away
    const v2 = await c.change(uri, [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 1 } }, text: '  ' }]);
    const second = await c.waitForDiagnostics(uri, v2);
    assert.deepEqual(syntaxOnly(second.diagnostics), []);

    // two changes in one notification, applied in order: append a line, then type an unterminated quote into it
    const v3 = await c.change(uri, [
      { range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } }, text: 'tags: oops\n' },
      { range: { start: { line: 3, character: 6 }, end: { line: 3, character: 6 } }, text: '"' },
    ]);
    const third = await c.waitForDiagnostics(uri, v3);
    const syn = syntaxOnly(third.diagnostics);
    assert.equal(syn.length, 1, JSON.stringify(third.diagnostics));
    assert.deepEqual(syn[0].range, { start: { line: 3, character: 10 }, end: { line: 3, character: 11 } });
    assert.match(messageOf(syn[0]), /quote/);

    // the server's copy of the text is what we think it is: a pull gives the same findings
    const report = (await c.pull(uri)) as FullDocumentDiagnosticReport;
    assert.equal(report.kind, DocumentDiagnosticReportKind.Full);
    assert.deepEqual(report.items, third.diagnostics);
  });

  test('a burst of changes ends with the diagnostics of the last version', async () => {
    const c = await client();
    const uri = 'file:///work/burst/dragent.yaml';
    await c.open(uri, 'customerid: abc\n');
    await c.waitForDiagnostics(uri, 1);
    let v = 1;
    const sends: Promise<number>[] = [];
    for (let i = 0; i < 50; i++) sends.push(c.change(uri, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: i === 49 ? 'x:\n\ty: 1\n' : '#\n' }]));
    v = Math.max(...(await Promise.all(sends)));
    const last = await c.waitForDiagnostics(uri, v);
    assert.equal(syntaxOnly(last.diagnostics).length, 1);
    // versions arrive in order and stale versions are skipped rather than queued up
    const versions = c.diagnostics.filter((d) => d.uri === uri).map((d) => d.version ?? 0);
    assert.deepEqual(versions, [...versions].sort((a, b) => a - b));
    assert.ok(versions.length < 51, `published ${versions.length} times for 51 versions: superseded versions should be skipped`);
  });

  test('didClose clears the diagnostics', async () => {
    const c = await client();
    const uri = 'file:///work/close/dragent.yaml';
    await c.open(uri, TAB_DOC);
    await c.waitForDiagnostics(uri, 1);
    const from = c.diagnostics.length;
    await c.close(uri);
    const cleared = await c.waitFor(() => c.diagnostics.slice(from).find((d) => d.uri === uri), 'cleared diagnostics');
    assert.deepEqual(cleared.diagnostics, []);
  });
});

describe('pull diagnostics', () => {
  test('a client that pulls gets no pushes, the same findings as a push client, and unchanged reports', async () => {
    const text = 'customerid: abc\nlog:\n\tfile_priority: info\ntags: "x\n';
    const pusher = await client();
    const puller = await client({ pull: true });
    const uri = 'file:///work/pull/dragent.yaml';
    await pusher.open(uri, text);
    await puller.open(uri, text);
    const pushed = await pusher.waitForDiagnostics(uri, 1);

    const r1 = (await puller.pull(uri)) as FullDocumentDiagnosticReport;
    assert.equal(r1.kind, DocumentDiagnosticReportKind.Full);
    assert.ok(r1.resultId, 'full report has a resultId');
    assert.deepEqual(r1.items, pushed.diagnostics);
    assert.ok(syntaxOnly(r1.items).length >= 1);

    const r2 = await puller.pull(uri, r1.resultId);
    assert.deepEqual(r2, { kind: DocumentDiagnosticReportKind.Unchanged, resultId: r1.resultId });

    const v2 = await puller.change(uri, [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 1 } }, text: '  ' }]);
    assert.equal(v2, 2);
    const r3 = (await puller.pull(uri, r1.resultId)) as FullDocumentDiagnosticReport;
    assert.equal(r3.kind, DocumentDiagnosticReportKind.Full);
    assert.notEqual(r3.resultId, r1.resultId);
    assert.equal(syntaxOnly(r3.items).length, 1, 'only the quote is left');

    await new Promise((r) => setTimeout(r, 150));
    assert.deepEqual(puller.diagnostics, [], 'no publishDiagnostics to a pull client');
  });

  test('pulling a document that is not open answers an empty report', async () => {
    const c = await client({ pull: true });
    const r = (await c.pull('file:///work/never-opened/dragent.yaml')) as FullDocumentDiagnosticReport;
    assert.deepEqual(r.items, []);
  });
});

describe('configuration', () => {
  test('asks workspace/configuration for the sysdig-mesos section; off and severity overrides apply; refresh on change', async () => {
    let settings: unknown = { rules: { syntax: 'off' } };
    const c = await client({ configuration: true, config: (item) => (item.section === 'sysdig-mesos' ? settings : null) });
    const uri = 'file:///work/config/dragent.yaml';
    await c.open(uri, TAB_DOC);
    const d1 = await c.waitForDiagnostics(uri, 1);
    assert.deepEqual(syntaxOnly(d1.diagnostics), [], 'syntax is off');
    assert.ok(
      c.configRequests.some((items) => items.some((i) => i.section === 'sysdig-mesos' && i.scopeUri === uri)),
      `configuration requested for the document: ${JSON.stringify(c.configRequests)}`,
    );

    settings = { rules: { syntax: 'warning' } };
    const from = c.diagnostics.length;
    await c.changeConfiguration(null);
    const d2 = await c.waitFor(() => c.diagnostics.slice(from).find((d) => d.uri === uri && syntaxOnly(d.diagnostics).length > 0), 'diagnostics after the settings change');
    assertTabFinding(d2.diagnostics, DiagnosticSeverity.Warning);
  });

  test('agentProfile is passed through; a bad value is reported in the log and the default used', async () => {
    const text = 'mesos_state_uri: https://10.0.0.1:5050\nmarathon_uris:\n  - https://10.0.0.1:8080\n';
    let settings: unknown = { agentProfile: 'latest' };
    const c = await client({ configuration: true, config: () => settings });
    const uri = 'file:///work/profile/dragent.yaml';
    await c.open(uri, text);
    const latest = await c.waitForDiagnostics(uri, 1);
    assert.ok(!c.logs.some((l) => /agentProfile/.test(l.message)), 'a valid profile is not complained about');
    // rules that depend on the profile name it in their message; with `latest` none may claim guide-2016
    assert.ok(!latest.diagnostics.some((d) => /profile: guide-2016/.test(messageOf(d))), JSON.stringify(latest.diagnostics));

    settings = { agentProfile: 'bogus' };
    const from = c.diagnostics.length;
    await c.changeConfiguration(null);
    await c.waitFor(() => c.diagnostics.slice(from).find((d) => d.uri === uri), 'diagnostics after the settings change');
    await c.waitFor(() => c.logs.find((l) => /agentProfile/.test(l.message)), 'a log line about agentProfile');
  });

  test('files.dragent globs replace the default names (base names and paths)', async () => {
    const c = await client({ configuration: true, config: () => ({ files: { dragent: ['*.agent.yaml', 'conf/**/agent.yml'] } }) });
    const notOurs = 'file:///work/globs/dragent.yaml';
    const byName = 'file:///work/globs/prod.agent.yaml';
    const byPath = 'file:///work/globs/conf/eu/west/agent.yml';
    await c.open(notOurs, TAB_DOC);
    await c.open(byName, TAB_DOC);
    await c.open(byPath, TAB_DOC);
    assertTabFinding((await c.waitForDiagnostics(byName, 1)).diagnostics);
    assertTabFinding((await c.waitForDiagnostics(byPath, 1)).diagnostics);
    // documents are validated in the order they were opened, so dragent.yaml would have been published by now
    assert.equal(c.latest(notOurs), undefined);
  });

  test('without workspace/configuration: initializationOptions, then didChangeConfiguration settings', async () => {
    const c = await client({ configuration: false, initializationOptions: { 'sysdig-mesos': { rules: { syntax: 'hint' } } } });
    const uri = 'file:///work/noconfig/dragent.yaml';
    await c.open(uri, TAB_DOC);
    assertTabFinding((await c.waitForDiagnostics(uri, 1)).diagnostics, DiagnosticSeverity.Hint);
    assert.equal(c.configRequests.length, 0);
    const from = c.diagnostics.length;
    await c.changeConfiguration({ 'sysdig-mesos': { rules: { syntax: 'info' } } });
    const d = await c.waitForDiagnostics(uri, 1, 10_000, from);
    assertTabFinding(d.diagnostics, DiagnosticSeverity.Information);
  });

  test('with pull diagnostics, a settings change asks the client to refresh', async () => {
    const c = await client({ pull: true, refresh: true, configuration: true, config: () => ({}) });
    const uri = 'file:///work/refresh/dragent.yaml';
    await c.open(uri, TAB_DOC);
    assertTabFinding(((await c.pull(uri)) as FullDocumentDiagnosticReport).items);
    await c.changeConfiguration(null);
    await c.waitFor(() => c.refreshRequests > 0, 'workspace/diagnostic/refresh');
  });
});

describe('which documents are ours', () => {
  test('other files get nothing; JSON that looks like a Marathon app counts, by extension or language id', async () => {
    const c = await client();
    const marathon = '{"id": "/sysdig-agent", "cmd": "x",}';
    const notes = 'file:///work/kinds/notes.yaml';
    const pkg = 'file:///work/kinds/package.json';
    const untitledText = 'untitled:Untitled-1';
    const app = 'file:///work/kinds/app.json';
    const untitledJson = 'untitled:Untitled-2';
    await c.open(notes, TAB_DOC);
    await c.open(pkg, '{"name": "x",}');
    await c.open(untitledText, marathon, 'plaintext');
    await c.open(app, marathon);
    await c.open(untitledJson, marathon, 'json');
    for (const uri of [app, untitledJson]) {
      const syn = syntaxOnly((await c.waitForDiagnostics(uri, 1)).diagnostics);
      assert.equal(syn.length, 1, uri);
      assert.deepEqual(syn[0].range, { start: { line: 0, character: 34 }, end: { line: 0, character: 35 } });
    }
    for (const uri of [notes, pkg, untitledText]) assert.equal(c.latest(uri), undefined, uri);
    const r = (await c.pull(notes)) as FullDocumentDiagnosticReport;
    assert.deepEqual(r.items, []);
  });
});

describe('transports and lifecycle', () => {
  test('shutdown then exit ends the process with code 0', async () => {
    const c = await client();
    assert.equal(await c.shutdown(), 0);
  });

  test('exit without shutdown ends the process with code 1', async () => {
    const c = await client();
    await c.connection.sendNotification('exit');
    assert.equal(await c.exited, 1);
  });

  test('closing stdin ends the process', async () => {
    const c = await client();
    c.proc.stdin?.end();
    assert.notEqual(await c.exited, undefined);
  });

  for (const transport of ['node-ipc', 'socket'] as const) {
    test(`--${transport} works too`, async () => {
      const c = await started({ transport });
      await c.initialize();
      const uri = `file:///work/${transport}/dragent.yaml`;
      await c.open(uri, TAB_DOC);
      assertTabFinding((await c.waitForDiagnostics(uri, 1)).diagnostics);
      assert.equal(await c.shutdown(), 0);
    });
  }

  test('without a transport argument: usage on stderr, exit code 2', () => {
    const r = spawnSync(process.execPath, [join(projectRoot(), 'dist', 'server.js')], { encoding: 'utf8' });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /--stdio/);
    assert.equal(r.stdout, '');
  });
});
