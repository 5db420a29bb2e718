// Named clusters in the editor, the plain part (client/src/named-clusters.ts): SecretStorage keys by name, the stored
// value read back defensively, what a request carries, the QuickPick's items (the workspace's own cluster first), and
// which clusters the view reads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ClusterListResult } from '../../server/src/lsp/constants';
import { clusterChoices, clusterSecretKey, namedParams, parseClusterSecret, viewTargets } from '../../client/src/named-clusters';

const dev = { name: 'dev', mesos: 'http://10.0.0.1:5050', marathon: 'http://10.0.0.1:8080', from: 'file' as const };
const prod = { name: 'Prod', mesos: 'https://m:5050', marathon: 'https://ma:8443', marathonUser: 'deployer', from: 'settings' as const };
const list = (configCluster: string | null = null): ClusterListResult => ({ clusters: [dev, prod], problems: [], configCluster });

test('clusterSecretKey: by name, case-insensitively (names are unique so)', () => {
  assert.equal(clusterSecretKey('Prod'), 'sysdig-mesos.cluster.prod');
  assert.equal(clusterSecretKey('prod'), clusterSecretKey('PROD'));
});

test('parseClusterSecret: the stored JSON, each service kept only with a user; anything malformed is nothing', () => {
  assert.deepEqual(parseClusterSecret(JSON.stringify({ marathon: { user: 'u', password: 'p' }, mesos: { user: '', password: 'x' } })), { marathon: { user: 'u', password: 'p' } });
  assert.deepEqual(parseClusterSecret(JSON.stringify({ mesos: { user: 'm' } })), { mesos: { user: 'm', password: '' } });
  for (const bad of [undefined, '', '{', 'null', '"x"', '[1]', JSON.stringify({ marathon: 'u:p' })]) assert.deepEqual(parseClusterSecret(bad), {}, String(bad));
});

test('namedParams: the entry and the stored credentials; nothing stored, no credentials field', () => {
  assert.deepEqual(namedParams(prod, {}), { name: 'Prod', mesos: 'https://m:5050', marathon: 'https://ma:8443', marathonUser: 'deployer' });
  assert.deepEqual(namedParams(dev, { marathon: { user: 'u', password: 'p' } }).credentials, { marathon: { user: 'u', password: 'p' } });
});

test('clusterChoices: the workspace\'s own cluster first (the default), then every named cluster with where it is listed', () => {
  const items = clusterChoices(list(), 'deploy/dragent.yaml');
  assert.deepEqual(items.map((i) => [i.label, i.cluster?.name]), [
    ['$(file) deploy/dragent.yaml', undefined],
    ['$(server-environment) dev', 'dev'],
    ['$(server-environment) Prod', 'Prod'],
  ]);
  assert.equal(items[2].detail, 'Mesos https://m:5050 · from the sysdig-mesos.clusters setting');
  assert.equal(clusterChoices(list('dev'), 'dragent.yaml')[0].description, 'same Marathon as dev');
  assert.equal(clusterChoices(list(), undefined)[0].label, "$(file) The workspace's defaults");
  // no named cluster: one item, which pickCluster takes without asking
  assert.equal(clusterChoices({ clusters: [], problems: [], configCluster: null }, 'dragent.yaml').length, 1);
});

test('viewTargets: every named cluster; the workspace\'s own unless a named one has its Marathon', () => {
  assert.deepEqual(viewTargets(list(), true), { own: true, named: [dev, prod] });
  assert.deepEqual(viewTargets(list('dev'), true), { own: false, named: [dev, prod] });
  assert.deepEqual(viewTargets(list(), false), { own: false, named: [dev, prod] });
});
