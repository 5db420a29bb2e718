// sysdig-mesos/effectiveConfig over real stdio (dist/server.js): the effective dragent.yaml of an open agent app,
// the same text as `sysdig-mesos effective`, the access key masked; deploy fills the client announced shown as
// filled at deploy; the conflict rule's diagnostic with its related location in the same document.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEPLOY_APP_COMMAND, EFFECTIVE_CONFIG_REQUEST, SECRET_STATE_NOTIFICATION, type EffectiveConfigResult } from '../../server/src/lsp/constants';
import { projectRoot } from './lsp-client';
import { clientPool } from './client-pool';
import { SAMPLE_ACCESS_KEY } from '../corpus/marathon-fixtures';

const { client, started } = clientPool();
const SECURE = join(projectRoot(), '..', 'shared', 'corpus', 'marathon-sysdig', 'draios__sysdig-cloud-scripts__agent_deploy__mesos__sysdig_secure.json');
const published = readFileSync(SECURE, 'utf8');

test('effectiveConfig: the published app, each line with its origin, the key masked; an edit is seen at once', async () => {
  const c = await client();
  const uri = 'file:///work/effective/sysdig.json';
  const text = published.replace('YOUR-ACCESS—KEY-HERE', SAMPLE_ACCESS_KEY);
  await c.open(uri, text);
  const r = (await c.connection.sendRequest(EFFECTIVE_CONFIG_REQUEST, { uri })) as EffectiveConfigResult;
  assert.ok('text' in r, JSON.stringify(r));
  assert.deepEqual(r.text.split('\n').slice(0, 8), [
    '# ── ACCESS_KEY (docker parameter)',
    'customerid: ***',
    '# ── COLLECTOR (docker parameter)',
    'collector: COLLECTOR-ADDRESS-HERE',
    '# ── ADDITIONAL_CONF, lines 1–3',
    'security: {enabled: true}',
    'commandlines_capture: {enabled: true}',
    'memdump: {enabled: true}',
  ]);
  assert.ok(!JSON.stringify(r).includes(SAMPLE_ACCESS_KEY));
  assert.deepEqual(r.lines.map((l) => l.key), ['customerid', 'collector', 'security', 'commandlines_capture', 'memdump']);

  await c.change(uri, [{ text: text.replace('memdump: {enabled: true}', 'memdump: {enabled: true}\\ntags: role:agent') }]);
  const after = (await c.connection.sendRequest(EFFECTIVE_CONFIG_REQUEST, { uri })) as EffectiveConfigResult;
  assert.ok('text' in after);
  assert.deepEqual(after.text.split('\n').slice(4, 10), ['# ── ADDITIONAL_CONF, lines 1–4', 'security: {enabled: true}', 'commandlines_capture: {enabled: true}', 'memdump: {enabled: true}', 'tags: role:agent', '']);
});

test('effectiveConfig: a stored access key fills the placeholder at deploy; errors for a closed or non-agent document', async () => {
  const c = await started({ initializationOptions: { clientCommands: [DEPLOY_APP_COMMAND] }, configuration: true, config: () => ({}) });
  await c.initialize();
  await c.connection.sendNotification(SECRET_STATE_NOTIFICATION, { accessKey: true });
  const uri = 'file:///work/effective2/sysdig.json';
  await c.open(uri, published.replace('YOUR-ACCESS—KEY-HERE', 'YOUR-ACCESS-KEY-HERE'));
  await c.waitForDiagnostics(uri);
  const r = (await c.connection.sendRequest(EFFECTIVE_CONFIG_REQUEST, { uri })) as EffectiveConfigResult;
  assert.ok('text' in r, JSON.stringify(r));
  assert.deepEqual(r.text.split('\n').slice(0, 2), ['# ── ACCESS_KEY, filled at deploy from', "#    VS Code's secret storage"]);
  assert.equal(r.text.split('\n')[2], 'customerid: ***');

  assert.deepEqual(await c.connection.sendRequest(EFFECTIVE_CONFIG_REQUEST, { uri: 'file:///work/effective2/closed.json' }), { error: 'the document is not open' });
  const other = 'file:///work/effective2/web.json';
  await c.open(other, published.replace('"sysdig/agent"', '"nginx"'));
  const e = (await c.connection.sendRequest(EFFECTIVE_CONFIG_REQUEST, { uri: other })) as EffectiveConfigResult;
  assert.match('error' in e ? e.error : '', /not the Sysdig agent's app/);
});

test('agent-app-env-conf-conflict over LSP: on the characters in the string, related information in the same document', async () => {
  const c = await client();
  const uri = 'file:///work/effective3/sysdig.json';
  const text = published.replace('memdump: {enabled: true}', 'memdump: {enabled: true}\\ncollector: other.example.com');
  await c.open(uri, text);
  const pushed = await c.waitForDiagnostics(uri, 1);
  const d = pushed.diagnostics.find((x) => x.code === 'agent-app-env-conf-conflict');
  assert.ok(d, JSON.stringify(pushed.diagnostics.map((x) => x.code)));
  const lines = text.split('\n');
  assert.equal(lines[d.range.start.line].slice(d.range.start.character, d.range.end.character), 'collector: other.example.com');
  assert.equal(d.relatedInformation?.length, 1);
  const rel = d.relatedInformation![0];
  assert.equal(rel.location.uri, uri);
  assert.equal(lines[rel.location.range.start.line].slice(rel.location.range.start.character, rel.location.range.end.character), '"COLLECTOR=COLLECTOR-ADDRESS-HERE"');
});
