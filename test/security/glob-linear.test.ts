// Issue 10 §4: a 40-star glob in `.sysdig-mesos.json` made `lint` run > 30 s and stopped the server answering, and a
// pathological `sysdig-mesos.files.dragent` pattern cost seconds per request (an untrusted workspace can set both).
// Globs are now matched by an NFA (server/src/service/text/glob.ts): at most path × glob steps, whatever the glob.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { applyConfig, createLanguageService, detectKind, globMatch, readConfig } from '../../server/src/service/index';
import { documentKind, uriPath } from '../../server/src/lsp/kind';
import { normalizeSettings } from '../../server/src/lsp/settings';
import { MAX_GLOB_LENGTH } from '../../server/src/service/text/glob';
import { manyStarGlob } from './hostile-inputs';
import { bestOf } from './timing';

const NAME = `${'a'.repeat(60)}.yml`; // 60 characters to share among the stars, and no `x.yaml` at the end

test('a 40-star glob matches instantly: .sysdig-mesos.json ignores, files.* settings (server and service)', () => {
  const g = manyStarGlob(40);
  // each of these took from seconds to minutes with the regexes (each star a `[^/]*`)
  assert.ok(bestOf(1, () => assert.equal(globMatch(g, `deploy/${NAME}`), false)) < 50);
  assert.ok(bestOf(1, () => assert.equal(globMatch(`deploy/${g}`, `deploy/${NAME}`), false)) < 50);
  assert.ok(bestOf(1, () => assert.equal(detectKind(`/w/${NAME}`, '', { dragent: [g], marathonApp: [] }), undefined)) < 50);
  assert.ok(bestOf(1, () => assert.equal(documentKind(`file:///w/deploy/${NAME}`, 'yaml', '', { dragent: [`**/${g}`], marathonApp: [] }), undefined)) < 50);
  // and it still matches what it should
  assert.equal(globMatch(g, `deploy/${'a'.repeat(60)}x.yaml`), true);
  assert.equal(detectKind(`/w/${'A'.repeat(60)}X.YAML`, '', { dragent: [g], marathonApp: [] }), 'dragent');
});

test('lint with a 40-star ignore glob in .sysdig-mesos.json takes no longer than without', () => {
  const svc = createLanguageService();
  const { config } = readConfig({ ignore: [{ files: [manyStarGlob(40), `**/${manyStarGlob(40)}`], rules: ['placeholder'] }] });
  const text = 'customerid: YOUR-ACCESS-KEY-HERE\n';
  const { doc, findings } = svc.lint(text, 'dragent');
  const ms = bestOf(3, () => applyConfig(findings, doc, config, `deploy/${NAME.replace('.yml', '.yaml')}`));
  assert.ok(ms < 50, `${ms.toFixed(1)} ms`);
  assert.equal(applyConfig(findings, doc, config, `deploy/${NAME.replace('.yml', '.yaml')}`).length, findings.length);
});

test('globs longer than the limit are refused with a message and match nothing', () => {
  const long = `${'*'.repeat(MAX_GLOB_LENGTH)}.yaml`;
  const { config, problems } = readConfig({ ignore: [{ files: [long, 'x.yaml'] }] });
  assert.deepEqual(problems, [`ignore[0].files: a glob longer than ${MAX_GLOB_LENGTH} characters (${long.length}) is not used`]);
  assert.equal(globMatch(long, 'a.yaml'), false);
  assert.equal(globMatch('x.yaml', 'a/x.yaml'), true);
  assert.equal(config.ignore?.length, 1); // the entry's other globs still apply
  const settingsProblems: string[] = [];
  const s = normalizeSettings({ files: { dragent: [long, 'dragent.yaml'] } }, settingsProblems);
  assert.deepEqual(settingsProblems, [`files.dragent: a glob longer than ${MAX_GLOB_LENGTH} characters (${long.length}) is not used`]);
  assert.equal(documentKind('file:///w/a.yaml', 'yaml', '', s.patterns), undefined);
  assert.equal(documentKind('file:///w/dragent.yaml', 'yaml', '', s.patterns), 'dragent');
});

// ---- the regex compilers that were replaced, as the reference on short globs --------------------

function oldSource(g: string): string {
  let src = '';
  for (let i = 0; i < g.length; i++) {
    const ch = g[i];
    if (ch === '*' && g[i + 1] === '*') {
      if (g[i + 2] === '/') {
        src += '(?:[^/]*/)*';
        i += 2;
      } else {
        src += '.*';
        i++;
      }
    } else if (ch === '*') src += '[^/]*';
    else if (ch === '?') src += '[^/]';
    else src += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return src;
}

/** suppression.ts's globMatch before */
function oldGlobMatch(glob: string, path: string): boolean {
  const p = path.replace(/\\/g, '/').replace(/^\.\//, '');
  const g = glob.replace(/\\/g, '/').replace(/^\.?\//, '');
  return new RegExp(g.includes('/') ? `^${oldSource(g)}$` : `(?:^|/)${oldSource(g)}$`).test(p);
}

/** lsp/kind.ts's path glob before */
function oldPathGlob(glob: string, path: string): boolean {
  return new RegExp(`(?:^|/)${oldSource(glob.replace(/\\/g, '/').replace(/^\.?\//, ''))}$`, 'i').test(path);
}

/** documents/kind.ts's name glob before (no `**`, no `/` handling: name globs have none) */
function oldNameGlob(glob: string, name: string): boolean {
  let re = '';
  for (const ch of glob) {
    if (ch === '*') re += '[^/]*';
    else if (ch === '?') re += '[^/]';
    else re += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, 'i').test(name);
}

const GLOB_PIECES = ['*', '**', '**/', '?', '/', 'a', 'B', '.', 'json', 'x', '[', ']', '{', ',', '}', '\\', './', '(', '+', '$'];
const PATH_PIECES = ['a', 'b', 'A', '/', '.', 'json', 'x', 'deploy/', '[', '{', ',', '}', '(', '+', '$', 'ab'];
const glob = fc.array(fc.constantFrom(...GLOB_PIECES), { minLength: 1, maxLength: 8 }).map((p) => p.join(''));
const path = fc.array(fc.constantFrom(...PATH_PIECES), { maxLength: 10 }).map((p) => p.join(''));

test('the NFA matches exactly what the regexes matched (random short globs and paths)', () => {
  fc.assert(
    fc.property(glob, path, (g, p) => {
      assert.equal(globMatch(g, p), oldGlobMatch(g, p), `globMatch(${JSON.stringify(g)}, ${JSON.stringify(p)})`);
      const withSlash = g.includes('/') || g.includes('\\');
      if (withSlash) {
        const uri = `file:///w/${encodeURI(p)}`;
        const kind = documentKind(uri, 'yaml', '', { dragent: [g], marathonApp: [] });
        // the path as the server reads it from the URI (dot segments resolved)
        assert.equal(kind === 'dragent', oldPathGlob(g, uriPath(uri)), `path glob ${JSON.stringify(g)} on ${JSON.stringify(uriPath(uri))}`);
      } else {
        const name = p.slice(p.lastIndexOf('/') + 1);
        assert.equal(detectKind(`/w/${name}`, undefined, { dragent: [g], marathonApp: [] }) === 'dragent', oldNameGlob(g, name), `name glob ${JSON.stringify(g)} on ${JSON.stringify(name)}`);
      }
    }),
    { numRuns: 4000 },
  );
});
