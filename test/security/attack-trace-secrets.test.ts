// SecretStorage credentials in the message trace (issue 10 §1, found after the fixes). With
// `sysdig-mesos.trace.server: verbose` the language client writes each request's parameters into the
// output channel; the deploy plan request carries the access key and the Marathon credentials read from
// VS Code's secret storage, so they were written there in clear — into the log a user pastes into a bug
// report. The client now gives the language client a masking trace channel (client/src/trace-mask.ts).
// Driven here by vscode-jsonrpc's own tracer, in both of its formats, as the language client wires it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, Trace, TraceFormat } from 'vscode-jsonrpc/node';
import { DEPLOY_PLAN_REQUEST, FILL_PLACEHOLDER_REQUEST } from '../../server/src/lsp/constants';
import { maskingChannel } from '../../client/src/trace-mask';
import { assertAbsent } from './helpers';

const ACCESS_KEY = 'b7c1d2e3-0000-4f00-8a00-5ecre7ac0e55';
// quotes and a backslash: JSON escapes them inside the trace, the masking must still find the end
const PASSWORD = 'tr"ace\\pw-S3cret';

/** A LogOutputChannel as far as the language client uses it for the trace. */
function fakeChannel() {
  const lines: string[] = [];
  return {
    lines,
    name: 'Sysdig Mesos',
    logLevel: 1,
    trace: (s: string) => lines.push(s),
    info: (s: string) => lines.push(s),
    appendLine: (s: string) => lines.push(s),
  };
}

for (const format of [TraceFormat.Text, TraceFormat.JSON]) {
  test(`trace (${format}): the deploy request's access key and Marathon password from secret storage never reach the channel`, async () => {
    const c2s = new PassThrough();
    const s2c = new PassThrough();
    const server = createMessageConnection(new StreamMessageReader(c2s), new StreamMessageWriter(s2c));
    const client = createMessageConnection(new StreamMessageReader(s2c), new StreamMessageWriter(c2s));
    server.onRequest(DEPLOY_PLAN_REQUEST, () => ({ planId: 'p1' }));
    server.listen();
    const channel = fakeChannel();
    const masked = maskingChannel(channel);
    // what LanguageClient's tracer does: a text message and its data joined, or the object as JSON
    await client.trace(Trace.Verbose, { log: (m: string | object, data?: string) => masked.trace(typeof m === 'string' ? (data ? `${m}\n${data}` : m) : JSON.stringify(m)) }, { traceFormat: format });
    client.listen();
    const params = {
      app: { uri: 'file:///w/sysdig.json', text: '{"id": "/sysdig-agent"}' },
      marathon: `http://deployer:${encodeURIComponent(PASSWORD)}@marathon:8080`,
      accessKey: ACCESS_KEY,
      credentials: { user: 'deployer', password: PASSWORD },
      variables: {},
    };
    assert.deepEqual(await client.sendRequest(DEPLOY_PLAN_REQUEST, params), { planId: 'p1' });
    client.dispose();
    server.dispose();
    const trace = channel.lines.join('\n');
    // the trace is there and names the request with its user: only the secrets are gone
    assert.match(trace, /sysdig-mesos\/deployPlan/);
    assert.match(trace, /deployer/);
    for (const secret of [ACCESS_KEY, PASSWORD, JSON.stringify(PASSWORD).slice(1, -1), encodeURIComponent(PASSWORD), 'S3cret']) assertAbsent(secret, { trace });
  });
}

for (const format of [TraceFormat.Text, TraceFormat.JSON]) {
  test(`trace (${format}): the fill-in box's password step (sent as parts.password, answered as moved.password) never reaches the channel`, async () => {
    const c2s = new PassThrough();
    const s2c = new PassThrough();
    const server = createMessageConnection(new StreamMessageReader(c2s), new StreamMessageWriter(s2c));
    const client = createMessageConnection(new StreamMessageReader(s2c), new StreamMessageWriter(c2s));
    // credentials typed into the host box come back split (issue 11 §11): the answer holds the password too
    server.onRequest(FILL_PLACEHOLDER_REQUEST, () => ({ error: 'moved', moved: { host: '10.0.0.1', user: 'admin', password: PASSWORD } }));
    server.listen();
    const channel = fakeChannel();
    const masked = maskingChannel(channel);
    await client.trace(Trace.Verbose, { log: (m: string | object, data?: string) => masked.trace(typeof m === 'string' ? (data ? `${m}\n${data}` : m) : JSON.stringify(m)) }, { traceFormat: format });
    client.listen();
    const params = { uri: 'file:///w/dragent.yaml', version: 1, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, parts: { host: '10.0.0.1', user: 'admin', password: PASSWORD }, step: 'password', dryRun: true };
    await client.sendRequest(FILL_PLACEHOLDER_REQUEST, params);
    client.dispose();
    server.dispose();
    const trace = channel.lines.join('\n');
    assert.match(trace, /sysdig-mesos\/fillPlaceholder/);
    assert.match(trace, /admin/);
    for (const secret of [PASSWORD, JSON.stringify(PASSWORD).slice(1, -1), 'S3cret']) assertAbsent(secret, { trace });
  });
}

test('the masking channel is the channel: other members pass through, non-string arguments untouched', () => {
  const channel = fakeChannel();
  const masked = maskingChannel(channel);
  assert.equal(masked.logLevel, 1);
  assert.equal(masked.name, 'Sysdig Mesos');
  masked.info('plain line');
  assert.deepEqual(channel.lines, ['plain line']);
});
