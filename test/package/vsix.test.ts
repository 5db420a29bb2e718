// The .vsix users install: exactly the allow-listed files, under budget, with a manifest whose every path
// resolves inside it, and a server that starts from it alone (no node_modules).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { projectRoot } from '../helpers/paths';
import { extractZip, listZip, readZipEntry, type ZipEntry } from '../helpers/zip';
import { packageVsix, VSIX_BUDGET_BYTES, VSIX_FILES } from '../helpers/vsix';
import { LspClient } from '../lsp/lsp-client';

const root = projectRoot();
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
let tmp: string;
let vsix: string;
let buf: Buffer;
let entries: ZipEntry[];
const file = (name: string) => {
  const e = entries.find((x) => x.name === name);
  assert.ok(e, `${name} is in the vsix`);
  return readZipEntry(buf, e);
};

before(() => {
  mkdirSync(join(root, '.tmp'), { recursive: true });
  tmp = mkdtempSync(join(root, '.tmp', 'vsix-test-'));
  vsix = join(tmp, `${pkg.name}-${pkg.version}.vsix`);
  packageVsix(vsix);
  buf = readFileSync(vsix);
  entries = listZip(buf);
});
after(() => rmSync(tmp, { recursive: true, force: true }));

describe('vsix: contents', () => {
  test('exactly the allow-listed files: bundles, the workspace file schema, the configuration and grammar of our languages, icon, walkthrough pages, README, CHANGELOG, LICENSE', () => {
    const walkthrough = readdirSync(join(root, 'walkthrough'))
      .filter((n) => n.endsWith('.md'))
      .map((n) => `extension/walkthrough/${n}`);
    assert.deepEqual(entries.map((e) => e.name).sort(), [...VSIX_FILES, ...walkthrough].sort());
  });

  test('no node_modules, no tests, no sources, no source maps, no CLI', () => {
    for (const { name } of entries) {
      assert.ok(!/node_modules|(^|\/)test|dist-test|\.ts$|\.map$|\.vsix$|\.tmp|bench|examples/.test(name), name);
      assert.notEqual(name, 'extension/dist/cli.js', 'the CLI ships on npm, not in the extension');
    }
  });

  test(`under budget (${VSIX_BUDGET_BYTES} bytes) and each bundle as built`, () => {
    const size = statSync(vsix).size;
    process.stdout.write(`# vsix: ${size} bytes\n`);
    assert.ok(size < VSIX_BUDGET_BYTES, `vsix is ${size} bytes`);
    for (const name of ['client', 'server', 'server-main', 'service', 'cluster-lazy']) {
      assert.ok(file(`extension/dist/${name}.js`).equals(readFileSync(join(root, 'dist', `${name}.js`))), `${name}.js is the built bundle`);
    }
  });

  test("the README's .vsix size is the packaged size, within 10% (issue 11 §15)", () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const line = readme.split('\n').find((l) => l.includes('npm run package') && l.includes('.vsix'));
    const m = line && /about ([0-9.]+) (KB|MB)/.exec(line);
    assert.ok(m, `the README's "npm run package" line states the .vsix size as "about N KB|MB": ${line}`);
    const claimed = Number(m[1]) * (m[2] === 'MB' ? 1000 * 1000 : 1000);
    const size = statSync(vsix).size;
    assert.ok(Math.abs(claimed - size) <= size * 0.1, `README says ${m[0]}, the .vsix is ${size} bytes (${Math.round(size / 1000)} KB)`);
  });

  test('the manifest inside is package.json, with publisher, repository, categories, keywords, icon and license', () => {
    const inner = JSON.parse(file('extension/package.json').toString('utf8'));
    assert.deepEqual(inner.contributes, pkg.contributes);
    assert.equal(inner.main, pkg.main);
    for (const k of ['publisher', 'repository', 'categories', 'keywords', 'icon', 'license', 'displayName', 'description']) assert.ok(inner[k], k);
    assert.equal(inner.license, 'Apache-2.0');
    assert.match(file('extension/LICENSE.txt').toString('utf8'), /Apache License\s+Version 2\.0, January 2004/);
    assert.match(inner.repository.url, /^https:\/\/github\.com\//);
    assert.ok(inner.categories.includes('Linters'));
    assert.match(file('extension/changelog.md').toString('utf8'), new RegExp(`## ${pkg.version.replace(/\./g, '\\.')}\\b`), 'CHANGELOG has this version');
    const manifest = file('extension.vsixmanifest').toString('utf8');
    assert.match(manifest, new RegExp(`Id="${pkg.name}"[^>]*Version="${pkg.version}"[^>]*Publisher="${pkg.publisher}"`));
  });

  test('every path the manifest names is inside: main, icon, the server next to main, the schema, our languages\' files', () => {
    const names = new Set(entries.map((e) => e.name));
    const inside = (p: string) => `extension/${p.replace(/^\.\//, '')}`;
    const media = (pkg.contributes.walkthroughs ?? []).flatMap((w: any) => w.steps.flatMap((st: any) => [st.media?.markdown, st.media?.image, st.media?.svg].filter((x) => typeof x === 'string')));
    const paths = [pkg.main, pkg.icon, 'dist/server.js', ...pkg.contributes.jsonValidation.map((v: any) => v.url), ...pkg.contributes.languages.flatMap((l: any) => [l.configuration, l.icon.light, l.icon.dark]), ...pkg.contributes.grammars.map((g: any) => g.path), ...media];
    for (const p of paths) assert.ok(names.has(inside(p)), p);
    // every bundle a packaged bundle loads lazily from its own folder (the language service, the cluster code) is inside
    const lazy = new Set<string>();
    for (const e of entries.filter((x) => /^extension\/dist\/[^/]+\.js$/.test(x.name))) {
      for (const m of readZipEntry(buf, e).toString('utf8').matchAll(/require\(["']\.\/([^"']+\.js)["']\)/g)) lazy.add(m[1]);
    }
    assert.ok(lazy.has('service.js'), 'the server loads dist/service.js');
    for (const m of lazy) assert.ok(names.has(`extension/dist/${m}`), `dist/${m} (loaded by a packaged bundle) is in the vsix: add it to .vscodeignore`);
  });

  test('the icon is a 128x128 PNG', () => {
    const png = file('extension/images/icon.png');
    assert.ok(png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])));
    assert.equal(png.toString('ascii', 12, 16), 'IHDR');
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128]);
  });
});

describe('vsix: runs on its own', () => {
  test('the unpacked server starts with no node_modules and reports the guide placeholder', async () => {
    const dir = join(tmp, 'unpacked');
    extractZip(buf, dir);
    const client = await LspClient.start({ command: { file: process.execPath, args: [join(dir, 'extension', 'dist', 'server.js')] } });
    try {
      await client.initialize();
      const uri = pathToFileURL(join(root, 'examples', 'guide', 'dragent.yaml')).href;
      await client.open(uri, readFileSync(join(root, 'examples', 'guide', 'dragent.yaml'), 'utf8'));
      const d = await client.waitForDiagnostics(uri, 1, 30_000);
      assert.ok(d.diagnostics.some((x) => x.code === 'placeholder'), JSON.stringify(d.diagnostics.map((x) => x.code)));
    } finally {
      await client.shutdown().catch(() => client.kill());
    }
  });
});
