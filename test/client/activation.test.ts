// Loads the built client bundle (dist/client.js) with a stand-in for the `vscode` module and activates it in a
// workspace with none of our files: it must set up its log, command and listeners, and start no server.
// (A real VS Code run is the later e2e issue; this checks the bundle loads and activation's own logic.)
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import Module from 'node:module';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { CLIENT_NAME, SHOW_OUTPUT_COMMAND } from '../../client/src/ids';
import { defaultPatterns, namedSelector } from '../../client/src/patterns';
import { projectRoot } from '../helpers/paths';

/** anything not provided explicitly: a callable, constructible, endlessly deep stand-in */
function stub(): any {
  const f = function () {};
  return new Proxy(f, {
    get: (_t, p) => (p === 'prototype' ? {} : p === 'then' ? undefined : stub()),
    construct: () => stub(),
    apply: () => stub(),
  });
}

const calls: { method: string; args: unknown[] }[] = [];
const record = (method: string, result: unknown = { dispose() {} }) => (...args: unknown[]) => {
  calls.push({ method, args });
  return result;
};
const logLines: string[] = [];
const fakeVscode = new Proxy(
  {
    window: {
      createOutputChannel: record('window.createOutputChannel', {
        info: (m: string) => logLines.push(`info ${m}`),
        warn: (m: string) => logLines.push(`warn ${m}`),
        error: (m: string) => logLines.push(`error ${m}`),
        debug: (m: string) => logLines.push(`debug ${m}`),
        show() {},
        dispose() {},
      }),
      onDidChangeActiveTextEditor: record('window.onDidChangeActiveTextEditor'),
      activeTextEditor: undefined,
      // the Sysdig on Mesos view, created hidden (its container closed): it must read nothing
      createTreeView: record('window.createTreeView', { visible: false, onDidChangeVisibility: record('view.onDidChangeVisibility'), dispose() {} }),
      withProgress: record('window.withProgress'),
      // "Show Task Log" stops a follow when its tab closes (task-log-view.ts)
      tabGroups: { onDidChangeTabs: record('window.tabGroups.onDidChangeTabs'), all: [] },
    },
    // the view's and the effective dragent.yaml view's change events (cluster-view.ts, effective-command.ts)
    EventEmitter: class {
      event = () => ({ dispose() {} });
      fire() {}
      dispose() {}
    },
    workspace: {
      createFileSystemWatcher: record('workspace.createFileSystemWatcher'),
      onDidChangeConfiguration: record('workspace.onDidChangeConfiguration'),
      onDidChangeWorkspaceFolders: record('workspace.onDidChangeWorkspaceFolders'),
      onDidOpenTextDocument: record('workspace.onDidOpenTextDocument'),
      onDidChangeTextDocument: record('workspace.onDidChangeTextDocument'),
      onDidCloseTextDocument: record('workspace.onDidCloseTextDocument'),
      registerTextDocumentContentProvider: record('workspace.registerTextDocumentContentProvider'),
      getConfiguration: (...args: unknown[]) => {
        calls.push({ method: 'workspace.getConfiguration', args });
        return { get: () => undefined };
      },
      findFiles: record('workspace.findFiles', Promise.resolve([])),
      textDocuments: [{ uri: 'file:///w/values.yaml' }],
      isTrusted: true,
      onDidGrantWorkspaceTrust: record('workspace.onDidGrantWorkspaceTrust'),
      workspaceFolders: undefined,
    },
    commands: { registerCommand: record('commands.registerCommand') },
    languages: {
      onDidChangeDiagnostics: record('languages.onDidChangeDiagnostics'),
      match: record('languages.match', 0),
      createLanguageStatusItem: record('languages.createLanguageStatusItem'),
    },
  } as Record<string, any>,
  { get: (t, p: string) => (p in t ? t[p] : stub()) },
);

const mod = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
const originalLoad = mod._load;
mod._load = function (request: string, ...rest: unknown[]) {
  if (request === 'vscode') return fakeVscode;
  return originalLoad.call(this, request, ...rest);
};
after(() => {
  mod._load = originalLoad;
});

test('dist/client.js activates without our files around: log channel, command, listeners, and no server', async () => {
  const bundle = join(projectRoot(), 'dist', 'client.js');
  const ext = require(bundle) as { activate: (ctx: unknown) => Promise<void>; deactivate: () => Promise<void> };
  assert.equal(typeof ext.activate, 'function');
  assert.equal(typeof ext.deactivate, 'function');
  const subscriptions: { dispose(): void }[] = [];
  const secretListeners: unknown[] = [];
  const secrets = { get: async () => undefined, store: async () => undefined, delete: async () => undefined, onDidChange: (f: unknown) => (secretListeners.push(f), { dispose() {} }) };
  const context = { subscriptions, secrets, asAbsolutePath: (p: string) => join(projectRoot(), p), extensionPath: projectRoot() };
  await ext.activate(context);
  // the server learns whether an access key is stored when it changes (never the key)
  assert.equal(secretListeners.length, 1);

  const methods = calls.map((c) => c.method);
  assert.deepEqual(calls.find((c) => c.method === 'window.createOutputChannel')?.args, [CLIENT_NAME, { log: true }]);
  // the file watcher (watchGlob: the patterns, the workspace file, *.json) comes with the language client, not started here
  assert.ok(!calls.some((c) => c.method === 'workspace.createFileSystemWatcher'), 'no watcher without a server');
  assert.equal(calls.find((c) => c.method === 'commands.registerCommand')?.args[0], SHOW_OUTPUT_COMMAND);
  // every command the manifest contributes is registered at activation
  const registered = new Set(calls.filter((c) => c.method === 'commands.registerCommand').map((c) => c.args[0]));
  const manifest = JSON.parse(readFileSync(join(projectRoot(), 'package.json'), 'utf8'));
  for (const c of manifest.contributes.commands) assert.ok(registered.has(c.command), `${c.command} is not registered`);
  for (const m of ['workspace.onDidChangeConfiguration', 'workspace.onDidOpenTextDocument', 'window.onDidChangeActiveTextEditor', 'languages.onDidChangeDiagnostics']) {
    assert.ok(methods.includes(m), m);
  }
  assert.deepEqual(calls.find((c) => c.method === 'workspace.getConfiguration')?.args, ['sysdig-mesos']);
  // the open YAML file was checked against the name patterns only, and matched nothing
  const match = calls.find((c) => c.method === 'languages.match');
  assert.deepEqual(match?.args[0], namedSelector(defaultPatterns()));
  assert.ok(!methods.includes('workspace.findFiles'), 'no folder: nothing to search');
  assert.deepEqual(logLines.filter((l) => /starting the language server|Checking dragent\.yaml/.test(l)), [], 'no server started');
  assert.ok(!methods.includes('languages.createLanguageStatusItem'));
  // the view is there, listening for being shown; hidden, it read nothing (no progress, no request)
  assert.equal(calls.find((c) => c.method === 'window.createTreeView')?.args[0], 'sysdig-mesos.cluster');
  assert.ok(methods.includes('view.onDidChangeVisibility'));
  assert.ok(!methods.includes('window.withProgress'), 'a hidden view reads nothing');
  assert.equal(subscriptions.length, 1);
  await ext.deactivate();
  subscriptions[0].dispose();
});
