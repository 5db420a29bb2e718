// The VS Code client's logic that needs no VS Code: which documents it hands to the server, and the
// language status item's text.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DEFAULT_PATTERNS, detectKind } from '../../server/src/service/documents/kind';
import { documentKind } from '../../server/src/lsp/kind';
import {
  DOCUMENT_SCHEMES,
  defaultPatterns,
  documentSelector,
  namedSelector,
  languageToSet,
  patternsFromSettings,
  samePatterns,
  toVscodeGlob,
  workspaceGlob,
  watchGlob,
  workspaceDiagnosticsFromSettings,
} from '../../client/src/patterns';
import { PENDING_STATUS, statusContent } from '../../client/src/status';
import { matchesVscodeGlob } from '../helpers/vscode-glob';

/** whether a file: document at `path` is picked by the selector's pattern filters */
function pickedByName(selector: ReturnType<typeof documentSelector>, path: string): boolean {
  return selector.some((f) => f.scheme === 'file' && 'pattern' in f && matchesVscodeGlob(f.pattern, path));
}

describe('toVscodeGlob', () => {
  test('base names get **/ and letters match either case', () => {
    assert.equal(toVscodeGlob('dragent.yaml'), '**/[dD][rR][aA][gG][eE][nN][tT].[yY][aA][mM][lL]');
    assert.equal(toVscodeGlob('*.dragent.yml'), '**/*.[dD][rR][aA][gG][eE][nN][tT].[yY][mM][lL]');
    assert.equal(toVscodeGlob('sysdig*.json'), '**/[sS][yY][sS][dD][iI][gG]*.[jJ][sS][oO][nN]');
  });

  test('path globs: a leading ./ or / is dropped and **/ is not doubled; backslashes become /', () => {
    assert.equal(toVscodeGlob('./deploy/a.json'), '**/[dD][eE][pP][lL][oO][yY]/[aA].[jJ][sS][oO][nN]');
    assert.equal(toVscodeGlob('/etc/x.yaml'), '**/[eE][tT][cC]/[xX].[yY][aA][mM][lL]');
    assert.equal(toVscodeGlob('**/a/?.yaml'), '**/[aA]/?.[yY][aA][mM][lL]');
    assert.equal(toVscodeGlob('deploy\\*.json'), '**/[dD][eE][pP][lL][oO][yY]/*.[jJ][sS][oO][nN]');
  });

  test('characters the server takes literally but VS Code globs do not become ? (matches more, never less)', () => {
    assert.equal(toVscodeGlob('a[1]{b,c}.json'), '**/[aA]?1??[bB]?[cC]?.[jJ][sS][oO][nN]');
    assert.ok(matchesVscodeGlob(toVscodeGlob('a[1]{b,c}.json'), '/w/A[1]{B,c}.json'));
  });

  test('property: every path the server matches by a pattern, the client glob matches too', () => {
    let matched = 0;
    const seg = fc.stringMatching(/^[a-zA-Z0-9._\-[\]{},]{1,8}$/);
    fc.assert(
      fc.property(fc.array(seg, { minLength: 1, maxLength: 4 }), fc.integer({ min: 0, max: 3 }), fc.boolean(), (segs, keep, starred) => {
        const path = `/root/${segs.join('/')}`;
        // a glob made from the path's tail, possibly with a * in the last segment, in random case
        const tail = segs.slice(-Math.min(segs.length, keep + 1));
        const last = tail[tail.length - 1];
        if (starred && last.length > 1) tail[tail.length - 1] = `${last[0]}*`;
        const glob = tail.join('/').toUpperCase();
        const patterns = { dragent: [glob], marathonApp: [] };
        const serverSays = documentKind(`file://${encodeURI(path)}`, 'yaml', '', patterns) === 'dragent';
        if (serverSays) {
          matched++;
          assert.ok(matchesVscodeGlob(toVscodeGlob(glob), path), `${glob} on ${path}`);
        }
      }),
      { numRuns: 300 },
    );
    assert.ok(matched > 150, `the server matched only ${matched} of 300 generated cases`);
  });
});

describe('documentSelector', () => {
  test('default patterns: one filter per glob and scheme, plus our two languages and json per scheme', () => {
    const sel = documentSelector(defaultPatterns());
    const n = DEFAULT_PATTERNS.dragent.length + DEFAULT_PATTERNS.marathonApp.length;
    assert.equal(sel.length, DOCUMENT_SCHEMES.length * (n + 3));
    assert.deepEqual(
      sel.filter((f) => 'language' in f),
      DOCUMENT_SCHEMES.flatMap((scheme) => ['dragent-yaml', 'marathon-app-json', 'json'].map((language) => ({ scheme, language }))),
    );
    assert.ok(!sel.some((f) => 'language' in f && (f.language === 'yaml' || f.language === 'jsonc')), 'no yaml/jsonc language filter: YAML is ours only by name or language');
    // ours by name or by our language; plain json only by content (the server decides)
    assert.deepEqual(namedSelector(defaultPatterns()), sel.filter((f) => 'pattern' in f || f.language !== 'json'));
    assert.deepEqual([...DOCUMENT_SCHEMES], ['file', 'untitled', 'vscode-vfs']);
  });

  test('names the server recognises are picked by name, in any case; other YAML/JSON names are not', () => {
    const sel = documentSelector(defaultPatterns());
    const ours = ['dragent.yaml', 'DRAGENT.YAML', 'dragent.prod.yaml', 'node1.dragent.yml', 'dragent.yml', 'sysdig.json', 'Sysdig-Agent.json', 'marathon-app.json', 'app.marathon.json'];
    for (const name of ours) {
      assert.ok(detectKind(name, undefined), name);
      assert.ok(pickedByName(sel, `/w/deploy/${name}`), name);
    }
    for (const name of ['values.yaml', 'dragent.yaml.bak', 'package.json', 'app.json', 'mydragent.yaml']) {
      assert.equal(detectKind(name, undefined), undefined, name);
      assert.ok(!pickedByName(sel, `/w/${name}`), name);
    }
  });

  test('user patterns (name and path globs) are followed, duplicates dropped, blanks ignored', () => {
    const sel = documentSelector({ dragent: ['agent.yaml', 'deploy/**/conf.yaml', ' '], marathonApp: ['apps/*.json', 'apps/*.json'] });
    assert.equal(sel.filter((f) => f.scheme === 'file').length, 6, 'three patterns, our two languages, json');
    assert.ok(pickedByName(sel, '/w/x/Agent.yaml'));
    assert.ok(pickedByName(sel, '/w/deploy/a/b/conf.yaml'));
    assert.ok(pickedByName(sel, '/w/deploy/conf.yaml'));
    assert.ok(!pickedByName(sel, '/w/other/conf.yaml'));
    assert.ok(pickedByName(sel, '/w/apps/agent.json'));
    assert.ok(!pickedByName(sel, '/w/apps/x/agent.json'));
    assert.ok(!pickedByName(sel, '/w/dragent.yaml'), 'the user patterns replace the defaults');
  });
});

describe('patternsFromSettings', () => {
  test('nothing set: the defaults', () => {
    assert.deepEqual(patternsFromSettings([]), defaultPatterns());
    assert.deepEqual(patternsFromSettings([undefined, null, {}]), defaultPatterns());
  });

  test('the union of every scope, read as the server reads them (a string is one glob, bad values fall back)', () => {
    const p = patternsFromSettings([
      { files: { dragent: ['a.yaml'], marathonApp: 'm.json' } },
      { files: { dragent: ['b.yaml', 'a.yaml'] } },
      { files: { dragent: 42 } },
      'not an object',
    ]);
    assert.deepEqual(p.dragent, ['a.yaml', 'b.yaml', ...DEFAULT_PATTERNS.dragent]);
    assert.deepEqual(p.marathonApp, ['m.json', ...DEFAULT_PATTERNS.marathonApp]);
  });

  test('dotted keys, as some clients send them', () => {
    assert.deepEqual(patternsFromSettings([{ 'files.dragent': ['x.yaml'], 'files.marathonApp': [] }]), { dragent: ['x.yaml'], marathonApp: [] });
  });
});

describe('workspaceGlob and samePatterns', () => {
  test('one glob for findFiles covering every pattern and the workspace file', () => {
    const g = workspaceGlob(defaultPatterns(), '.sysdig-mesos.json');
    for (const path of ['/w/dragent.yaml', '/w/a/b/node.dragent.yml', '/w/sysdig.json', '/w/MARATHON.json', '/w/x/.sysdig-mesos.json']) {
      assert.ok(matchesVscodeGlob(g, path), path);
    }
    assert.ok(!matchesVscodeGlob(g, '/w/package.json'));
    assert.equal(workspaceGlob({ dragent: [], marathonApp: [] }, '.sysdig-mesos.json'), '**/.sysdig-mesos.json');
  });

  test('the file watcher covers the patterns, the workspace file and every .json file (Marathon apps known by content)', () => {
    const g = watchGlob({ dragent: ['dragent.yaml', 'deploy/*.yml'], marathonApp: ['sysdig.json'] }, '.sysdig-mesos.json');
    for (const path of ['/w/dragent.yaml', '/w/a/deploy/x.yml', '/w/SYSDIG.json', '/w/x/.sysdig-mesos.json', '/w/apps/agent-app.json']) {
      assert.ok(matchesVscodeGlob(g, path), path);
    }
    for (const path of ['/w/values.yaml', '/w/x.yml', '/w/README.md']) assert.ok(!matchesVscodeGlob(g, path), path);
    assert.ok(matchesVscodeGlob(watchGlob({ dragent: [], marathonApp: [] }, '.sysdig-mesos.json'), '/w/.sysdig-mesos.json'));
  });

  test('workspace diagnostics are offered unless every scope turned them off', () => {
    const off = { diagnostics: { workspace: false } };
    assert.equal(workspaceDiagnosticsFromSettings([]), true);
    assert.equal(workspaceDiagnosticsFromSettings([{}]), true);
    assert.equal(workspaceDiagnosticsFromSettings([off]), false);
    assert.equal(workspaceDiagnosticsFromSettings([off, off]), false);
    assert.equal(workspaceDiagnosticsFromSettings([off, {}]), true, 'a folder that keeps the default');
    assert.equal(workspaceDiagnosticsFromSettings([{ diagnostics: { workspace: 'no' } }]), true, 'a wrong value is the default');
  });

  test('order and duplicates do not count as a change', () => {
    assert.ok(samePatterns({ dragent: ['a', 'b'], marathonApp: ['c'] }, { dragent: ['b', 'a', 'a'], marathonApp: ['c'] }));
    assert.ok(!samePatterns({ dragent: ['a'], marathonApp: ['c'] }, { dragent: ['a'], marathonApp: ['d'] }));
    assert.ok(!samePatterns({ dragent: ['a'], marathonApp: [] }, { dragent: [], marathonApp: ['a'] }));
  });
});

describe('statusContent', () => {
  test('names the schema and the agent profile with where it comes from', () => {
    assert.deepEqual(statusContent({ kind: 'dragent', agentProfile: 'guide-2016', profileSource: 'settings' }), {
      text: 'dragent.yaml schema',
      detail: 'agent profile guide-2016 (from settings)',
      accessibility: 'Sysdig Mesos: dragent.yaml schema, agent profile guide-2016 (agents of the 2016 vendor guide), from settings',
    });
    const m = statusContent({ kind: 'marathon-app', agentProfile: 'latest', profileSource: 'workspace-file' });
    assert.equal(m?.text, 'Marathon app schema');
    assert.equal(m?.detail, 'agent profile latest (from .sysdig-mesos.json)');
    assert.equal(statusContent({ kind: 'dragent' })?.text, 'dragent.yaml schema');
  });

  test('hidden for documents that are not ours, or when the server gave no answer', () => {
    assert.equal(statusContent({ kind: null }), undefined);
    assert.equal(statusContent(null), undefined);
    assert.equal(statusContent(undefined), undefined);
    assert.equal(statusContent({ kind: 'something-else' as never }), undefined);
    assert.equal(PENDING_STATUS.text, 'sysdig-mesos');
  });
});

describe('languageToSet: a json/yaml document the server found ours moves to our language, once', () => {
  const none = new Set<string>();
  test('a sniffed json Marathon app moves to marathon-app-json; a yaml dragent (a user pattern) to dragent-yaml', () => {
    assert.equal(languageToSet('marathon-app', 'json', 'file:///w/app.json', none), 'marathon-app-json');
    assert.equal(languageToSet('dragent', 'yaml', 'file:///w/agent.yaml', none), 'dragent-yaml');
  });
  test('nothing for a document not ours, already in our language, in another language, or moved before', () => {
    assert.equal(languageToSet(null, 'json', 'file:///w/package.json', none), undefined);
    assert.equal(languageToSet(undefined, 'json', 'file:///w/package.json', none), undefined);
    assert.equal(languageToSet('marathon-app', 'marathon-app-json', 'file:///w/sysdig.json', none), undefined);
    // jsonc: the user (or VS Code) chose a language with comments; we leave that choice alone
    assert.equal(languageToSet('marathon-app', 'jsonc', 'file:///w/app.json', none), undefined);
    assert.equal(languageToSet('dragent', 'json', 'file:///w/x.json', none), undefined, 'a kind whose base is not the language');
    // moved once and set back to json by the user: stays json
    assert.equal(languageToSet('marathon-app', 'json', 'file:///w/app.json', new Set(['file:///w/app.json'])), undefined);
  });
});
