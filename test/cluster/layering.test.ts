import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join, relative } from 'node:path';
import { projectRoot } from '../helpers/paths';
import { imports, tsFiles } from '../helpers/sources';

const root = projectRoot();

test('the language service never does I/O: no cluster client, no undici', () => {
  for (const f of tsFiles(join(root, 'server', 'src', 'service'))) {
    for (const spec of imports(f)) {
      assert.ok(!/(^|\/)cluster(\/|$)/.test(spec) && spec !== 'undici', `${relative(root, f)} imports ${spec}`);
    }
  }
});

test('the cluster client is independent of VS Code and LSP', () => {
  const files = tsFiles(join(root, 'server', 'src', 'cluster'));
  assert.ok(files.length >= 4);
  for (const f of files) {
    for (const spec of imports(f)) {
      assert.ok(!/^vscode/.test(spec) && !/(^|\/)lsp(\/|$)/.test(spec) && !/server$/.test(spec), `${relative(root, f)} imports ${spec}`);
    }
  }
});

test('the coverage model is pure: it imports nothing (the CLI prints it, the editor\'s view is to draw it)', () => {
  assert.deepEqual(imports(join(root, 'server', 'src', 'cluster', 'coverage.ts')), []);
});
