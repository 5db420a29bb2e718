import { test } from 'node:test';
import assert from 'node:assert/strict';
import { agentApp, checkFiles, posOf } from '../helpers/workspace-tester';

const ID = 'workspace-delegated-agents';
const a = 'customerid: x\nmesos_state_uri: http://Master.example.com:5050\n';
const b = '# role b\nmesos_state_uri: "http://user:pw@master.example.com:5050/master/state.json"\n';

test(`${ID}: two dragent.yaml reading one remote master: a finding on each, linked to the other`, () => {
  const r = checkFiles([{ path: 'a/dragent.yaml', text: a }, { path: 'b/dragent.yaml', text: b }], ID);
  const fa = r.get('a/dragent.yaml')!;
  const fb = r.get('b/dragent.yaml')!;
  assert.equal(fa.length, 1);
  assert.equal(fb.length, 1);
  assert.deepEqual(fa[0].at, posOf(a, 'http://Master.example.com:5050'));
  assert.deepEqual(fb[0].at, posOf(b, '"http://user:pw@master.example.com:5050/master/state.json"'));
  assert.equal(fa[0].severity, 'warning');
  assert.match(fa[0].message, /master\.example\.com:5050/);
  assert.match(fa[0].message, /only one other agent/);
  // files of different folders, all named dragent.yaml: the other is named with its folder
  assert.match(fa[0].message, /so does `b\/dragent\.yaml`/);
  assert.deepEqual(fa[0].relatedAt.map((x) => ({ ...x, message: undefined })), [{ id: 'b/dragent.yaml', message: undefined, ...posOf(b, '"http://user:pw@master.example.com:5050/master/state.json"') }]);
  assert.deepEqual(fb[0].relatedAt.map((x) => x.id), ['a/dragent.yaml']);
  // the credentials of b's URI are never quoted
  for (const f of [...fa, ...fb]) assert.doesNotMatch(f.message + f.related!.map((x) => x.message).join(), /pw/);
});

test(`${ID}: no port means 5050, so http://m and http://m:5050 are one cluster; an agent app's ADDITIONAL_CONF counts`, () => {
  const app = agentApp({ params: ['ADDITIONAL_CONF=mesos_state_uri: http://m.example\\ncollector_port: 6443'] });
  const r = checkFiles([{ path: 'x/dragent.yaml', text: 'mesos_state_uri: http://M.EXAMPLE:5050\n' }, { path: 'x/sysdig.json', text: app }], ID);
  assert.equal(r.get('x/dragent.yaml')!.length, 1);
  const onApp = r.get('x/sysdig.json')!;
  assert.equal(onApp.length, 1);
  assert.deepEqual(onApp[0].at, posOf(app, '"ADDITIONAL_CONF=mesos_state_uri: http://m.example\\\\ncollector_port: 6443"'));
  assert.match(onApp[0].message, /`ADDITIONAL_CONF`/);
});

test(`${ID}: three configs: each names the other two`, () => {
  const t = 'mesos_state_uri: http://10.0.0.1:5050\n';
  const r = checkFiles([{ path: 'a/dragent.yaml', text: t }, { path: 'b/dragent.yaml', text: t }, { path: 'c/dragent.yaml', text: t }], ID);
  assert.deepEqual(r.get('b/dragent.yaml')![0].relatedAt.map((x) => x.id), ['a/dragent.yaml', 'c/dragent.yaml']);
});

test(`${ID}: valid: local masters, different clusters, different ports, one config, an unparsable URI`, () => {
  const cases = [
    ['mesos_state_uri: http://localhost:5050\n', 'mesos_state_uri: http://localhost:5050\n'],
    ['mesos_state_uri: http://127.0.0.1:5050\n', 'mesos_state_uri: http://127.0.0.1:5050\n'],
    ['mesos_state_uri: http://[::1]:5050\n', 'mesos_state_uri: http://[::1]:5050\n'],
    ['mesos_state_uri: http://m1:5050\n', 'mesos_state_uri: http://m2:5050\n'],
    ['mesos_state_uri: http://m1:5050\n', 'mesos_state_uri: http://m1:5051\n'],
    ['mesos_state_uri: http://m1:5050\n', 'collector: c\n'],
    ['mesos_state_uri: m1:5050\n', 'mesos_state_uri: m1:5050\n'],
  ];
  for (const [x, y] of cases) assert.equal(checkFiles([{ path: 'a/dragent.yaml', text: x }, { path: 'b/dragent.yaml', text: y }], ID).size, 0, `${x} / ${y}`);
});

test(`${ID}: a file's settings and .sysdig-mesos.json decide its own findings only`, () => {
  const t = 'mesos_state_uri: http://m:5050\n';
  const r = checkFiles([
    { path: 'a/dragent.yaml', text: t, settings: { rules: { [ID]: 'off' } } },
    { path: 'b/dragent.yaml', text: t, config: { rules: { [ID]: 'error' } } },
    { path: 'c/dragent.yaml', text: t, config: { ignore: [{ files: 'c/*', rules: [ID] }] } },
    { path: 'd/dragent.yaml', text: `# sysdig-mesos-disable-next-line ${ID}\n${t}` },
  ]);
  assert.deepEqual([...r.keys()], ['b/dragent.yaml']);
  assert.equal(r.get('b/dragent.yaml')![0].severity, 'error');
  // b still links to the others: they do read the same master
  assert.equal(r.get('b/dragent.yaml')![0].related!.length, 3);
});
