// Bundles the server, the VS Code client, the CLI, the tests and the benchmarks with esbuild.
// One bundle per entry keeps cold start low (no module resolution at run time).
import { build } from 'esbuild';
import { readdirSync, statSync, rmSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  // jsonc-parser's UMD build cannot be bundled; its ESM build can.
  mainFields: ['module', 'main'],
  sourcemap: 'linked',
  logLevel: 'warning',
  absWorkingDir: root,
};

// What the extension ships and the server/CLI run: minified (about half the bytes to read at start-up and
// in the .vsix); names kept, so error classes and stack frames in logs stay readable.
const shipped = { ...common, minify: true, keepNames: true };

function findTests(dir, skip = []) {
  if (!existsSync(dir)) return [];
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (skip.includes(p)) continue;
    if (statSync(p).isDirectory()) out.push(...findTests(p));
    else if (name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

rmSync(join(root, 'dist-test'), { recursive: true, force: true });
rmSync(join(root, 'dist-e2e'), { recursive: true, force: true });
await import('./gen-schema-validators.mjs'); // precompiles schemas/*.schema.json into server/src/service/schema/generated/ (ajv standalone)
// The server loads the language service lazily (after `initialize` has been answered). Keeping the
// service — most of it the precompiled schema validators — in its own file means start-up does not
// even read or compile that code.
const serviceApart = {
  name: 'service-apart',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/service\/index$/ }, (args) =>
      args.kind === 'require-call' ? { path: './service.js', external: true } : undefined,
    );
  },
};
// The cluster requests (undici, the cluster check, later deploy) are loaded by the server on first use.
const clusterApart = {
  name: 'cluster-apart',
  setup(b) {
    b.onResolve({ filter: /^\.\/cluster-lazy$/ }, (args) =>
      args.kind === 'require-call' ? { path: './cluster-lazy.js', external: true } : undefined,
    );
  },
};
// ... and share the server's copy of the language service.
const serviceShared = {
  name: 'service-shared',
  setup(b) {
    b.onResolve({ filter: /^(\.\.\/)+service\/index$/ }, (args) =>
      join(args.resolveDir, args.path) === join(root, 'server', 'src', 'service', 'index') ? { path: './service.js', external: true } : undefined,
    );
  },
};
// server.js is only the bootstrap (it answers `initialize` over stdio before anything else is read); the
// LSP library and the handlers are server-main.js, required after that answer.
const mainApart = {
  name: 'main-apart',
  setup(b) {
    b.onResolve({ filter: /^\.\/lsp\/start$/ }, (args) => (args.kind === 'require-call' ? { path: './server-main.js', external: true } : undefined));
  },
};
const jobs = [
  build({ ...shipped, entryPoints: { server: 'server/src/server.ts' }, outdir: 'dist', plugins: [mainApart] }),
  build({ ...shipped, entryPoints: { 'server-main': 'server/src/lsp/start.ts' }, outdir: 'dist', plugins: [serviceApart, clusterApart] }),
  build({ ...shipped, entryPoints: { 'cluster-lazy': 'server/src/lsp/cluster-lazy.ts' }, outdir: 'dist', plugins: [serviceShared] }),
  build({ ...shipped, entryPoints: { service: 'server/src/service/index.ts' }, outdir: 'dist' }),
  build({ ...common, entryPoints: { 'gen-docs': 'scripts/gen-docs.ts', 'gen-manifest': 'scripts/gen-manifest.ts' }, outdir: 'dist' }),
  build({ ...shipped, entryPoints: { cli: 'server/src/cli.ts' }, outdir: 'dist', banner: { js: '#!/usr/bin/env node' } }),
  // The VS Code extension's entry (package.json `main`): the editor provides `vscode`, everything else is inside.
  build({ ...shipped, entryPoints: { client: 'client/src/extension.ts' }, outdir: 'dist', external: ['vscode'] }),
];
// unit tests (dist-test/) and the real-VS-Code tests (dist-e2e/, `npm run test:e2e`) are run apart
const e2eDir = join(root, 'test', 'e2e');
const tests = findTests(join(root, 'test'), [e2eDir]);
if (tests.length) {
  jobs.push(build({ ...common, entryPoints: tests, outdir: 'dist-test', outbase: 'test', external: ['fast-check'] }));
}
const e2eTests = findTests(e2eDir);
if (e2eTests.length) {
  // playwright-core stays a require: it locates its own files at run time
  jobs.push(build({ ...common, entryPoints: e2eTests, outdir: 'dist-e2e', outbase: 'test/e2e', external: ['playwright-core'] }));
  // the extension-host suite runs inside VS Code (extensionTestsPath), which provides `vscode`
  jobs.push(build({ ...common, entryPoints: { 'host/suite': 'test/e2e/host/suite.ts' }, outdir: 'dist-e2e', external: ['vscode'] }));
}
const benches = existsSync(join(root, 'bench')) ? readdirSync(join(root, 'bench')).filter((n) => n.endsWith('.ts')).map((n) => join('bench', n)) : [];
if (benches.length) jobs.push(build({ ...common, entryPoints: benches, outdir: 'dist-bench' }));
await Promise.all(jobs);
