import { test } from 'node:test';
import assert from 'node:assert/strict';
import { agentApp, checkFiles, posOf } from '../helpers/workspace-tester';

const ID = 'workspace-access-key-mismatch';
const KEY_A = '11111111-2222-3333-4444-555555555555';
const KEY_B = '99999999-8888-7777-6666-555555555555';

test(`${ID}: customerid and ACCESS_KEY differ in one folder: both files, linked, no key printed`, () => {
  const yaml = `customerid: ${KEY_A}\ncollector: collector.sysdigcloud.com\n`;
  const app = agentApp({ params: [`ACCESS_KEY=${KEY_B}`, 'COLLECTOR=collector.sysdigcloud.com'] });
  const r = checkFiles([{ path: 'prod/dragent.yaml', text: yaml }, { path: 'prod/sysdig.json', text: app }], ID);
  const onYaml = r.get('prod/dragent.yaml')!;
  const onApp = r.get('prod/sysdig.json')!;
  assert.equal(onYaml.length, 1);
  assert.equal(onApp.length, 1);
  assert.deepEqual(onYaml[0].at, posOf(yaml, KEY_A));
  assert.deepEqual(onApp[0].at, posOf(app, `"ACCESS_KEY=${KEY_B}"`));
  assert.deepEqual({ ...onYaml[0].relatedAt[0], message: '' }, { id: 'prod/sysdig.json', message: '', ...posOf(app, `"ACCESS_KEY=${KEY_B}"`) });
  assert.deepEqual({ ...onApp[0].relatedAt[0], message: '' }, { id: 'prod/dragent.yaml', message: '', ...posOf(yaml, KEY_A) });
  assert.match(onYaml[0].message, /`customerid` disagrees with `ACCESS_KEY` of `sysdig\.json`/);
  assert.match(onYaml[0].message, /the keys are not shown/);
  assert.equal(onYaml[0].severity, 'warning');
  const all = JSON.stringify([...r.values()]);
  assert.ok(!all.includes(KEY_A) && !all.includes(KEY_B) && !all.includes('55555555'), 'a key was printed');
});

test(`${ID}: collector differs (env object): the collectors are named`, () => {
  const yaml = 'collector: Collector-Eu.example.com\n';
  const app = agentApp({ env: { COLLECTOR: 'collector-us.example.com' } });
  const r = checkFiles([{ path: 'p/dragent.yaml', text: yaml }, { path: 'p/marathon.json', text: app }], ID);
  const onYaml = r.get('p/dragent.yaml')!;
  assert.deepEqual(onYaml[0].at, posOf(yaml, 'Collector-Eu.example.com'));
  assert.match(onYaml[0].message, /`collector` \(`collector-eu\.example\.com`\) disagrees with `COLLECTOR` of `marathon\.json` in the same folder \(which is `collector-us\.example\.com`/);
  assert.deepEqual(r.get('p/marathon.json')![0].at, posOf(app, '"collector-us.example.com"'));
});

test(`${ID}: valid: same values (case of the collector aside), other folders, subfolders, placeholders, \${VAR}s, no agent app`, () => {
  const yaml = `customerid: ${KEY_A}\ncollector: c.example.com\n`;
  const cases: [string, string, string, string][] = [
    ['f/dragent.yaml', yaml, 'f/sysdig.json', agentApp({ params: [`ACCESS_KEY=${KEY_A}`, 'COLLECTOR=C.example.com'] })],
    ['f/dragent.yaml', yaml, 'g/sysdig.json', agentApp({ params: [`ACCESS_KEY=${KEY_B}`] })],
    ['f/dragent.yaml', yaml, 'f/sub/sysdig.json', agentApp({ params: [`ACCESS_KEY=${KEY_B}`] })],
    ['f/dragent.yaml', yaml, 'f/sysdig.json', agentApp({ params: ['ACCESS_KEY=YOUR-ACCESS—KEY-HERE', 'COLLECTOR=COLLECTOR-ADDRESS-HERE'] })],
    ['f/dragent.yaml', yaml, 'f/sysdig.json', agentApp({ params: ['ACCESS_KEY=${SYSDIG_KEY}', 'COLLECTOR='] })],
    ['f/dragent.yaml', 'customerid:\n', 'f/sysdig.json', agentApp({ params: [`ACCESS_KEY=${KEY_B}`] })],
    ['f/dragent.yaml', yaml, 'f/other.json', '{ "id": "web", "container": { "docker": { "image": "nginx" } }, "env": { "ACCESS_KEY": "x" } }'],
    ['f/dragent.yaml', yaml, 'f/dragent2.yaml', `customerid: ${KEY_B}\n`],
  ];
  for (const [p1, t1, p2, t2] of cases) assert.equal(checkFiles([{ path: p1, text: t1 }, { path: p2, text: t2 }], ID).size, 0, `${p1} / ${p2}: ${t2}`);
});

test(`${ID}: two apps against one dragent.yaml: the dragent.yaml links both`, () => {
  const yaml = `customerid: ${KEY_A}\n`;
  const r = checkFiles([
    { path: 'f/dragent.yaml', text: yaml },
    { path: 'f/a.json', text: agentApp({ id: 'a', params: [`ACCESS_KEY=${KEY_B}`] }) },
    { path: 'f/b.json', text: agentApp({ id: 'b', params: [`ACCESS_KEY=${KEY_B}x`] }) },
  ], ID);
  const f = r.get('f/dragent.yaml')!;
  assert.equal(f.length, 1);
  assert.deepEqual(f[0].relatedAt.map((x) => x.id), ['f/a.json', 'f/b.json']);
  assert.match(f[0].message, /and 1 more file/);
});
