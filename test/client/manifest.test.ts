// The VS Code extension's manifest (package.json) against the code: settings, rules, patterns, schemas, bundle.
// No VS Code here: what the editor would do with the manifest is checked with VS Code's glob rules
// (test/helpers/vscode-glob.ts) and the server's own readers.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builtinModules } from 'node:module';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { parse as parseYaml } from 'yaml';
import { RULE_INFOS as ALL_RULES } from '../../server/src/service/index';
import { DEFAULT_PATTERNS, detectKind } from '../../server/src/service/documents/kind';
import { defaultServerSettings, normalizeSettings } from '../../server/src/lsp/settings';
import { CONFIG_FILE_NAME, SHOW_EFFECTIVE_CONFIG_COMMAND } from '../../server/src/lsp/constants';
import { CLIENT_SETTINGS, DEPLOY_SETTINGS, defaultPatterns, documentSelector } from '../../client/src/patterns';
import { CLIENT_ID, CLUSTERS_SETTING, COMMANDS, CONTEXT_KEYS, SECTION, SERVER_MODULE, SHOW_OUTPUT_COMMAND } from '../../client/src/ids';
import { activationEvents, applyManifest, languageFiles, rulesSettingProperties, CONFIG_SCHEMA } from '../../scripts/manifest';
import { OWN_LANGUAGES } from '../../server/src/lsp/language-ids';
import { CONTEXT_VALUES, REFRESH_DEFAULT_SECONDS, REFRESH_SETTING, VIEW_COMMANDS, VIEW_CONTAINER_ICON, VIEW_CONTAINER_ID, VIEW_ID } from '../../client/src/view-ids';
import { documentKind } from '../../server/src/lsp/kind';
import { projectRoot } from '../helpers/paths';
import { matchesVscodeGlob } from '../helpers/vscode-glob';

const root = projectRoot();
/** the schemas of our two kinds: no longer given to the editor (our languages), kept for other tools */
const DRAGENT_SCHEMA = './schemas/dragent.schema.json';
const MARATHON_SCHEMA = './schemas/marathon-app.schema.json';
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const props: Record<string, any> = pkg.contributes.configuration.properties;
const extensionSource = readFileSync(join(root, 'client', 'src', 'extension.ts'), 'utf8');

/** { files: { dragent: v } } from 'files.dragent' */
function nested(key: string, value: unknown): Record<string, unknown> {
  const parts = key.split('.');
  let v: unknown = value;
  for (const p of parts.reverse()) v = { [p]: v };
  return v as Record<string, unknown>;
}

/** a valid value, different from the default, for each setting the server might read */
const SAMPLE: Record<string, unknown> = {
  agentProfile: 'latest',
  rules: { syntax: 'off' },
  'files.dragent': ['x.yaml'],
  'files.marathonApp': ['y.json'],
  'diagnostics.workspace': false,
  'trace.server': 'verbose',
  'deploy.marathonUri': 'http://10.0.0.1:8080',
  'deploy.collector': 'collector.example.com',
  'deploy.variables': { TAGS: 'a:b' },
  'deploy.timeoutSeconds': 900,
  'view.refreshSeconds': 60,
  clusters: [{ name: 'dev', mesos: 'http://10.0.0.1:5050', marathon: 'http://10.0.0.1:8080' }],
};

/** the settings (relative to the section) whose value changes what the server computes */
function serverReads(key: string): boolean {
  return JSON.stringify(normalizeSettings(nested(key, SAMPLE[key]))) !== JSON.stringify(defaultServerSettings());
}

const examples = ['guide', 'fixed'].flatMap((d) => readdirSync(join(root, 'examples', d)).map((n) => join(root, 'examples', d, n)));

describe('manifest: settings', () => {
  const keys = Object.keys(props).map((k) => {
    assert.ok(k.startsWith(`${SECTION}.`), k);
    return k.slice(SECTION.length + 1);
  });

  test('every contributed setting is read by the server or the client, and every setting they read is contributed', () => {
    const clientReads = new Set<string>([...CLIENT_SETTINGS, ...DEPLOY_SETTINGS, 'trace.server', REFRESH_SETTING, CLUSTERS_SETTING]);
    for (const k of keys) {
      assert.ok(k in SAMPLE, `no sample value for ${k}: add one`);
      assert.ok(serverReads(k) || clientReads.has(k), `${SECTION}.${k} is read by nobody`);
    }
    for (const k of Object.keys(SAMPLE)) if (serverReads(k)) assert.ok(keys.includes(k), `the server reads ${k}, but it is not contributed`);
    for (const k of clientReads) assert.ok(keys.includes(k), `the client reads ${k}, but it is not contributed`);
    // deploy.collector and deploy.variables: the findings say what deploy fills (names only, never values)
    assert.deepEqual(keys.filter(serverReads).sort(), ['agentProfile', 'deploy.collector', 'deploy.variables', 'diagnostics.workspace', 'files.dragent', 'files.marathonApp', 'rules']);
  });

  test('sysdig-mesos.clusters: the same entries as .sysdig-mesos.json\'s clusters (its schema), read by the client', () => {
    const schema = JSON.parse(readFileSync(join(root, 'schemas', 'sysdig-mesos-config.schema.json'), 'utf8'));
    const setting = props[`${SECTION}.${CLUSTERS_SETTING}`];
    const fileItems = schema.properties.clusters.items;
    assert.deepEqual(Object.keys(setting.items.properties), Object.keys(fileItems.properties));
    for (const k of ['name', 'mesos', 'marathon', 'mesosUser', 'marathonUser']) assert.deepEqual(setting.items.properties[k], fileItems.properties[k], k);
    assert.deepEqual(setting.items.required, fileItems.required);
    assert.ok(/get<unknown>\(CLUSTERS_SETTING\)/.test(readFileSync(join(root, 'client', 'src', 'cluster-choice.ts'), 'utf8')), 'cluster-choice.ts reads it');
  });

  test('the client reads what it declares: its files.* keys, and trace.server through its client id', () => {
    for (const k of CLIENT_SETTINGS) assert.ok(extensionSource.includes(`get('${k}')`), `extension.ts reads ${k}`);
    const deploySource = readFileSync(join(root, 'client', 'src', 'deploy-command.ts'), 'utf8');
    for (const k of DEPLOY_SETTINGS) assert.ok(new RegExp(`get<.+?>\\('${k.replace('.', '\\.')}'\\)`).test(deploySource), `deploy-command.ts reads ${k}`);
    // settings that point the deploy somewhere are not taken from an untrusted workspace
    for (const k of ['deploy.marathonUri', 'deploy.collector', 'deploy.variables', CLUSTERS_SETTING]) assert.ok(pkg.capabilities.untrustedWorkspaces.restrictedConfigurations.includes(`${SECTION}.${k}`), k);
    assert.ok(/new LanguageClient\(CLIENT_ID,/.test(extensionSource), 'the LanguageClient is created with CLIENT_ID');
    assert.equal(`${CLIENT_ID}.trace.server`, `${SECTION}.trace.server`, 'vscode-languageclient reads <client id>.trace.server');
    assert.deepEqual(props[`${SECTION}.trace.server`].enum, ['off', 'messages', 'verbose']);
  });

  test('each setting has a scope, a markdownDescription and the default the server uses', () => {
    for (const [k, p] of Object.entries(props)) {
      assert.ok(['resource', 'window', 'machine', 'application', 'machine-overridable', 'language-overridable'].includes(p.scope), `${k} scope`);
      assert.ok(typeof p.markdownDescription === 'string' && p.markdownDescription.length > 20, `${k} markdownDescription`);
      assert.ok('default' in p, `${k} default`);
    }
    // read per document by the server (workspace/configuration with scopeUri): per folder
    for (const k of ['agentProfile', 'rules', 'files.dragent', 'files.marathonApp', 'diagnostics.workspace']) assert.equal(props[`${SECTION}.${k}`].scope, 'resource', k);
    assert.equal(props[`${SECTION}.trace.server`].scope, 'window');
    const d = defaultServerSettings();
    assert.equal(props[`${SECTION}.agentProfile`].default, d.service.agentProfile);
    assert.deepEqual(props[`${SECTION}.rules`].default, d.service.rules);
    assert.deepEqual(props[`${SECTION}.files.dragent`].default, DEFAULT_PATTERNS.dragent);
    assert.deepEqual(props[`${SECTION}.files.marathonApp`].default, DEFAULT_PATTERNS.marathonApp);
    assert.equal(props[`${SECTION}.diagnostics.workspace`].default, d.workspaceDiagnostics);
  });

  test('agentProfile: the enum is exactly what the server accepts, with a description for each value', () => {
    const p = props[`${SECTION}.agentProfile`];
    assert.deepEqual(p.enum, ['guide-2016', 'latest']);
    assert.equal(p.enumDescriptions.length, p.enum.length);
    for (const v of p.enum) {
      const problems: string[] = [];
      assert.equal(normalizeSettings({ agentProfile: v }, problems).service.agentProfile, v);
      assert.deepEqual(problems, []);
    }
    const problems: string[] = [];
    normalizeSettings({ agentProfile: 'guide-2017' }, problems);
    assert.equal(problems.length, 1, 'a value outside the enum is refused by the server too');
  });

  test('rules: one property per rule id (per-file and workspace rules) and no other, each value accepted by the server (else: npm run docs)', () => {
    const p = props[`${SECTION}.rules`];
    assert.equal(p.type, 'object');
    assert.equal(p.additionalProperties, false);
    assert.deepEqual(Object.keys(p.properties).sort(), ALL_RULES.map((r) => r.id).sort());
    assert.deepEqual(p.properties, rulesSettingProperties(ALL_RULES), 'package.json is stale: run `npm run docs`');
    for (const [id, rp] of Object.entries<any>(p.properties)) {
      for (const v of rp.enum) {
        const problems: string[] = [];
        assert.equal(normalizeSettings({ rules: { [id]: v } }, problems).service.rules[id], v);
        assert.deepEqual(problems, []);
      }
    }
  });

  test('the generated parts of package.json are up to date (npm run docs)', () => {
    const regenerated = applyManifest(JSON.parse(JSON.stringify(pkg)), ALL_RULES);
    assert.deepEqual(regenerated, pkg, 'package.json is stale: run `npm run docs`');
  });
});

describe('manifest: activation and the document selector', () => {
  test('activation: workspaceContains for every default pattern and the workspace file, onLanguage for our languages, yaml and json', () => {
    assert.deepEqual(pkg.activationEvents, activationEvents());
    const wc = pkg.activationEvents.filter((e: string) => e.startsWith('workspaceContains:')).map((e: string) => e.slice('workspaceContains:'.length));
    assert.deepEqual(wc, [...DEFAULT_PATTERNS.dragent, ...DEFAULT_PATTERNS.marathonApp, CONFIG_FILE_NAME].map((g) => `**/${g}`));
    assert.deepEqual(pkg.activationEvents.filter((e: string) => !e.startsWith('workspaceContains:')), ['onLanguage:dragent-yaml', 'onLanguage:marathon-app-json', 'onLanguage:yaml', 'onLanguage:json']);
  });

  test('every example is ours for detectKind, activates the extension and is in the client document selector', () => {
    assert.ok(examples.length >= 5, examples.join());
    const wc = pkg.activationEvents.filter((e: string) => e.startsWith('workspaceContains:')).map((e: string) => e.slice('workspaceContains:'.length));
    const selector = documentSelector(defaultPatterns());
    for (const file of examples) {
      const rel = file.slice(root.length + 1);
      const text = readFileSync(file, 'utf8');
      const kind = detectKind(file, text);
      assert.ok(kind, `${rel}: detectKind`);
      assert.equal(detectKind(file, undefined), kind, `${rel}: recognised by its name alone`);
      assert.ok(wc.some((g: string) => matchesVscodeGlob(g, rel)), `${rel}: workspaceContains`);
      assert.ok(selector.some((f) => f.scheme === 'file' && 'pattern' in f && matchesVscodeGlob(f.pattern, file)), `${rel}: document selector`);
      // it opens in our language for its kind, and no schema association gives it to another validator
      const name = file.slice(file.lastIndexOf('/') + 1);
      const languages = pkg.contributes.languages.filter((l: any) => l.filenamePatterns.some((g: string) => matchesVscodeGlob(`**/${g}`, name)));
      assert.deepEqual(languages.map((l: any) => l.id), [OWN_LANGUAGES[kind].id], rel);
      const json = pkg.contributes.jsonValidation.filter((v: any) => [v.fileMatch].flat().some((g: string) => matchesVscodeGlob(`**/${g}`, name)));
      assert.deepEqual(json, [], rel);
    }
  });

  test('every name pattern selects a file name detectKind agrees on, and only that kind', () => {
    const samples: Record<string, string> = {
      'dragent.yaml': 'dragent.yaml',
      'dragent.*.yaml': 'dragent.prod.yaml',
      '*.dragent.yaml': 'node1.dragent.yaml',
      'dragent.yml': 'dragent.yml',
      'dragent.*.yml': 'dragent.prod.yml',
      '*.dragent.yml': 'node1.dragent.yml',
      'sysdig.json': 'sysdig.json',
      'sysdig*.json': 'sysdig-agent.json',
      'marathon*.json': 'marathon-sysdig.json',
      '*.marathon.json': 'agent.marathon.json',
    };
    for (const [kind, globs] of [['dragent', DEFAULT_PATTERNS.dragent], ['marathon-app', DEFAULT_PATTERNS.marathonApp]] as const) {
      for (const g of globs) {
        const name = samples[g];
        assert.ok(name, `no sample file name for ${g}: add one`);
        assert.ok(matchesVscodeGlob(`**/${g}`, `/w/${name}`), `${g} on ${name}`);
        assert.equal(detectKind(name, undefined), kind, name);
      }
    }
  });

  test('the client sends our languages and JSON documents by language (content decides), never all YAML', () => {
    const sel = documentSelector(defaultPatterns());
    const langs = [...new Set(sel.filter((f) => 'language' in f).map((f) => (f as { language: string }).language))];
    assert.deepEqual(langs, ['dragent-yaml', 'marathon-app-json', 'json']);
    assert.ok(/documentSelector: selector/.test(extensionSource) && /documentSelector\(this\.patterns\)/.test(extensionSource), 'the client uses documentSelector()');
  });
});

describe('manifest: our languages (one voice per file)', () => {
  const languages: any[] = pkg.contributes.languages;
  const grammars: any[] = pkg.contributes.grammars;
  const read = (p: string) => JSON.parse(readFileSync(join(root, p), 'utf8'));

  test('one language per kind, named, for exactly the default patterns of that kind', () => {
    assert.deepEqual(languages.map((l) => l.id), [OWN_LANGUAGES.dragent.id, OWN_LANGUAGES['marathon-app'].id]);
    assert.deepEqual(languages[0].filenamePatterns, DEFAULT_PATTERNS.dragent);
    assert.deepEqual(languages[1].filenamePatterns, DEFAULT_PATTERNS.marathonApp);
    assert.deepEqual(languages.map((l) => l.aliases[0]), ['Sysdig Agent (YAML)', 'Marathon App (JSON)']);
    // no file extensions: every other .json/.yaml stays json/yaml, with the editor's own services
    for (const l of languages) assert.equal(l.extensions, undefined, l.id);
  });

  test('each grammar includes VS Code\'s own JSON or YAML grammar whole (the same highlighting)', () => {
    for (const l of Object.values(OWN_LANGUAGES)) {
      const g = grammars.find((x) => x.language === l.id);
      assert.ok(g, l.id);
      assert.equal(g.path, languageFiles(l.id).grammar);
      const grammar = read(g.path);
      assert.equal(grammar.scopeName, g.scopeName);
      assert.equal(g.scopeName, l.scopeName);
      assert.ok(g.scopeName.startsWith(`${l.baseScope}.`), 'a sub-scope of the base language: themes and scope selectors for it still apply');
      assert.deepEqual(grammar.patterns, [{ include: l.baseScope }]);
    }
    // the YAML grammar's own unbalanced-bracket scopes (VS Code's yaml extension), for bracket pair colouring
    assert.ok(grammars.find((x) => x.language === 'dragent-yaml').unbalancedBracketScopes.includes('meta.scalar.yaml'));
  });

  test("the language configurations keep JSON's and YAML's editing comforts: brackets, auto-closing, comments, folding", () => {
    const json = read(languageFiles('marathon-app-json').configuration);
    assert.deepEqual(json.brackets, [['{', '}'], ['[', ']']]);
    assert.ok(json.autoClosingPairs.some((p: any) => p.open === '"' && p.close === '"'));
    assert.ok(json.autoClosingPairs.some((p: any) => p.open === '{' && p.close === '}'));
    assert.equal(json.comments.lineComment, '//');
    assert.ok(json.indentationRules.increaseIndentPattern && json.folding.markers.start);
    const yaml = read(languageFiles('dragent-yaml').configuration);
    assert.equal(yaml.comments.lineComment, '#');
    assert.equal(yaml.folding.offSide, true, 'YAML folds by indentation');
    assert.ok(yaml.brackets.some((b: string[]) => b[0] === '[') && yaml.autoClosingPairs.length >= 4);
    for (const l of languages) assert.equal(l.configuration, languageFiles(l.id).configuration);
    // a file icon for icon themes that know json/yaml but not our languages: a 16x16 SVG
    for (const l of languages) {
      assert.deepEqual(l.icon, { light: languageFiles(l.id).icon, dark: languageFiles(l.id).icon });
      assert.match(readFileSync(join(root, l.icon.light), 'utf8'), /^<svg [^>]*width="16" height="16"/);
    }
  });

  test('the server takes a document in our language as that kind whatever its name, and json/yaml as before', () => {
    const app = readFileSync(join(root, 'examples', 'fixed', 'sysdig.json'), 'utf8');
    assert.equal(documentKind('file:///w/agent-app.json', 'marathon-app-json', '{}', DEFAULT_PATTERNS), 'marathon-app');
    assert.equal(documentKind('file:///w/agent.yaml', 'dragent-yaml', 'a: 1\n', DEFAULT_PATTERNS), 'dragent');
    assert.equal(documentKind('file:///w/agent-app.json', 'json', app, DEFAULT_PATTERNS), 'marathon-app', 'a sniffed json app');
    assert.equal(documentKind('file:///w/other.json', 'json', '{"a":1}', DEFAULT_PATTERNS), undefined);
    assert.equal(documentKind('file:///w/other.yaml', 'yaml', 'a: 1\n', DEFAULT_PATTERNS), undefined);
  });
});

describe('manifest: schemas, capabilities, bundle', () => {
  test('jsonValidation names the workspace file only, yamlValidation nothing; the schemas compile', () => {
    // our two kinds are validated by us alone (issue 11 §1): a schema association would make VS Code's JSON
    // service, or Red Hat's YAML extension, a second validator of the same file
    assert.deepEqual(pkg.contributes.jsonValidation, [{ fileMatch: CONFIG_FILE_NAME, url: CONFIG_SCHEMA }]);
    assert.equal(pkg.contributes.yamlValidation, undefined);
    const urls = [CONFIG_SCHEMA, DRAGENT_SCHEMA, MARATHON_SCHEMA];
    const ajv = new Ajv({ strict: false, allErrors: true });
    const validators: Record<string, ReturnType<typeof ajv.compile>> = {};
    for (const url of urls) {
      const file = join(root, url);
      assert.ok(existsSync(file), url);
      const schema = JSON.parse(readFileSync(file, 'utf8'));
      assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#', `${url}: draft-07, which VS Code's JSON and the YAML extension read`);
      assert.ok(ajv.validateSchema(schema), `${url}: ${ajv.errorsText(ajv.errors)}`);
      validators[url] = ajv.compile(schema);
    }
    const config = pkg.contributes.jsonValidation.find((v: any) => v.url === CONFIG_SCHEMA);
    assert.equal(config.fileMatch, CONFIG_FILE_NAME);
    // the fixed examples, which give no finding at all, are valid against the schemas the editor gets
    const fixedYaml = parseYaml(readFileSync(join(root, 'examples', 'fixed', 'dragent.yaml'), 'utf8'));
    assert.ok(validators[DRAGENT_SCHEMA](fixedYaml), JSON.stringify(validators[DRAGENT_SCHEMA].errors));
    const fixedApp = JSON.parse(readFileSync(join(root, 'examples', 'fixed', 'sysdig.json'), 'utf8'));
    assert.ok(validators[MARATHON_SCHEMA](fixedApp), JSON.stringify(validators[MARATHON_SCHEMA].errors));
    // the README's example workspace file
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const sample = /```json\n(\{\n  "rules"[\s\S]*?)```/.exec(readme)?.[1];
    assert.ok(sample, 'the README has a .sysdig-mesos.json example');
    assert.ok(validators[CONFIG_SCHEMA](JSON.parse(sample)), JSON.stringify(validators[CONFIG_SCHEMA].errors));
  });

  test('Workspace Trust and virtual workspaces are declared (limited, with a reason)', () => {
    const caps = pkg.capabilities;
    assert.equal(caps.untrustedWorkspaces.supported, 'limited');
    assert.match(caps.untrustedWorkspaces.description, /Restricted Mode/);
    assert.equal(caps.virtualWorkspaces.supported, 'limited');
    assert.ok(caps.virtualWorkspaces.description.length > 20);
  });

  test('contributed commands are registered by the client', () => {
    // registration itself is checked by loading the bundle (activation.test.ts); here: every contributed
    // command is one the client names, with a title and our category
    const known = new Set<string>([...Object.values(COMMANDS), ...Object.values(VIEW_COMMANDS)]);
    assert.ok(pkg.contributes.commands.length >= 8);
    for (const c of pkg.contributes.commands) {
      assert.ok(known.has(c.command), c.command);
      assert.equal(c.category, 'Sysdig Mesos');
      assert.ok(c.title.length > 5, c.command);
    }
    assert.ok(pkg.contributes.commands.some((c: any) => c.command === SHOW_OUTPUT_COMMAND));
    assert.ok(extensionSource.includes('registerCommand(SHOW_OUTPUT_COMMAND'));
  });

  test('the Sysdig on Mesos view: its container (with an SVG icon that ships), the tree view, its commands registered, menus on the view, the refresh setting read by the view', () => {
    const c = pkg.contributes;
    assert.deepEqual(c.viewsContainers.activitybar.map((x: any) => [x.id, x.title, x.icon]), [[VIEW_CONTAINER_ID, 'Sysdig on Mesos', VIEW_CONTAINER_ICON]]);
    assert.match(readFileSync(join(root, VIEW_CONTAINER_ICON), 'utf8'), /^<svg [^>]*viewBox="0 0 24 24"[^>]*stroke="currentColor"/);
    assert.deepEqual(c.views[VIEW_CONTAINER_ID].map((v: any) => v.id), [VIEW_ID]);
    const viewSource = readFileSync(join(root, 'client', 'src', 'cluster-view.ts'), 'utf8');
    for (const [k, id] of Object.entries(VIEW_COMMANDS)) assert.ok(viewSource.includes(`registerCommand(VIEW_COMMANDS.${k}`), `${id} is registered by the view`);
    for (const m of c.menus['view/title']) assert.equal(m.when, `view == ${VIEW_ID}`);
    assert.deepEqual(c.menus['view/title'].filter((m: any) => m.group.startsWith('navigation')).map((m: any) => m.command), [VIEW_COMMANDS.refresh, VIEW_COMMANDS.checkConnectivity, COMMANDS.deployApp]);
    const logs = [VIEW_COMMANDS.showTaskLog, VIEW_COMMANDS.showTaskStdout, VIEW_COMMANDS.showTaskStderr] as string[];
    const onTask = `view == ${VIEW_ID} && (viewItem == ${CONTEXT_VALUES.task} || viewItem == ${CONTEXT_VALUES.failureWithLog})`;
    for (const m of c.menus['view/item/context']) {
      if (logs.includes(m.command)) assert.equal(m.when, onTask, 'Show Task Log: on task items and the last failure naming its task');
      else assert.ok(m.command === VIEW_COMMANDS.scaleToAgents && m.when.endsWith(`viewItem == ${CONTEXT_VALUES.appScalable}`), m.command);
    }
    // the inline icon: the item's default stream
    assert.ok(c.menus['view/item/context'].some((m: any) => m.command === VIEW_COMMANDS.showTaskLog && m.group === 'inline'));
    for (const cmd of [VIEW_COMMANDS.scaleToAgents, ...logs]) assert.ok(c.menus.commandPalette.some((m: any) => m.command === cmd && m.when === 'false'), `${cmd} needs its item: not in the palette`);
    // the view's menus beside the others, not instead of them: the effective view's editor title button stays
    for (const where of ['editor/title', 'editor/context']) assert.ok(c.menus[where]?.some((m: any) => m.command === SHOW_EFFECTIVE_CONFIG_COMMAND && m.when === `resourceLangId == ${OWN_LANGUAGES['marathon-app'].id}`), `${where}: Show the agent's effective dragent.yaml`);
    const p = props[`${SECTION}.${REFRESH_SETTING}`];
    assert.deepEqual([p.type, p.default, p.minimum], ['number', REFRESH_DEFAULT_SECONDS, 0]);
    assert.ok(/get<number>\(REFRESH_SETTING\)/.test(viewSource), 'cluster-view.ts reads the setting');
  });

  test('main is the client bundle; it exists, and needs nothing outside Node but vscode; the server is next to it', () => {
    assert.equal(pkg.main, './dist/client.js');
    const bundle = join(root, pkg.main);
    assert.ok(existsSync(bundle), 'dist/client.js (npm run build)');
    assert.equal(SERVER_MODULE, 'dist/server.js');
    assert.ok(existsSync(join(root, SERVER_MODULE)), SERVER_MODULE);
    assert.ok(extensionSource.includes('asAbsolutePath(SERVER_MODULE)'));
    assert.ok(/TransportKind\.ipc[\s\S]*TransportKind\.ipc/.test(extensionSource), 'run and debug over node IPC');
    const text = readFileSync(bundle, 'utf8');
    const required = new Set([...text.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]));
    const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
    const external = [...required].filter((m) => !builtins.has(m));
    assert.deepEqual(external, ['vscode']);
    assert.ok(!/require\(\s*["']\.\/service/.test(text), 'the client does not load the language service');
  });

  test('the rest of package.json is intact: CLI bin, scripts, engines, dependencies', () => {
    assert.deepEqual(pkg.bin, { 'sysdig-mesos': 'dist/cli.js' });
    for (const s of ['build', 'typecheck', 'docs', 'lint:examples', 'pretest', 'test', 'bench', 'start', 'bench:features']) assert.ok(pkg.scripts[s], s);
    assert.equal(pkg.engines.node, '>=20.18.1');
    assert.equal(pkg.engines.vscode, '^1.91.0');
    assert.match(pkg.dependencies['vscode-languageclient'], /^\^11\./);
    const minor = (v: string) => /(\d+\.\d+)/.exec(v)?.[1];
    assert.equal(minor(pkg.devDependencies['@types/vscode']), minor(pkg.engines.vscode), '@types/vscode matches engines.vscode');
    const lc = JSON.parse(readFileSync(join(root, 'node_modules', 'vscode-languageclient', 'package.json'), 'utf8'));
    assert.equal(minor(lc.engines.vscode), minor(pkg.engines.vscode), 'vscode-languageclient needs no newer VS Code than engines.vscode');
  });
});

describe('walkthrough', () => {
  const walkthroughs: any[] = pkg.contributes.walkthroughs;
  test('one walkthrough; every step has its media, a button for a contributed command, and completes on a context key the client sets', () => {
    assert.equal(walkthroughs.length, 1);
    const contributed = new Set(pkg.contributes.commands.map((c: any) => c.command));
    const contextKeys = new Set<string>(Object.values(CONTEXT_KEYS));
    const steps: any[] = walkthroughs[0].steps;
    assert.ok(steps.length >= 5);
    assert.equal(steps[0].id, 'fill');
    for (const s of steps) {
      assert.ok(existsSync(join(root, s.media.markdown)), s.media.markdown);
      const links = [...s.description.matchAll(/\(command:([\w.-]+)\)/g)].map((m: RegExpMatchArray) => m[1]);
      assert.ok(links.length >= 1, `${s.id} has a button`);
      for (const l of links) assert.ok(contributed.has(l), `${s.id}: ${l} is contributed`);
      assert.equal(s.completionEvents.length, 1);
      const key = /^onContext:(.+)$/.exec(s.completionEvents[0])?.[1];
      assert.ok(key && contextKeys.has(key), `${s.id}: ${s.completionEvents[0]}`);
    }
  });

  test('the client sets every context key the walkthrough waits for', () => {
    const sources = ['extension.ts', 'cluster-commands.ts', 'placeholders.ts', 'deploy-command.ts'].map((f) => readFileSync(join(root, 'client', 'src', f), 'utf8')).join('\n');
    const byName = Object.entries(CONTEXT_KEYS);
    for (const s of walkthroughs[0].steps) {
      const key = s.completionEvents[0].replace('onContext:', '');
      const name = byName.find(([, v]) => v === key)![0];
      assert.ok(new RegExp(`CONTEXT_KEYS\\.${name}\\b`).test(sources), `${key} is set by the client`);
    }
  });
});
