import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { projectRoot } from '../helpers/paths';

const root = projectRoot();

function tsFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...tsFiles(p));
    else if (name.endsWith('.ts')) out.push(p);
  }
  return out;
}

function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:from|import|require\()\s*['"]([^'"]+)['"]/g)].map((m) => m[1]);
}

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
