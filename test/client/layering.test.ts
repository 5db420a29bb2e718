// The client stays thin: only its UI files touch the VS Code API (the rest is plain logic, tested under Node); nothing in client/ loads the language
// service, the cluster client or a parser; the server never imports the VS Code API.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join, relative } from 'node:path';
import { projectRoot } from '../helpers/paths';
import { imports, tsFiles } from '../helpers/sources';

const root = projectRoot();

/** the files that use the VS Code API; every other client file is plain logic */
const UI_FILES = ['extension.ts', 'cluster-commands.ts', 'cluster-view.ts', 'cluster-choice.ts', 'placeholders.ts', 'fill-placeholder.ts', 'deploy-command.ts', 'deploy-diff.ts', 'deploy-follow.ts', 'kill-first.ts', 'agent-profile.ts', 'effective-command.ts', 'task-log-view.ts'];

test('client/src: only the UI files import vscode; no service, cluster, parser or undici', () => {
  const files = tsFiles(join(root, 'client', 'src'));
  const names = files.map((f) => relative(join(root, 'client', 'src'), f));
  for (const ui of UI_FILES) assert.ok(names.includes(ui), ui);
  // what the client may take from the server's tree: names (and our language ids), the settings reader and the file patterns
  const allowedServer = new Set(['../../server/src/lsp/constants', '../../server/src/lsp/language-ids', '../../server/src/lsp/settings', '../../server/src/service/documents/kind', '../../server/src/service/agent-uri']);
  for (const f of files) {
    for (const spec of imports(f)) {
      const rel = relative(root, f);
      if (spec === 'vscode' || spec.startsWith('vscode-languageclient')) assert.ok(UI_FILES.includes(relative(join(root, 'client', 'src'), f)), `${rel} imports ${spec}`);
      else if (spec.startsWith('.')) assert.ok(spec.startsWith('./') || allowedServer.has(spec), `${rel} imports ${spec}`);
      else assert.ok(spec.startsWith('node:'), `${rel} imports ${spec}`);
    }
  }
});

test('server/src never imports the VS Code API', () => {
  for (const f of tsFiles(join(root, 'server', 'src'))) {
    for (const spec of imports(f)) assert.notEqual(spec, 'vscode', relative(root, f));
  }
});
