// A password written without `@host` (`http://admin:Zq9s3cretPW`) is host `admin`, port `Zq9s3cretPW` for the
// agent: `check --mesos`, `check --config` and `lint` printed `the port "Zq9s3cretPW" is not a number`. Nothing
// tells such a port from a password, so no message quotes a port that is not a number; it says that a password
// goes between `user:` and `@host` instead (written `user:password@host`, the CLI's failure line would mask it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { maskUserInfo, parseAgentUri, redactUri } from '../../server/src/service/agent-uri';
import { assertAbsent, cli, file } from './helpers';

const PW = 'Zq9s3cretPW';
const URI = `http://admin:${PW}`;
const NEW_MESSAGE = /the port after the host is not a number from 0 to 65535 \(a password goes between `user:` and `@host`\)/;

test('the parser never quotes a port that is not a number: short, long, or all digits but too large', () => {
  for (const uri of [URI, 'http://h:50x0', 'http://h:99999', `http://h:${PW}/path`]) {
    const r = parseAgentUri(uri);
    assert.ok(!r.ok, uri);
    if (r.ok) continue;
    assert.equal(r.problem.code, 'port', uri);
    assert.match(r.problem.message, NEW_MESSAGE);
    assert.doesNotMatch(r.problem.message, /"/, `nothing quoted: ${r.problem.message}`);
    // the range still locates the port: from the `:` after the host to the end of the authority
    assert.equal(uri.slice(r.problem.start, r.problem.start + 1), ':');
  }
});

test('lint --kind dragent (text, json, sarif): the password read as a port is not shown', async () => {
  const f = file('dragent.yaml', `customerid: x\nmesos_state_uri: ${URI}\n`);
  const outs: Record<string, string> = {};
  for (const format of ['text', 'json', 'sarif']) {
    const r = await cli(['lint', '--kind', 'dragent', '--format', format, f]);
    outs[format] = r.stdout + r.stderr;
  }
  assert.match(outs.text, /uri-invalid .*the port after the host is not a number/);
  assertAbsent(PW, outs);
});

test('check --mesos and check --config: the port message does not quote it', async () => {
  const f = file('dragent.yaml', `customerid: x\nmesos_state_uri: ${URI}\n`);
  for (const args of [['check', '--mesos', URI], ['check', '--config', f], ['check', '--format', 'json', '--config', f]]) {
    const r = await cli([...args, '--timeout', '2000']);
    const out = r.stdout + r.stderr;
    assert.match(out, NEW_MESSAGE, args.join(' '));
    assert.ok(!out.includes(`"${PW}"`) && !out.includes(`\\"${PW}\\"`), `${args.join(' ')}: ${out}`);
  }
});

test('check --mesos and check --config: the URI itself is shown with the port that is not a number masked', async () => {
  // before: `Mesos    http://admin:Zq9s3cretPW (config)` and a failure line starting with the whole URI
  const f = file('dragent.yaml', `customerid: x\nmesos_state_uri: ${URI}\nmarathon_uris: ["${URI}/v2"]\n`);
  for (const args of [['check', '--mesos', URI], ['check', '--config', f], ['check', '--format', 'json', '--config', f], ['lint', '--kind', 'dragent', f]]) {
    const r = await cli([...args, '--timeout', '2000']);
    const out = r.stdout + r.stderr;
    assert.ok(!out.includes(PW), `${args.join(' ')}: ${out}`);
  }
  assert.equal(redactUri(URI), 'http://admin:***');
  assert.equal(redactUri('http://[::1]'), 'http://[::1]');
  assert.equal(redactUri('http://h:5050/x'), 'http://h:5050/x');
  assert.equal(maskUserInfo(`"conn": "${URI}", next`), '"conn": "http://admin:***", next');
  assert.equal(maskUserInfo('see http://h:8080/v2 and http://h:5050'), 'see http://h:8080/v2 and http://h:5050');
});
