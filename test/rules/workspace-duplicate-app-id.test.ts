import { test } from 'node:test';
import assert from 'node:assert/strict';
import { agentApp, checkFiles, posOf } from '../helpers/workspace-tester';

const ID = 'workspace-duplicate-app-id';

test(`${ID}: /sysdig-agent and sysdig-agent in one folder: both files, linked`, () => {
  const a = agentApp({ id: '/sysdig-agent' });
  const b = agentApp({ id: 'sysdig-agent/' });
  const r = checkFiles([{ path: 'x/a.json', text: a }, { path: 'x/b.json', text: b }], ID);
  const fa = r.get('x/a.json')!;
  const fb = r.get('x/b.json')!;
  assert.deepEqual(fa[0].at, posOf(a, '"/sysdig-agent"'));
  assert.deepEqual(fb[0].at, posOf(b, '"sysdig-agent/"'));
  assert.equal(fa[0].severity, 'warning');
  assert.match(fa[0].message, /`\/sysdig-agent` is also the id of the agent app in `b\.json`/);
  assert.deepEqual({ ...fa[0].relatedAt[0], message: '' }, { id: 'x/b.json', message: '', ...posOf(b, '"sysdig-agent/"') });
  assert.deepEqual(fb[0].relatedAt.map((x) => x.id), ['x/a.json']);
});

test(`${ID}: valid: other ids, other folders, subfolders, apps that are not the agent`, () => {
  const other = '{ "id": "sysdig-agent", "container": { "docker": { "image": "nginx" } } }';
  const cases: [string, string, string, string][] = [
    ['x/a.json', agentApp({ id: 'a' }), 'x/b.json', agentApp({ id: 'b' })],
    ['x/a.json', agentApp(), 'y/a.json', agentApp()],
    ['x/a.json', agentApp(), 'x/sub/a.json', agentApp()],
    ['x/a.json', agentApp(), 'x/b.json', other],
  ];
  for (const [p1, t1, p2, t2] of cases) assert.equal(checkFiles([{ path: p1, text: t1 }, { path: p2, text: t2 }], ID).size, 0, `${p1} / ${p2}`);
});
