// Hostile input: secret `${VAR}`s whose values hold `"` or `\` (JSON-escaped in the diff texts) or are
// shorter than 4 characters (never searched for before). Before the fix both showed in the update diff:
// the CLI's text, its JSON report, and the editor's diff documents (deployPlan's diff).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEPLOY_PLAN_REQUEST, type DeployPlanResult } from '../../server/src/lsp/constants';
import { clientPool } from '../lsp/client-pool';
import { APP, assertAbsent, cli, file, marathon } from './helpers';

const { client } = clientPool();
const KEY = 'b7c1d2e3-0000-4f00-8a00-5ecre7ac0e55';

/** the file: a label built from a secret ${VAR}; Marathon has the app with `onMarathon` in that label */
function scenario(onMarathon: string) {
  const fileApp = JSON.parse(APP);
  fileApp.labels = { ...fileApp.labels, conn: 'db://u:${DB_PASSWORD}', plain: 'x-${DB_PASSWORD}-y' };
  const deployed = JSON.parse(APP.replace('YOUR-ACCESS-KEY-HERE', KEY));
  deployed.instances = 2;
  deployed.labels = { ...deployed.labels, conn: `db://u:${onMarathon}`, plain: `x-${onMarathon}-y` };
  return { text: JSON.stringify(fileApp, null, 2), deployed };
}

const SECRETS = ['a"b\\c', 'ä"', '¤\\', '§', 'p"w\\d-long-enough'];

for (const secret of SECRETS) {
  for (const same of [true, false]) {
    test(`update diff with the \${VAR} secret ${JSON.stringify(secret)} (${same ? 'the same' : 'another'} value on Marathon): CLI text and json, editor diff`, async () => {
      const old = same ? secret : '¶µ';
      const { text, deployed } = scenario(old);
      const m = await marathon({ profile: '1.4', role: 'leader', apps: { '/sysdig-agent': { instances: 2, taskHosts: ['a', 'b'], definition: deployed } } });
      const app = file('sysdig.json', text);
      const env = { SYSDIG_ACCESS_KEY: KEY, DB_PASSWORD: secret };
      const t = await cli(['deploy', app, '--marathon', m.url], env);
      const j = await cli(['deploy', app, '--marathon', m.url, '--format', 'json'], env);
      assert.equal(t.code, 2, t.stdout + t.stderr);
      assert.equal(j.code, 2, j.stderr);
      const report = JSON.parse(j.stdout);
      assert.equal(report.action, 'update');
      // the diff is there, the secret masked on both sides and the rest of the string kept
      assert.match(report.diff.after, /"conn": "db:\/\/u:\*\*\*"/);
      assert.match(report.diff.after, /"plain": "x-\*\*\*-y"/);
      assert.match(report.diff.before, same ? /"plain": "x-\*\*\*-y"/ : /"plain": "\*\*\*"/);
      assert.match(t.stdout, /"instances": 3/);
      const c = await client();
      const p = (await c.connection.sendRequest(DEPLOY_PLAN_REQUEST, { app: { uri: 'file:///w/sysdig.json', text }, accessKey: KEY, variables: { DB_PASSWORD: secret }, marathon: m.url })) as DeployPlanResult;
      assert.equal(p.kind, 'plan');
      const channels = { 'cli text': t.stdout + t.stderr, 'cli json': j.stdout + j.stderr, 'editor diff': JSON.stringify(p), log: c.logs.map((l) => l.message).join('\n') };
      for (const s of [secret, JSON.stringify(secret).slice(1, -1), old, JSON.stringify(old).slice(1, -1)]) assertAbsent(s, channels);
    });
  }
}
