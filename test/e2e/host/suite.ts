// Runs INSIDE VS Code's extension host (extensionTestsPath; see test/e2e/host.test.ts), with the real
// `vscode` API and the extension as installed from the .vsix. Each check's outcome goes to a JSON file in
// the session's run folder (SYSDIG_MESOS_E2E_RUN), so the Node test reports them one by one; run() rejects
// when one failed, which VS Code turns into exit code 1.
import * as vscode from 'vscode';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HOST_FIXTURES_FILE, HOST_RESULTS_FILE, type HostResult } from './results';

const EXTENSION_ID = 'sysdig-mesos.sysdig-mesos';
const TIMEOUT_MS = 60_000;

function codeOf(d: vscode.Diagnostic): string | undefined {
  const c = d.code;
  return typeof c === 'object' && c !== null ? String(c.value) : c === undefined ? undefined : String(c);
}

/** Waits until `pick(diagnostics of uri)` is truthy, re-checking on every diagnostics change. */
function waitForDiagnostics<T>(uri: vscode.Uri, what: string, pick: (ds: vscode.Diagnostic[]) => T | undefined): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const check = () => {
      const r = pick(vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'sysdig-mesos'));
      if (r) {
        done();
        resolve(r);
      }
    };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      done();
      const now = vscode.languages.getDiagnostics(uri).map((d) => `${codeOf(d)}:${d.severity}`);
      reject(new Error(`timed out after ${TIMEOUT_MS} ms waiting for ${what} in ${uri.path} (now: ${JSON.stringify(now)})`));
    }, TIMEOUT_MS);
    const done = () => {
      clearTimeout(timer);
      sub.dispose();
    };
    check();
  });
}

async function open(rel: string): Promise<vscode.Uri> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder');
  const uri = vscode.Uri.joinPath(folder.uri, rel);
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc);
  return uri;
}

async function setting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('sysdig-mesos').update(key, value, vscode.ConfigurationTarget.Global);
}

export async function run(): Promise<void> {
  const results: HostResult[] = [];
  const check = async (name: string, fn: () => Promise<unknown>) => {
    try {
      results.push({ name, ok: true, data: await fn() });
    } catch (e) {
      results.push({ name, ok: false, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
    }
  };

  await check('activation', async () => {
    const ext = vscode.extensions.getExtension<{ timing: { activateToClientStartMs?: number; activateToClientStartCpuMs?: number } }>(EXTENSION_ID);
    if (!ext) throw new Error(`${EXTENSION_ID} is not installed`);
    const activeBefore = ext.isActive;
    // the workspace starts with none of our files (no workspaceContains activation): write them now, then
    // open the guide's dragent.yaml as a user would (onLanguage:yaml activates the extension)
    const folder = vscode.workspace.workspaceFolders![0];
    const fixtures = JSON.parse(readFileSync(join(process.env.SYSDIG_MESOS_E2E_RUN!, HOST_FIXTURES_FILE), 'utf8')) as Record<string, string>;
    for (const [rel, text] of Object.entries(fixtures)) await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder.uri, rel), Buffer.from(text, 'utf8'));
    await open('guide/dragent.yaml');
    const api = await ext.activate(); // the activation under way (or, if none started yet, this one)
    const ms = api.timing.activateToClientStartMs;
    if (typeof ms !== 'number') throw new Error(`the language client was not started at activation (timing: ${JSON.stringify(api.timing)})`);
    return { activeBefore, activateToClientStartMs: ms, activateToClientStartCpuMs: api.timing.activateToClientStartCpuMs, extensionPath: ext.extensionPath, version: ext.packageJSON.version };
  });

  await check('commands', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const contributed: string[] = (ext.packageJSON.contributes?.commands ?? []).map((c: { command: string }) => c.command);
    const registered = new Set(await vscode.commands.getCommands(true));
    return { contributed, missing: contributed.filter((c) => !registered.has(c)) };
  });

  await check('diagnostics', async () => {
    const uri = await open('guide/dragent.yaml');
    const ds = await waitForDiagnostics(uri, 'placeholder', (ds) => (ds.some((d) => codeOf(d) === 'placeholder') ? ds : undefined));
    return ds.map((d) => ({ code: codeOf(d), severity: d.severity, line: d.range.start.line }));
  });

  await check('agentProfile setting', async () => {
    const uri = await open('https/dragent.yaml');
    const https = (ds: vscode.Diagnostic[]) => ds.find((d) => codeOf(d) === 'https-unsupported');
    const before = await waitForDiagnostics(uri, 'https-unsupported', https);
    try {
      await setting('agentProfile', 'latest');
      const after = await waitForDiagnostics(uri, 'https-unsupported as a warning (profile latest)', (ds) => {
        const d = https(ds);
        return d && d.severity === vscode.DiagnosticSeverity.Warning ? d : undefined;
      });
      return { before: { severity: before.severity, message: before.message }, after: { severity: after.severity, message: after.message } };
    } finally {
      await setting('agentProfile', undefined);
    }
  });

  await check('rule severity setting', async () => {
    const uri = await open('guide/dragent.yaml');
    const placeholders = (ds: vscode.Diagnostic[]) => ds.filter((d) => codeOf(d) === 'placeholder');
    const before = await waitForDiagnostics(uri, 'placeholder', (ds) => (placeholders(ds).length ? placeholders(ds) : undefined));
    try {
      await setting('rules', { placeholder: 'info' });
      const info = await waitForDiagnostics(uri, 'placeholder as info', (ds) => {
        const p = placeholders(ds);
        return p.length && p.every((d) => d.severity === vscode.DiagnosticSeverity.Information) ? p : undefined;
      });
      await setting('rules', { placeholder: 'off' });
      const rest = await waitForDiagnostics(uri, 'no placeholder (off), the other findings kept', (ds) => (ds.length && !placeholders(ds).length ? ds : undefined));
      return { before: before.map((d) => d.severity), info: info.map((d) => d.severity), offLeft: rest.map((d) => codeOf(d)) };
    } finally {
      await setting('rules', undefined);
    }
  });

  await check('typing burst in a 10,000-line file', async () => {
    // issue 14: each keystroke makes VS Code cancel its pull in flight; the server answers ServerCancelled and the
    // client pulls again. Only the last of 8 keystrokes 40 ms apart removes a finding: the diagnostics must end at
    // that version and stay there (no answer for an older version lands after it).
    const uri = await open('big/dragent.yaml');
    const editor = vscode.window.activeTextEditor!;
    const doc = editor.document;
    const typo = (ds: vscode.Diagnostic[]) => ds.some((d) => codeOf(d) === 'unknown-key' && d.message.includes('marathon_follow_leadr'));
    const before = await waitForDiagnostics(uri, 'the unknown-key finding on marathon_follow_leadr', (ds) => (typo(ds) ? ds : undefined));
    const line = doc.getText().split('\n').findIndex((l) => l.startsWith('marathon_follow_leadr:'));
    const last = doc.lineCount - 2;
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    for (const ch of ' burst!') {
      await editor.edit((e) => e.insert(doc.lineAt(last).range.end, ch));
      await sleep(40);
    }
    await editor.edit((e) => e.insert(new vscode.Position(line, 'marathon_follow_lead'.length), 'e'));
    const t0 = Date.now();
    const after = await waitForDiagnostics(uri, 'no finding on the fixed key', (ds) => (typo(ds) ? undefined : ds));
    const ms = Date.now() - t0;
    await sleep(1500);
    const settled = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'sysdig-mesos');
    const codes = (ds: vscode.Diagnostic[]) => ds.map((d) => codeOf(d)).sort();
    return { version: doc.version, before: codes(before), after: codes(after), settled: codes(settled), settledTypo: typo(settled), lastKeyToDiagnosticsMs: ms };
  });

  const run = process.env.SYSDIG_MESOS_E2E_RUN;
  if (run) writeFileSync(join(run, HOST_RESULTS_FILE), JSON.stringify(results, null, 2));
  const failed = results.filter((r) => !r.ok);
  for (const r of results) console.log(`[host] ${r.ok ? 'ok' : 'FAILED'} ${r.name}${r.error ? `: ${r.error}` : ''}`);
  if (failed.length) throw new Error(`${failed.length} extension-host check(s) failed: ${failed.map((r) => r.name).join(', ')}`);
}
