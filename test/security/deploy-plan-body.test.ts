// What was reviewed is what is sent (issue 10 §3): the body the plan shows is byte for byte the body the
// fake Marathon received, except the secret values the tool knows, each shown as `***`. Checked by masking
// the recorded body with exactly those values and comparing texts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixedApp, marathon, placeholderKeyApp, requestsTo, SECRET_KEY } from '../cluster/deploy-helpers';
import { files, startCli } from './cli-child';

const TOKEN = 'tok-91c2-77aa-secret';
/** an app with filled values of every kind: the key (SYSDIG_ACCESS_KEY), a secret ${VAR}, a plain ${VAR} */
const templated = placeholderKeyApp.replace('"labels" : {"role" : "monitoring", "name" : "sdc-agent" }', '"labels" : {"role" : "${TEAM}", "name" : "sdc-agent", "auth" : "Bearer ${API_TOKEN}" }');

/** `text` with every occurrence of each value replaced by *** (longest first, as the tool masks) */
function masked(text: string, values: string[]): string {
  let out = text;
  for (const v of [...values].sort((a, b) => b.length - a.length)) out = out.split(v).join('***');
  return out;
}

/** the body printed by `deploy` without --yes: the lines between the Plan line and "Nothing sent." */
function shownBody(stdout: string): string {
  const lines = stdout.split('\n');
  const from = lines.findIndex((l) => l.startsWith('Plan: create '));
  const to = lines.findIndex((l) => l.startsWith('Nothing sent.'));
  assert.ok(from >= 0 && to > from, stdout);
  return lines.slice(from + 1, to).join('\n');
}

test('CLI: the plan shown without --yes is the POST body sent with --yes, masked only for the key and the secret ${VAR}', async () => {
  assert.notEqual(templated, placeholderKeyApp);
  const m = await marathon({ profile: '1.4', role: 'leader', deploy: { clock: 'per-poll' } });
  const f = files({ 'sysdig.json': templated });
  const env = { TEAM: 'infra', API_TOKEN: TOKEN };
  const plan = await startCli(['deploy', f['sysdig.json'], '--marathon', m.url], env).exited;
  assert.equal(plan.code, 2, plan.stdout + plan.stderr);
  assert.ok(!plan.stdout.includes(TOKEN));
  const shown = shownBody(plan.stdout);
  const r = await startCli(['deploy', f['sysdig.json'], '--marathon', m.url, '--yes'], env).exited;
  assert.equal(r.code, 0, r.stdout + r.stderr);
  const posts = requestsTo(m, 'POST', '/v2/apps');
  assert.equal(posts.length, 1);
  const sent = posts[0].body;
  assert.ok(sent.includes(`ACCESS_KEY=${SECRET_KEY}`) && sent.includes(`Bearer ${TOKEN}`) && sent.includes('"role": "infra"'), sent);
  assert.equal(shown, masked(sent, [SECRET_KEY, TOKEN]));
});

test('CLI: a *** in the plan always stands for a secret value, a short one included (masked by its place, §1)', async () => {
  // A 3-character value is not searched for inside messages (it would mangle them), but a secret variable
  // is masked by its place whatever its length: the plan shows DB_PASSWORD=*** and `abc` was sent there.
  const app = fixedApp.replace('"COLLECTOR=collector.example.com" }', '"COLLECTOR=collector.example.com" },\n        { "key": "env", "value": "DB_PASSWORD=${DB_PASSWORD}" }');
  assert.notEqual(app, fixedApp);
  const m = await marathon({ profile: '1.4', role: 'leader', deploy: { clock: 'per-poll' } });
  const f = files({ 'sysdig.json': app });
  const plan = await startCli(['deploy', f['sysdig.json'], '--marathon', m.url], { DB_PASSWORD: 'abc' }).exited;
  const shown = shownBody(plan.stdout);
  assert.match(shown, /"value": "DB_PASSWORD=\*\*\*"/);
  assert.ok(!plan.stdout.includes('DB_PASSWORD=abc'), plan.stdout);
  const r = await startCli(['deploy', f['sysdig.json'], '--marathon', m.url, '--yes'], { DB_PASSWORD: 'abc' }).exited;
  assert.equal(r.code, 0, r.stdout + r.stderr);
  const sent = requestsTo(m, 'POST', '/v2/apps')[0].body;
  assert.ok(sent.includes('"value": "DB_PASSWORD=abc"'), sent);
  // the file's own access key and the short secret, each at its place: the only things masked
  const key = /ACCESS_KEY=([0-9a-f-]{36})/.exec(sent)![1];
  assert.equal(shown, masked(sent, [key]).replace('"value": "DB_PASSWORD=abc"', '"value": "DB_PASSWORD=***"'));
});
