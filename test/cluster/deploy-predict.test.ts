import { test } from 'node:test';
import assert from 'node:assert/strict';
import { predictUpgrade } from '../../server/src/cluster/deploy/predict';
import { dropUnknownFields } from '../../server/src/cluster/deploy/dropped';
import type { MesosAgentResources } from '../../server/src/cluster/mesos';

/** The stall prediction's arithmetic alone (predict.ts), and the fields Marathon drops (dropped.ts). */

const app = (o: Record<string, unknown> = {}) => ({ id: '/sysdig-agent', instances: 3, cpus: 1, mem: 500, constraints: [['hostname', 'UNIQUE']], portDefinitions: [{ port: 10000 }], ...o });
const tasks = ['a', 'b', 'c'].map((host) => ({ host }));
const agent = (hostname: string, usedCpus: number, ports = '[31000-32000]'): MesosAgentResources => ({
  id: hostname,
  hostname,
  resources: { cpus: 4, mem: 8192, disk: 10000, ports },
  used: { cpus: usedCpus, mem: 500, disk: 0, ports: '' },
});

test('not predicted where Marathon stops old tasks first (instances − ceil(instances × mhc) ≥ 1, TaskReplaceActor.scala:203-237 v1.4.13) or the app is not one per node', () => {
  assert.equal(predictUpgrade({ current: { tasks }, merged: app({ upgradeStrategy: { minimumHealthCapacity: 0.5 } }), agents: [] }), undefined);
  assert.equal(predictUpgrade({ current: { tasks }, merged: app({ constraints: [] }), agents: [] }), undefined);
  assert.notEqual(predictUpgrade({ current: { tasks }, merged: app({ constraints: [['hostname', 'MAX_PER', '1']] }), agents: [] }), undefined, 'MAX_PER 1 pins one per node too');
  assert.notEqual(predictUpgrade({ current: { tasks }, merged: app({ upgradeStrategy: { maximumOverCapacity: 0 } }), agents: [] }), undefined, 'a missing minimumHealthCapacity reads as 1 (Formats.scala UpgradeStrategyReads)');
});

test('1.1+: room beside every old task → finishes; beside some → may stall; none → stalls; a free node with room → finishes; ports count (ResourceMatcher.scala:175-180 v1.4.13)', () => {
  const v = (agents: MesosAgentResources[], version = '1.4.13') => predictUpgrade({ current: { tasks }, merged: app(), marathonVersion: version, agents })?.verdict;
  assert.equal(v([agent('a', 1), agent('b', 1), agent('c', 1)]), 'finishes');
  assert.equal(v([agent('a', 1), agent('b', 3.5), agent('c', 3.5)]), 'may-stall');
  assert.equal(v([agent('a', 3.5), agent('b', 3.5), agent('c', 3.5)]), 'stalls');
  assert.equal(v([agent('a', 3.5), agent('b', 3.5), agent('c', 3.5), agent('d', 0)]), 'finishes');
  assert.equal(v([agent('a', 1, ''), agent('b', 1, ''), agent('c', 1, '')]), 'stalls', 'no port left for the port definition');
  // 0.x counts the old tasks for UNIQUE (v0.15.7 ResourceMatcher.scala:79-83): room beside them does not help
  assert.equal(v([agent('a', 1), agent('b', 1), agent('c', 1)], '0.15.7'), 'stalls');
  assert.equal(predictUpgrade({ current: { tasks }, merged: app(), agents: 'no Mesos URI' })?.verdict, 'unknown');
});

test('dropped fields: unknown keys of closed objects (the app, container.docker, …) are named and left out; open objects (env, labels) keep theirs (Formats.scala AppDefinitionReads v1.4.13)', () => {
  const r = dropUnknownFields({ id: 'x', command: 'c', labels: { any: 'thing' }, env: { X: '1' }, container: { type: 'DOCKER', docker: { image: 'i', foo: 1 } } });
  assert.deepEqual(r.dropped.map((d) => d.pointer), ['/command', '/container/docker/foo']);
  assert.deepEqual(r.kept, { id: 'x', labels: { any: 'thing' }, env: { X: '1' }, container: { type: 'DOCKER', docker: { image: 'i' } } });
});
