// The placeholder quick fix over real LSP stdio: a code action carrying the client command (only for a client
// that runs it), and sysdig-mesos/fillPlaceholder turning the typed value into an edit.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CodeActionRequest, type CodeAction } from 'vscode-languageserver-protocol';
import { FILL_PLACEHOLDER_COMMAND, FILL_PLACEHOLDER_REQUEST, type FillPlaceholderArgs, type FillPlaceholderResult } from '../../server/src/lsp/constants';
import { projectRoot } from '../helpers/paths';
import { clientPool } from './client-pool';

const { client } = clientPool();
const text = readFileSync(join(projectRoot(), 'examples', 'guide', 'sysdig.json'), 'utf8');
const line = text.split('\n').findIndex((l) => l.includes('YOUR-NUMBER-OF-INSTANCES-HERE'));
const col = text.split('\n')[line].indexOf('YOUR');
const at = { start: { line, character: col + 2 }, end: { line, character: col + 2 } };

describe('fill a placeholder over LSP', () => {
  test('offered only to a client that runs the command; the request returns the edit', async () => {
    const plain = await client();
    const uri = 'file:///w/sysdig.json';
    await plain.open(uri, text);
    const none = (await plain.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: at, context: { diagnostics: [] } })) as CodeAction[];
    assert.ok(!none.some((a) => a.command?.command === FILL_PLACEHOLDER_COMMAND));

    const c = await client({ initializationOptions: { clientCommands: [FILL_PLACEHOLDER_COMMAND] } });
    await c.open(uri, text);
    const actions = (await c.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: at, context: { diagnostics: [] } })) as CodeAction[];
    const fill = actions.find((a) => a.command?.command === FILL_PLACEHOLDER_COMMAND);
    assert.ok(fill, JSON.stringify(actions.map((a) => a.title)));
    assert.equal(fill.title, 'Fill in YOUR-NUMBER-OF-INSTANCES-HERE…');
    assert.equal(fill.edit, undefined);
    const args = fill.command!.arguments![0] as FillPlaceholderArgs;
    assert.equal(args.expects, 'number');
    assert.equal(args.key, 'instances');
    assert.deepEqual(args.range, { start: { line, character: col }, end: { line, character: col + 'YOUR-NUMBER-OF-INSTANCES-HERE'.length } });

    const bad = (await c.connection.sendRequest(FILL_PLACEHOLDER_REQUEST, { uri, version: args.version, range: args.range, value: 'many' })) as FillPlaceholderResult;
    assert.deepEqual(bad, { error: 'A whole number, such as 3' });
    const ok = (await c.connection.sendRequest(FILL_PLACEHOLDER_REQUEST, { uri, version: args.version, range: args.range, value: ' 4 ' })) as FillPlaceholderResult;
    assert.deepEqual(ok, { edits: [{ range: args.range, newText: '4' }] });
    const stale = (await c.connection.sendRequest(FILL_PLACEHOLDER_REQUEST, { uri, version: args.version + 1, range: args.range, value: '4' })) as FillPlaceholderResult;
    assert.match((stale as { error: string }).error, /changed meanwhile/);
    const elsewhere = (await c.connection.sendRequest(FILL_PLACEHOLDER_REQUEST, { uri, version: args.version, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, value: '4' })) as FillPlaceholderResult;
    assert.match((elsewhere as { error: string }).error, /no placeholder there/);
  });

  test('a URI in steps: dry runs answer ok or the rule\'s reason, credentials typed in the host box come back split, the last step gives the edit', async () => {
    const c = await client({ initializationOptions: { clientCommands: [FILL_PLACEHOLDER_COMMAND] } });
    const uri = 'file:///w/steps/dragent.yaml';
    const yaml = 'marathon_uris:\n  - http://[marathon_ip]:8080   # keep\n';
    await c.open(uri, yaml);
    const pos = { line: 1, character: yaml.split('\n')[1].indexOf('[') + 1 };
    const actions = (await c.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: { start: pos, end: pos }, context: { diagnostics: [] } })) as CodeAction[];
    const args = actions.find((a) => a.command?.command === FILL_PLACEHOLDER_COMMAND)!.command!.arguments![0] as FillPlaceholderArgs;
    assert.equal(args.expects, 'uri');
    assert.deepEqual(args.uriSteps, ['host', 'credentials']);
    const ask = (p: Record<string, unknown>) => c.connection.sendRequest(FILL_PLACEHOLDER_REQUEST, { uri, version: args.version, range: args.range, ...p }) as Promise<FillPlaceholderResult>;
    const bad = await ask({ parts: { host: 'bad_host' }, step: 'host', dryRun: true });
    assert.ok('error' in bad);
    assert.match(bad.error, /"marathon_uris" item 1 is not a URI the agent accepts: the host name contains "_"/);
    assert.deepEqual(await ask({ parts: { host: 'marathon.local' }, step: 'host', dryRun: true }), { ok: true });
    const moved = await ask({ parts: { host: 'ops:Zq9pw@marathon.local' }, step: 'host', dryRun: true });
    assert.ok('error' in moved && moved.moved);
    assert.deepEqual(moved.moved, { host: 'marathon.local', user: 'ops', password: 'Zq9pw' });
    assert.ok(!moved.error.includes('Zq9'));
    // a dry run gives no edit; the same request without it does
    assert.deepEqual(await ask({ parts: { host: 'marathon.local', user: 'ops', password: 'Zq9pw' }, step: 'password', dryRun: true }), { ok: true });
    const done = await ask({ parts: { host: 'marathon.local', user: 'ops', password: 'Zq9pw' }, step: 'password' });
    assert.deepEqual(done, { edits: [{ range: args.range, newText: 'ops:Zq9pw@marathon.local' }] });
    assert.deepEqual(await ask({ step: 'nonsense' }), { error: 'no value given' });
  });
});
