// `sysdig-mesos status` for a cluster of N agents (default 100) against the local fakes (a Mesos fake whose agents are
// the Marathon fake's, the agent app with a task on each): the time of the fetch and the model in-process, and of the
// whole CLI (a child process: start-up included). The view's first paint needs the same fetch and model (issue 13:
// within 1 s for 100 agents), measured too: the view's request over LSP stdio to dist/server.js (the first one loads the
// lazy cluster bundle) and the tree model of its answer. Prints numbers; it is not a test. Run: `node scripts/build.mjs && node dist-bench/status-bench.js [--agents N]`.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFakeMarathon } from '../test/cluster/fake/marathon';
import { startFakeMesos } from '../test/cluster/fake/mesos';
import { projectRoot } from '../test/helpers/paths';
import { runStatus } from '../server/src/cluster/status';
import { LspClient } from '../test/lsp/lsp-client';
import { CLUSTER_STATUS_REQUEST, type ClusterStatusResult } from '../server/src/lsp/constants';
import { clusterTree } from '../client/src/cluster-tree-model';

const argv = process.argv.slice(2);
const i = argv.indexOf('--agents');
const AGENTS = i >= 0 ? Number(argv[i + 1]) : 100;
const RUNS = 7;

const p50 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  const root = projectRoot();
  const appText = readFileSync(join(root, 'examples', 'fixed', 'sysdig.json'), 'utf8');
  const hosts = Array.from({ length: AGENTS }, (_, k) => `10.1.${Math.floor(k / 250)}.${(k % 250) + 1}`);
  // every agent but the last runs a task: one "not monitored" line, as a real cluster mid-scale
  const m = await startFakeMarathon({ profile: '1.7', role: 'leader', deploy: { agentHosts: hosts }, apps: { '/sysdig-agent': { instances: AGENTS - 1, taskHosts: hosts.slice(0, -1), definition: JSON.parse(appText) } } });
  const mesos = await startFakeMesos({
    profile: '1.2',
    role: 'leader',
    agents: () => m.store.agents.map((a) => ({ id: a.id, hostname: a.hostname, resources: { cpus: a.cpus, mem: a.mem, disk: a.disk, ports: '[31000-32000]' }, used: { cpus: 1, mem: 500, disk: 0, ports: '' } })),
  });
  try {
    const input = { mesos: mesos.url, marathon: m.url, app: { file: 'sysdig.json', text: appText } };
    const times: number[] = [];
    let nodes = 0;
    let missing = 0;
    for (let r = 0; r < RUNS + 1; r++) {
      const t0 = performance.now();
      const rep = await runStatus(input);
      if (r > 0) times.push(performance.now() - t0); // the first warms the JIT and the fakes
      nodes = rep.coverage.nodes.length;
      missing = rep.coverage.counts.notMonitored;
    }
    const bodies = m.requests.filter((q) => q.url.startsWith('/v2/apps/')).length;
    console.log(`status, ${AGENTS} agents (${nodes} nodes, ${missing} not monitored), ${RUNS} runs after a warm-up; ${bodies} app requests made`);
    console.log(`  in-process: fetch (Mesos state, the app, deployments in parallel) + model   p50 ${p50(times).toFixed(1).padStart(7)} ms   max ${Math.max(...times).toFixed(1).padStart(7)} ms`);
    const cli: number[] = [];
    for (let r = 0; r < 3; r++) {
      const t0 = performance.now();
      // a child process, waited for without blocking: the fakes answer from this process
      await new Promise<void>((done, fail) => {
        const p = spawn(process.execPath, [join(root, 'dist', 'cli.js'), 'status', '--mesos', mesos.url, '--marathon', m.url, '--format', 'json'], { stdio: 'ignore' });
        p.on('error', fail);
        p.on('close', () => done());
      });
      cli.push(performance.now() - t0);
    }
    console.log(`  CLI (node dist/cli.js status --format json, start-up included)               p50 ${p50(cli).toFixed(1).padStart(7)} ms   max ${Math.max(...cli).toFixed(1).padStart(7)} ms`);

    // the view's first paint: sysdig-mesos/clusterStatus over stdio (a started server), then the tree model
    const c = await LspClient.start();
    try {
      await c.initialize();
      const params = { config: { uri: 'file:///w/dragent.yaml', text: `mesos_state_uri: ${mesos.url}\nmarathon_uris: [${m.url}]\n` }, app: { uri: 'file:///w/sysdig.json', text: appText } };
      const paint = async () => {
        const t0 = performance.now();
        const r = (await c.connection.sendRequest(CLUSTER_STATUS_REQUEST, params)) as ClusterStatusResult;
        const t1 = performance.now();
        const tree = clusterTree({ trusted: true, clusters: [{ name: 'dragent.yaml', state: { kind: 'answer', result: r, at: Date.now() } }] }, Date.now());
        const t2 = performance.now();
        if (r.kind !== 'status' || !tree[0].children) throw new Error(`no status: ${JSON.stringify(r).slice(0, 200)}`);
        return { request: t1 - t0, model: t2 - t1, items: JSON.stringify(tree).match(/"id":/g)!.length };
      };
      const first = await paint();
      const warm: { request: number; model: number; items: number }[] = [];
      for (let r = 0; r < RUNS; r++) warm.push(await paint());
      console.log(`  view, first paint (LSP request, lazy cluster bundle loaded, + tree model)      request ${first.request.toFixed(1).padStart(7)} ms   model ${first.model.toFixed(1).padStart(5)} ms   ${first.items} items`);
      console.log(`  view, refresh (LSP request + tree model)                                     p50 ${p50(warm.map((w) => w.request + w.model)).toFixed(1).padStart(7)} ms   max ${Math.max(...warm.map((w) => w.request + w.model)).toFixed(1).padStart(7)} ms   model p50 ${p50(warm.map((w) => w.model)).toFixed(2)} ms`);
    } finally {
      c.kill();
    }
  } finally {
    await m.close();
    await mesos.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
