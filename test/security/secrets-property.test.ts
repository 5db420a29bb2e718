// The property behind issue 10 §1: a password of any characters — printable ASCII, non-ASCII, `%xx`
// escapes — given in any place a secret can be given appears in no output: CLI text/json/sarif of lint,
// check and deploy (plan, diff, report), the language server's diagnostics, hover, code lens, code
// action titles, log and answers (the editor's check results, notifications and diff documents), and
// the pure functions behind them. Every password starts with a character no output has otherwise, so
// "absent" means masked even for a password of one character.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { redactUri, maskUserInfo, parseAgentUri } from '../../server/src/service/agent-uri';
import { Secrets } from '../../server/src/service/secrets';
import { uriWithCredentials } from '../../server/src/service/clusters';
import { encodeForEcho } from '../../server/src/service/embedded/embedded-text';
import { DeployError, marathonTarget, planDeploy, prepareApp, sendApp, diffApps } from '../../server/src/cluster/index';
import {
  CLUSTER_CHECK_REQUEST,
  EFFECTIVE_CONFIG_REQUEST,
  DEPLOY_FOLLOW_REQUEST,
  DEPLOY_PLAN_REQUEST,
  DEPLOY_PROGRESS_NOTIFICATION,
  TASK_LOG_REQUEST,
  TASK_LOG_TEXT_NOTIFICATION,
  type TaskLogTextParams,
  DEPLOY_SEND_REQUEST,
  type ClusterCheckResult,
  type DeployFollowResult,
  type DeployPlanResult,
  type DeployProgressParams,
  type DeploySendResult,
} from '../../server/src/lsp/constants';
import { checkNotice, reportLines } from '../../client/src/cluster-report';
import { confirmation, outcomeText, progressText, rollbackOutcome, rollbackWaitEnd } from '../../client/src/deploy-text';
import { clientPool } from '../lsp/client-pool';
import { APP, assertAbsent, cli, echoServer, file, marathon } from './helpers';

const { client } = clientPool();

const printable = fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c));
const nonAscii = fc.oneof(
  fc.integer({ min: 0xa0, max: 0xd7ff }).map((c) => String.fromCharCode(c)),
  fc.constantFrom('€', 'ä', '漢', '𝄞', '\u00a0'),
);
const escape = fc.integer({ min: 0, max: 255 }).map((b) => '%' + b.toString(16).padStart(2, '0').toUpperCase());
/** a first character that no output holds by itself (so absence is meaningful at any length) */
const marker = fc.constantFrom('Ω', 'Ж', 'ǂ', '₪', 'ꙮ');
const password = fc.tuple(marker, fc.array(fc.oneof({ weight: 4, arbitrary: printable }, { weight: 1, arbitrary: nonAscii }, { weight: 1, arbitrary: escape }), { maxLength: 14 })).map(([m, rest]) => m + rest.join(''));

/**
 * The credential a real Marathon must have been configured with for this client's Basic header to match, or
 * undefined when none can: Jetty decodes the header as ISO-8859-1 (a non-ASCII password arrives as the Latin-1
 * reading of its UTF-8 bytes), and `--http_credentials` is split at its last ':' so a password holding ':' can
 * never be configured (fake/marathon.ts, after chaos HttpModule.scala / Marathon HttpModule.scala). Such a
 * password must still never be shown: the deploy is then refused with a 401, and that path is checked instead.
 */
function asMarathonConfigured(pw: string): string | undefined {
  return pw.includes(':') ? undefined : Buffer.from(pw, 'utf8').toString('latin1');
}

/** every form of the password that would give it away */
function forms(pw: string): string[] {
  const out = new Set([pw, JSON.stringify(pw).slice(1, -1), encodeURIComponent(pw), Buffer.from(`ops:${pw}`).toString('base64')]);
  try {
    out.add(decodeURIComponent(pw));
  } catch {
    // not decodable: nothing to add
  }
  return [...out];
}

function absent(pw: string, channels: Record<string, string>): void {
  for (const f of forms(pw)) assertAbsent(f, channels);
}

/** fast-check reports the counterexample, not the assertion: this writes which check failed, and how */
function said<A extends unknown[]>(fn: (...a: A) => Promise<void> | void): (...a: A) => Promise<void> {
  return async (...a: A) => {
    try {
      await fn(...a);
    } catch (e) {
      process.stderr.write(`property failed for ${JSON.stringify(a)}: ${(e as Error).message.slice(0, 3000)}\n`);
      throw e;
    }
  };
}

/** a YAML double-quoted scalar (JSON's escapes are YAML's) */
const q = (s: string) => JSON.stringify(s);

/**
 * The agent app with the password as ACCESS_KEY and, in ADDITIONAL_CONF, as mesos_password and in a Marathon URI's
 * user-info: for `effective` (CLI and the editor's request). The YAML is written so that JSON then `echo -e` read
 * it back as it is (encodeForEcho), so the agent's password is exactly `pw`.
 */
function effectiveApp(pw: string, uri: string): string {
  const yaml = `mesos_password: ${q(pw)}\nmarathon_uris: [${q(uri)}]\nsecurity: {enabled: true}`;
  // a function, not a string: `$&` in a password is not a replacement pattern
  return APP.replace('"ACCESS_KEY=YOUR-ACCESS-KEY-HERE"', () => `${q(`ACCESS_KEY=${pw}`)} },\n        { "key": "env", "value": "ADDITIONAL_CONF=${encodeForEcho(yaml, 'json')}"`);
}

test('pure: redactUri, maskUserInfo, URI messages, maskDeep round trip, Jackson quotes (500 runs)', async () => {
  await fc.assert(
    fc.asyncProperty(password, said(async (pw: string) => {
      const uri = `http://ops:${pw}@127.0.0.1:5050/x`;
      const r = parseAgentUri(uri);
      const report = { ok: false, marathon: { uri, n: 1, b: true, z: null }, checks: [{ id: 'marathon.ping', status: 'fail', message: `${uri}: HTTP 500 (login ops:${pw})` }] };
      const masked = new Secrets().add(pw).addCredentials({ user: 'ops', password: pw }).maskDeep(report);
      const jackson = new Secrets().maskText(`Invalid JSON (Unexpected character at [Source: (String)"{\\"env\\": {\\"K\\": \\"${JSON.stringify(pw).slice(1, -1)}\\"}"; line: 1, column: 20])`);
      const out = JSON.stringify(masked);
      assert.deepEqual(JSON.parse(out).marathon.n, 1);
      assert.deepEqual(Object.keys(JSON.parse(out)), ['ok', 'marathon', 'checks']);
      assert.equal(JSON.parse(out).checks[0].id, 'marathon.ping');
      // in running text a URI ends at white space: one with a space in its password is masked where it is made (redactUri)
      const running = /\s/.test(pw) ? '' : maskUserInfo(`see ${uri} now`);
      // a named cluster's URI built from the environment's or SecretStorage's password (service/clusters.ts)
      const named = uriWithCredentials('http://127.0.0.1:8080', { user: 'ops', password: pw });
      absent(pw, { redactUri: redactUri(uri), maskUserInfo: running, message: r.ok ? '' : r.problem.message, report: out, jackson, 'named cluster URI': redactUri(named) + maskUserInfo(`see ${named}`) });
    })),
    { numRuns: 500, verbose: true },
  );
});

test('engine: prepare, the update diff and a 1.5+ Jackson error quoting the body (25 runs)', async () => {
  const m = await marathon({ profile: '1.5', role: 'leader' });
  await fc.assert(
    fc.asyncProperty(password, said(async (pw: string) => {
      const app = JSON.parse(APP);
      app.labels = { conn: 'u:${DB_PASSWORD}' };
      const prepared = prepareApp(JSON.stringify(app, null, 2), { env: { DB_PASSWORD: pw }, secrets: { accessKey: pw } });
      assert.ok(prepared.ok, JSON.stringify(prepared));
      if (!prepared.ok) return;
      const sent = JSON.parse(prepared.body);
      const diff = diffApps({ ...sent, instances: 1 }, sent, new Secrets().add(...prepared.secretValues), JSON.parse(prepared.redacted));
      const broken = `{"id": "sysdig-agent", "env": {"ACCESS_KEY": ${JSON.stringify(pw)}}, `;
      const plan = await planDeploy(marathonTarget(m.url), { ok: true, appId: '/sysdig-agent', instances: 1, body: broken, redacted: broken, filled: [], missing: [], secretValues: [pw] });
      const err = await sendApp(plan).then(
        () => 'sent',
        (e: unknown) => (e instanceof DeployError ? e.message + JSON.stringify(e.info) : String(e)),
      );
      assert.match(err, /Invalid JSON|Unexpected|rejected/);
      absent(pw, { redacted: prepared.redacted, diff: diff.before + diff.after, 'Jackson error': err });
    })),
    { numRuns: 25, verbose: true },
  );
});

test('CLI: lint text/json/sarif, check text/json (config and flags), deploy plan text/json, status/check/deploy --cluster with env passwords (25 runs)', async () => {
  const echo = await echoServer();
  await fc.assert(
    fc.asyncProperty(password, said(async (pw: string) => {
      const deployed = JSON.parse(APP.replace('YOUR-ACCESS-KEY-HERE', () => JSON.stringify(pw).slice(1, -1)));
      deployed.instances = 2;
      deployed.labels = { conn: `u:${pw}` };
      const configured = asMarathonConfigured(pw);
      const ma = await marathon({ profile: '1.4', role: 'leader', auth: { user: 'ops', password: configured ?? pw }, apps: { '/sysdig-agent': { instances: 2, taskHosts: ['a', 'b'], definition: deployed } } });
      const inUri = `http://ops:${pw}@127.0.0.1:${echo.port}`;
      const yaml = `customerid: x\nmesos_state_uri: ${q(inUri)}\nmesos_user: ops\nmesos_password: ${q(pw)}\nmarathon_uris: [${q(inUri)}]\nmarathon_user: ops\nmarathon_password: ${q(pw)}\n`;
      const cfg = file('dragent.yaml', yaml);
      const deployCfg = file('dragent.yaml', `customerid: x\nmarathon_uris: [${ma.url}]\nmarathon_user: ops\nmarathon_password: ${q(pw)}\n`);
      const app = JSON.parse(APP);
      app.labels = { conn: 'u:${DB_PASSWORD}' };
      const appFile = file('sysdig.json', JSON.stringify(app, null, 2));
      const env = { SYSDIG_ACCESS_KEY: pw, DB_PASSWORD: pw };
      // named clusters (issue 13 §2): the passwords from the environment, per cluster; the echo server answers them back
      const list = file('.sysdig-mesos.json', JSON.stringify({ clusters: [{ name: 'echo-1', mesos: `http://127.0.0.1:${echo.port}`, marathon: `http://127.0.0.1:${echo.port}`, mesosUser: 'ops', marathonUser: 'ops' }, { name: 'ma', mesos: `http://127.0.0.1:${echo.port}`, marathon: ma.url, mesosUser: 'ops', marathonUser: 'ops' }] }));
      const clusterEnv = { ...env, SYSDIG_MESOS_ECHO_1_MESOS_PASSWORD: pw, SYSDIG_MESOS_ECHO_1_MARATHON_PASSWORD: pw, SYSDIG_MESOS_MA_MARATHON_PASSWORD: pw, SYSDIG_MESOS_MA_MESOS_PASSWORD: pw };
      const effFile = file('sysdig.json', effectiveApp(pw, inUri));
      const runs = await Promise.all([
        cli(['lint', '--format', 'text', cfg]),
        cli(['lint', '--format', 'json', cfg]),
        cli(['lint', '--format', 'sarif', cfg]),
        cli(['check', '--config', cfg, '--timeout', '3000']),
        cli(['check', '--config', cfg, '--timeout', '3000', '--format', 'json']),
        cli(['check', '--mesos', inUri, '--marathon', inUri, '--timeout', '3000', '--format', 'json']),
        cli(['deploy', appFile, '--config', deployCfg], env),
        cli(['deploy', appFile, '--config', deployCfg, '--format', 'json'], env),
        cli(['deploy', appFile, '--marathon', inUri, '--format', 'json'], env),
        cli(['effective', effFile]),
        cli(['effective', '--format', 'json', effFile]),
        cli(['status', '--cluster', 'echo-1', '--clusters-file', list, '--timeout', '3000'], clusterEnv),
        cli(['status', '--cluster', 'echo-1', '--clusters-file', list, '--timeout', '3000', '--format', 'json'], clusterEnv),
        cli(['check', '--cluster', 'echo-1', '--clusters-file', list, '--timeout', '3000', '--format', 'json'], clusterEnv),
        cli(['deploy', appFile, '--cluster', 'ma', '--clusters-file', list], clusterEnv),
        cli(['deploy', appFile, '--cluster', 'ma', '--clusters-file', list, '--format', 'json'], clusterEnv),
      ]);
      const names = ['lint text', 'lint json', 'lint sarif', 'check text', 'check json', 'check flags', 'deploy text', 'deploy json', 'deploy --marathon', 'effective yaml', 'effective json', 'status --cluster', 'status --cluster json', 'check --cluster', 'deploy --cluster', 'deploy --cluster json'];
      const channels: Record<string, string> = {};
      runs.forEach((r, i) => (channels[names[i]] = r.stdout + '\n' + r.stderr));
      for (const i of [1, 2, 4, 7, 10, 12, 13, 15]) JSON.parse(runs[i].stdout);
      // the effective dragent.yaml is still shown: the password's places masked, the rest as written
      assert.equal(runs[9].code, 0, channels['effective yaml']);
      assert.match(runs[9].stdout, /^# ── ACCESS_KEY \(docker parameter\)\ncustomerid: \*\*\*\n# ── COLLECTOR \(docker parameter\)\ncollector: collector\.example\.com\n# ── ADDITIONAL_CONF, lines 1–3\nmesos_password: \*\*\*\nmarathon_uris: \["http:\/\/ops:\*\*\*@127\.0\.0\.1:\d+"\]\n/);
      // the named clusters were read (the echo answered 500: the credentials went, as a header)
      assert.equal(runs[11].code, 2, channels['status --cluster']);
      assert.equal(JSON.parse(runs[13].stdout).ok, false);
      if (configured !== undefined) assert.equal(JSON.parse(runs[15].stdout).leader, `127.0.0.1:${ma.port}`, channels['deploy --cluster json']);
      const dep = JSON.parse(runs[7].stdout);
      if (configured !== undefined) {
        assert.equal(runs[7].code, 2, channels['deploy json']);
        // valid JSON, and the values that are not secrets as they are without any masking
        assert.deepEqual([dep.ok, dep.action, dep.outcome, dep.unchanged, dep.source, dep.appId], [false, 'update', 'not-sent', false, 'config', '/sysdig-agent'], channels['deploy json']);
        assert.equal(dep.leader, `127.0.0.1:${ma.port}`);
      } else {
        // Marathon cannot hold this password: refused with 401, said in valid JSON, nothing sent
        assert.equal(runs[7].code, 1, channels['deploy json']);
        assert.equal(dep.ok, false);
        assert.match(channels['deploy json'], /401/);
        assert.equal(ma.requests.filter((r) => r.method === 'POST' || r.method === 'PUT').length, 0);
      }
      const chk = JSON.parse(runs[4].stdout);
      assert.deepEqual(Object.keys(chk), ['ok', 'mesos', 'marathon', 'app', 'checks']);
      assert.deepEqual([chk.ok, chk.mesos.source, chk.marathon.source, chk.app], [false, 'config', 'config', null]);
      for (const c of chk.checks) {
        assert.match(c.id, /^(mesos|marathon)\.[a-z-]+$/);
        assert.ok(['pass', 'warn', 'fail', 'skip'].includes(c.status), c.status);
      }
      absent(pw, channels);
      await ma.close();
    })),
    { numRuns: 25, verbose: true },
  );
});

test('LSP: diagnostics, hover, code lens, code actions, check results, deploy plan and diff, log (12 runs)', async () => {
  const echo = await echoServer();
  const c = await client();
  const progress: DeployProgressParams[] = [];
  c.connection.onNotification(DEPLOY_PROGRESS_NOTIFICATION, (p: DeployProgressParams) => void progress.push(p));
  let n = 0;
  await fc.assert(
    fc.asyncProperty(password, said(async (pw: string) => {
      const deployed = JSON.parse(APP.replace('YOUR-ACCESS-KEY-HERE', () => JSON.stringify(pw).slice(1, -1)));
      deployed.labels = { conn: `u:${pw}` };
      const configured = asMarathonConfigured(pw);
      const ma = await marathon({ profile: '1.4', role: 'leader', deploy: { clock: 'per-poll' }, auth: { user: 'ops', password: configured ?? pw }, apps: { '/sysdig-agent': { instances: 2, taskHosts: ['a', 'b'], definition: deployed } } });
      const inUri = `http://ops:${pw}@127.0.0.1:${echo.port}`;
      const yaml = `customerid: x\nmesos_state_uri: ${q(inUri)}\nmesos_user: ops\nmesos_password: ${q(pw)}\nmarathon_uris: [${q(inUri)}]\nmarathon_user: ops\nmarathon_password: ${q(pw)}\n`;
      const yamlUri = `file:///w${++n}/dragent.yaml`;
      const appUri = `file:///w${n}/sysdig.json`;
      const app = JSON.parse(APP);
      app.labels = { conn: 'u:${DB_PASSWORD}' };
      const appText = JSON.stringify(app, null, 2);
      await c.open(yamlUri, yaml);
      await c.open(appUri, appText);
      const diags = await c.waitForDiagnostics(yamlUri);
      const everyLine = yaml.split('\n').map((l, line) => ({ line, character: Math.min(l.length, 20) }));
      const hovers = await Promise.all(everyLine.map((position) => c.connection.sendRequest('textDocument/hover', { textDocument: { uri: yamlUri }, position })));
      const lenses = await c.connection.sendRequest('textDocument/codeLens', { textDocument: { uri: appUri } });
      const actions = await c.connection.sendRequest('textDocument/codeAction', {
        textDocument: { uri: yamlUri },
        range: { start: { line: 0, character: 0 }, end: { line: 8, character: 0 } },
        context: { diagnostics: diags.diagnostics },
      });
      const checks = await Promise.all(
        (['mesos', 'marathon'] as const).map((target) => c.connection.sendRequest(CLUSTER_CHECK_REQUEST, { target, config: { uri: yamlUri, text: yaml }, timeoutMs: 3000 }).catch((e: Error) => e.message)),
      );
      const plans = await Promise.all(
        [
          { marathon: ma.url, credentials: { user: 'ops', password: pw } }, // SecretStorage
          { marathon: `http://ops:${pw}@127.0.0.1:${ma.port}` }, // the setting, with user-info
          { config: { uri: yamlUri, text: `customerid: x\nmarathon_uris: [${ma.url}]\nmarathon_user: ops\nmarathon_password: ${q(pw)}\n` } },
        ].map((p) => c.connection.sendRequest(DEPLOY_PLAN_REQUEST, { app: { uri: appUri, text: appText }, accessKey: pw, variables: { DB_PASSWORD: pw }, ...p }).catch((e: Error) => e.message)),
      );
      const plan = plans[0] as DeployPlanResult | string;
      const clientTexts = checks.flatMap((r) => (typeof r === 'string' ? [r] : [...reportLines('Mesos', r as ClusterCheckResult, 1), JSON.stringify(checkNotice(r as ClusterCheckResult, true))]));
      let done: DeployFollowResult | undefined;
      if (configured !== undefined) {
        assert.ok(typeof plan === 'object' && plan.kind === 'plan', JSON.stringify(plans));
        // the update sent and followed: progress notifications and the outcome, then the client's texts
        const sent = (await c.connection.sendRequest(DEPLOY_SEND_REQUEST, { planId: plan.planId })) as DeploySendResult;
        assert.ok(sent.kind === 'sent', JSON.stringify(sent));
        done = (await c.connection.sendRequest(DEPLOY_FOLLOW_REQUEST, { planId: plan.planId, deploymentId: sent.deploymentId, version: sent.version, progressToken: `t${n}`, pollMs: 20 })) as DeployFollowResult;
        assert.equal(done.outcome, 'success', JSON.stringify(done));
        clientTexts.push(JSON.stringify(confirmation(plan)), ...progress.map(progressText), JSON.stringify(outcomeText(done, plan.appId)));
        // the texts of a rollback's end and of the wait for one, from the same answers
        clientTexts.push(JSON.stringify(rollbackOutcome(done, { appId: plan.appId, action: plan.action, previousVersion: plan.currentVersion, version: sent.version })), JSON.stringify(rollbackWaitEnd(done, plan.appId, sent.deploymentId)));
      } else {
        // Marathon cannot hold this password (asMarathonConfigured): every plan is refused with the 401, nothing sent
        assert.ok(plans.every((p) => typeof p === 'string'), JSON.stringify(plans));
        assert.match(plans[0] as string, /401 Unauthorized/, JSON.stringify(plans));
        assert.equal(ma.requests.filter((r) => r.method === 'POST' || r.method === 'PUT').length, 0);
      }
      // the effective dragent.yaml of an app holding the password (ACCESS_KEY, ADDITIONAL_CONF), and its diagnostics
      const effUri = `file:///w${n}/eff/sysdig.json`;
      await c.open(effUri, effectiveApp(pw, inUri));
      const effDiags = await c.waitForDiagnostics(effUri);
      const effective = await c.connection.sendRequest(EFFECTIVE_CONFIG_REQUEST, { uri: effUri });
      assert.ok(effective && typeof effective === 'object' && 'text' in effective, JSON.stringify(effective));
      await c.close(effUri);
      absent(pw, {
        'effective dragent.yaml': JSON.stringify(effective),
        "the effective app's diagnostics": JSON.stringify(effDiags),
        'deploy progress notifications': JSON.stringify(progress),
        'deploy outcome': JSON.stringify(done ?? null),
        "the client's texts (notifications, output channel, modal)": clientTexts.join('\n'),
        diagnostics: JSON.stringify(diags),
        hover: JSON.stringify(hovers),
        'code lens': JSON.stringify(lenses),
        'code action titles': JSON.stringify((actions as { title: string }[] | null)?.map((a) => a.title) ?? []),
        'check results': JSON.stringify(checks),
        'deploy plans and diffs': JSON.stringify(plans),
        log: c.logs.map((l) => l.message).join('\n'),
        stderr: c.stderr,
      });
      await c.close(yamlUri);
      await c.close(appUri);
      await ma.close();
    })),
    { numRuns: 12, verbose: true },
  );
});

test('CLI logs and the LSP taskLog: the task output holding the password and access key in every form, the cluster asking for them (15 runs)', async () => {
  const { clusterWithAgents } = await import('../cluster/deploy-helpers');
  // the editor's "Show Task Log": the same reads over LSP, its notifications and answers a channel of their own
  const lsp = await client();
  const texts: TaskLogTextParams[] = [];
  lsp.connection.onNotification(TASK_LOG_TEXT_NOTIFICATION, (p: TaskLogTextParams) => void texts.push(p));
  let logIds = 0;
  await fc.assert(
    fc.asyncProperty(
      // The log is outside text: a secret is found inside it only from MIN_SUBSTRING (4) characters on — a shorter one
      // would mask every word holding its letters (service/secrets.ts) — so the passwords here have at least 4, in every
      // form the test looks for (`Ω%20` decodes to two characters: shorter than any log masking can promise)
      password.filter((pw) => forms(pw).every((f) => f.length >= 4)),
      said(async (pw: string) => {
        // a replacer function: a password holding `$'` or `$&` must not be read as a replacement pattern
        const deployed = JSON.parse(APP.replace('YOUR-ACCESS-KEY-HERE', () => JSON.stringify(pw).slice(1, -1)));
        const configured = asMarathonConfigured(pw);
        const ma = await marathon({ profile: '1.4', role: 'leader', auth: { user: 'ops', password: configured ?? pw }, deploy: { agentHosts: ['10.0.2.121'] }, apps: { '/sysdig-agent': { instances: 1, taskHosts: ['10.0.2.121'], definition: deployed } } });
        const { mesos, agents } = await clusterWithAgents(ma, { user: 'ops', password: pw });
        const task = ma.store.apps.get('/sysdig-agent')!.tasks[0];
        // every form on lines of its own, and the text ending with a newline: LogLines masks whole lines (log-lines.ts)
        agents.write(task.id, 'stdout', forms(pw).map((f) => `form: ${f}\nuri http://ops:${f}@10.0.0.1:5050/x\n`).join('') + `ACCESS_KEY=${pw}\n`);
        agents.write(task.id, 'stderr', `marathon_password: ${pw}\n`);
        const cfgText = `customerid: ${q(pw)}\nmesos_state_uri: ${mesos.url}\nmesos_user: ops\nmesos_password: ${q(pw)}\nmarathon_uris: [${ma.url}]\nmarathon_user: ops\nmarathon_password: ${q(pw)}\n`;
        const cfg = file('dragent.yaml', cfgText);
        texts.length = 0;
        const [runs, answers] = await Promise.all([
          Promise.all([cli(['logs', '--config', cfg], { SYSDIG_ACCESS_KEY: pw }), cli(['logs', '--config', cfg, '--stderr']), cli(['logs', '--config', cfg, '--host', '10.0.2.121', '--tail', '3'])]),
          Promise.all(
            (['stdout', 'stderr'] as const).map((stream) =>
              lsp.connection.sendRequest(TASK_LOG_REQUEST, { logId: `p${++logIds}`, config: { uri: 'file:///w/dragent.yaml', text: cfgText }, taskId: task.id, stream }).catch((e: Error) => e.message),
            ),
          ),
        ]);
        const channels: Record<string, string> = {};
        runs.forEach((r, i) => (channels[`logs run ${i}`] = r.stdout + '\n' + r.stderr));
        channels['taskLog notifications'] = JSON.stringify(texts);
        channels['taskLog answers'] = JSON.stringify(answers);
        channels['LSP log'] = lsp.logs.map((l) => l.message).join('\n') + lsp.stderr;
        if (configured !== undefined && !pw.includes(':')) {
          for (const r of runs) assert.equal(r.code, 0, r.stderr);
          assert.match(runs[0].stdout, /^form: \*\*\*\n/);
          assert.deepEqual(answers, [{ kind: 'log', stopped: 'end' }, { kind: 'log', stopped: 'end' }]);
          assert.ok(texts.some((t) => t.text?.startsWith('form: ***\n')), channels['taskLog notifications']);
        }
        absent(pw, channels);
        await ma.close();
      }),
    ),
    { numRuns: 15, verbose: true },
  );
});
