// Named clusters (issue 13 §2), the pure part: the list read and checked, the two lists merged, a name found, the
// environment's variables named and read, credentials put in a URI — service/clusters.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import {
  CLUSTER_NAME_PATTERN,
  clusterCredentialsFromEnv,
  clusterEnvNames,
  envPart,
  findCluster,
  mergeClusterLists,
  readClusterList,
  uriHasPassword,
  uriWithCredentials,
} from '../../server/src/service/clusters';
import { readConfig } from '../../server/src/service/features/suppression';
import { parseClusterUri } from '../../server/src/cluster/http';
import { projectRoot } from '../helpers/paths';

const dev = { name: 'dev', mesos: 'http://10.0.0.1:5050', marathon: 'http://10.0.0.1:8080' };
const prod = { name: 'prod-eu', mesos: 'https://m.prod:5050', marathon: 'https://ma.prod:8443', marathonUser: 'deployer', app: 'prod/sysdig.json' };

test('readClusterList: a good list is read as written; nothing given is an empty list', () => {
  assert.deepEqual(readClusterList([dev, prod]), { clusters: [dev, prod], problems: [] });
  assert.deepEqual(readClusterList(undefined), { clusters: [], problems: [] });
});

test('readClusterList: bad names, duplicates (also case- and punctuation-wise: same variables), bad URIs — each entry with a problem is left out', () => {
  const r = readClusterList(
    [
      dev,
      { ...dev, name: 'DEV' },
      { ...dev, name: 'prod.eu' },
      { ...dev, name: 'prod_eu' },
      { ...dev, name: '-x' },
      { ...dev, name: 'a b' },
      { ...dev, name: 'x'.repeat(41) },
      { ...dev, name: 'ünicode' },
      { ...dev, name: 'ok1', mesos: 'ftp://x' },
      { ...dev, name: 'ok2', marathon: 10 },
      { ...dev, name: 'ok3', extra: 1 },
      { ...dev, name: 'ok4', marathonPassword: 'x' },
      'dev',
    ],
    'clusters',
  );
  assert.deepEqual(r.clusters.map((c) => c.name), ['dev', 'prod.eu']);
  assert.equal(r.problems.length, 11, r.problems.join('\n'));
  assert.match(r.problems[0], /^clusters\[1\]\.name "DEV" is already used by "dev" \(the same environment variables, SYSDIG_MESOS_DEV_MARATHON_PASSWORD\): names must be unique$/);
  assert.match(r.problems[1], /^clusters\[3\]\.name "prod_eu" is already used by "prod\.eu"/);
  for (const i of [2, 3, 4, 5]) assert.match(r.problems[i], /\.name must be a short identifier/);
  assert.match(r.problems[6], /^clusters\[8\]\.mesos must be an http:\/\/ or https:\/\/ URI/);
  assert.match(r.problems[7], /^clusters\[9\]\.marathon must be/);
  assert.match(r.problems[8], /^clusters\[10\]: unknown property "extra"$/);
  // a password-looking key is refused with where credentials go
  assert.match(r.problems[9], /^clusters\[11\]: unknown property "marathonPassword" \(credentials never go in the list: in the CLI set SYSDIG_MESOS_OK4_MARATHON_PASSWORD/);
  assert.match(r.problems[10], /^clusters\[12\] must be an object/);
  assert.deepEqual(readClusterList({}).problems, ['clusters must be a list of clusters ({ "name", "mesos", "marathon" })']);
});

test('readClusterList: a password in a URI is refused, pointing to the environment and the editor command; a user alone is fine', () => {
  const r = readClusterList([{ ...dev, marathon: 'http://ops:s3cret@10.0.0.1:8080' }, { ...dev, name: 'b', mesos: 'http://ops:p%40ss/w@10.0.0.1:5050' }, { ...dev, name: 'c', mesos: 'http://ops@10.0.0.1:5050' }]);
  assert.deepEqual(r.clusters.map((c) => c.name), ['c']);
  assert.match(r.problems[0], /^clusters\[0\]\.marathon holds a password: credentials never go in the list: in the CLI set SYSDIG_MESOS_DEV_MARATHON_PASSWORD \(and SYSDIG_MESOS_DEV_MESOS_PASSWORD\), in VS Code run "Sysdig Mesos: Set Cluster Credentials…"$/);
  assert.match(r.problems[1], /^clusters\[1\]\.mesos holds a password/);
  // the message never quotes the password
  assert.ok(!r.problems.join('\n').includes('s3cret'));
  assert.equal(uriHasPassword('http://u@h'), false);
  assert.equal(uriHasPassword('http://u:@h'), true);
  assert.equal(uriHasPassword('http://h:8080'), false);
});

test('readConfig takes clusters; its problems are the file\'s problems; the schema agrees (ajv) on what a schema can say', () => {
  assert.deepEqual(readConfig({ clusters: [dev] }), { config: { clusters: [dev] }, problems: [] });
  assert.match(readConfig({ clusters: [{ ...dev, marathon: 'http://a:b@h' }] }).problems[0], /holds a password/);
  const schema = JSON.parse(readFileSync(join(projectRoot(), 'schemas', 'sysdig-mesos-config.schema.json'), 'utf8'));
  const ajv = new Ajv({ strict: true, allErrors: true });
  ajv.addVocabulary(['patternErrorMessage']);
  const validate = ajv.compile(schema);
  const samples: unknown[] = [
    { clusters: [dev, prod] },
    { clusters: [{ ...dev, marathon: 'http://ops:s3cret@10.0.0.1:8080' }] },
    { clusters: [{ ...dev, mesos: 'http://ops@10.0.0.1:5050' }] },
    { clusters: [{ ...dev, name: '-x' }] },
    { clusters: [{ ...dev, name: 'x'.repeat(41) }] },
    { clusters: [{ ...dev, mesos: 'ftp://x' }] },
    { clusters: [{ ...dev, mesos: ' http://x' }] },
    { clusters: [{ name: 'a', mesos: 'http://x' }] },
    { clusters: [{ ...dev, marathonUser: '' }] },
    { clusters: [{ ...dev, app: 'a\nb' }] },
    { clusters: [{ ...dev, other: 1 }] },
    { clusters: {} },
  ];
  for (const s of samples) {
    const ok = validate(s) as boolean;
    const { problems } = readConfig(s);
    assert.equal(problems.length === 0, ok, `${JSON.stringify(s)}: ajv ${ok}, readConfig ${JSON.stringify(problems)}`);
  }
  assert.equal(schema.properties.clusters.items.properties.name.pattern, CLUSTER_NAME_PATTERN);
});

test('mergeClusterLists: by name, the file wins over the setting; the setting adds the names the file lacks', () => {
  const fromSettings = [{ ...dev, mesos: 'http://other:5050' }, { name: 'PROD-EU', mesos: 'http://s', marathon: 'http://s' }, { name: 'qa', mesos: 'http://q:5050', marathon: 'http://q:8080' }];
  const merged = mergeClusterLists([dev, prod], fromSettings);
  assert.deepEqual(merged.map((c) => [c.name, c.from, c.mesos]), [
    ['dev', 'file', 'http://10.0.0.1:5050'],
    ['prod-eu', 'file', 'https://m.prod:5050'],
    ['qa', 'settings', 'http://q:5050'],
  ]);
});

test('findCluster: exact, else case-insensitive; an unknown name lists the known ones; hostile names quoted and cut', () => {
  assert.equal((findCluster([dev, prod], 'PROD-EU', 'x') as { cluster: { name: string } }).cluster.name, 'prod-eu');
  assert.deepEqual(findCluster([dev, prod], 'qa', '.sysdig-mesos.json'), { problem: 'no cluster "qa" in .sysdig-mesos.json: known clusters are dev, prod-eu' });
  assert.match((findCluster([], 'qa', 'f.json') as { problem: string }).problem, /^no cluster "qa": f\.json lists no clusters/);
  const hostile = (findCluster([dev], `a\n${'b'.repeat(100)}`, 'x') as { problem: string }).problem;
  assert.ok(!hostile.includes('\n') && hostile.length < 140, hostile);
});

test('clusterEnvNames: NAME upper-cased, every character but A-Z and 0-9 as _ (hostile names too)', () => {
  assert.deepEqual(clusterEnvNames('prod-eu'), {
    mesosUser: 'SYSDIG_MESOS_PROD_EU_MESOS_USER',
    mesosPassword: 'SYSDIG_MESOS_PROD_EU_MESOS_PASSWORD',
    marathonUser: 'SYSDIG_MESOS_PROD_EU_MARATHON_USER',
    marathonPassword: 'SYSDIG_MESOS_PROD_EU_MARATHON_PASSWORD',
  });
  assert.equal(envPart('dev.1'), 'DEV_1');
  for (const hostile of ['a=b', 'x;rm -rf /', '$(id)', 'ü', 'ß', '\u0000', 'a\nb', '𝄞', 'İ']) {
    const names = Object.values(clusterEnvNames(hostile));
    for (const n of names) assert.match(n, /^SYSDIG_MESOS_[A-Z0-9_]+_(MESOS|MARATHON)_(USER|PASSWORD)$/, `${JSON.stringify(hostile)} → ${n}`);
  }
});

test('clusterCredentialsFromEnv: passwords from the environment, users from it or the list; a password without a user is a problem', () => {
  const env = { SYSDIG_MESOS_PROD_EU_MARATHON_PASSWORD: 'pw1', SYSDIG_MESOS_PROD_EU_MESOS_USER: 'm', SYSDIG_MESOS_PROD_EU_MESOS_PASSWORD: 'pw2' };
  assert.deepEqual(clusterCredentialsFromEnv(prod, env), { mesos: { user: 'm', password: 'pw2' }, marathon: { user: 'deployer', password: 'pw1' } });
  assert.deepEqual(clusterCredentialsFromEnv(prod, { ...env, SYSDIG_MESOS_PROD_EU_MARATHON_USER: 'other' }).marathon, { user: 'other', password: 'pw1' });
  assert.deepEqual(clusterCredentialsFromEnv(dev, {}), { mesos: undefined, marathon: undefined });
  assert.deepEqual(clusterCredentialsFromEnv({ ...dev, mesosUser: 'u' }, {}).mesos, { user: 'u', password: '' });
  const r = clusterCredentialsFromEnv(dev, { SYSDIG_MESOS_DEV_MARATHON_PASSWORD: 'pw' });
  assert.equal(r.problem, "SYSDIG_MESOS_DEV_MARATHON_PASSWORD is set but no user is: set SYSDIG_MESOS_DEV_MARATHON_USER, or marathonUser in the cluster's entry");
  // another cluster's variables are not this one's
  assert.deepEqual(clusterCredentialsFromEnv(dev, { SYSDIG_MESOS_PROD_EU_MARATHON_PASSWORD: 'pw' }), { mesos: undefined, marathon: undefined });
});

test('uriWithCredentials: percent-encoded user-info that the cluster client decodes back; a user-only URI gets them instead', () => {
  for (const password of ['s3cret', 'p@ss:w/o?r#d%', 'Ω€ 漢', '']) {
    const u = uriWithCredentials('http://10.0.0.1:8080/', { user: 'o:ps', password });
    assert.deepEqual(parseClusterUri(u, true).credentials, { user: 'o:ps', password });
    assert.equal(parseClusterUri(u, true).base, 'http://10.0.0.1:8080');
  }
  assert.equal(uriWithCredentials('http://old@h:1', { user: 'a', password: 'b' }), 'http://a:b@h:1');
  assert.equal(uriWithCredentials('http://h:1', undefined), 'http://h:1');
});
