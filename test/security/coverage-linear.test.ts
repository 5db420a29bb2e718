// Hostile cluster answers against the coverage model (issue 13): every task on one agent, or every agent without a
// task, used to cost a copy of the node's task list per task and a count of the agent nodes per missing node —
// quadratic. Four times the input must take about four times as long.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildCoverage, type CoverageInput } from '../../server/src/cluster/coverage';
import { growth, MAX_GROWTH_4X } from './timing';

function oneAgentManyTasks(n: number): CoverageInput {
  return {
    masters: [{ hostname: 'm', leader: true }],
    agents: [{ id: 'S0', hostname: 'a0' }],
    appId: '/sysdig-agent',
    app: { id: '/sysdig-agent', instances: n, tasks: Array.from({ length: n }, (_, i) => ({ id: `t${i}`, host: 'a0', slaveId: 'S0', state: 'TASK_RUNNING', startedAt: 'x' })) },
  };
}

function manyAgentsNoTask(n: number): CoverageInput {
  return {
    masters: [{ hostname: 'm', leader: true }],
    agents: Array.from({ length: n }, (_, i) => ({ id: `S${i}`, hostname: `a${i}` })),
    appId: '/sysdig-agent',
    app: { id: '/sysdig-agent', instances: 1, tasks: [] },
  };
}

for (const [name, make] of [
  ['20,000 tasks on one agent', oneAgentManyTasks],
  ['20,000 agents without a task', manyAgentsNoTask],
] as const) {
  test(`coverage model, ${name}: linear`, () => {
    const small = make(5_000);
    const large = make(20_000);
    assert.equal(buildCoverage(large).nodes.length, name.startsWith('20,000 tasks') ? 2 : 20_001);
    const g = growth(() => buildCoverage(small), () => buildCoverage(large));
    assert.ok(g < MAX_GROWTH_4X, `×${g.toFixed(1)} for 4× the input`);
  });
}
