// Code lenses for the client's cluster commands, over real LSP stdio: only for a client that runs them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CodeLensRequest, type CodeLens } from 'vscode-languageserver-protocol';
import { CHECK_MARATHON_COMMAND, CHECK_MESOS_COMMAND } from '../../server/src/lsp/constants';
import { clientPool } from './client-pool';

const { started } = clientPool();

test('lenses above mesos_state_uri and marathon_uris (CRLF, comments), none for a client without the commands', async () => {
  const plain = await started();
  assert.equal((await plain.initialize()).capabilities.codeLensProvider, undefined);
  const c = await started({ initializationOptions: { clientCommands: [CHECK_MESOS_COMMAND, CHECK_MARATHON_COMMAND] } });
  assert.deepEqual((await c.initialize()).capabilities.codeLensProvider, { resolveProvider: false });
  const uri = 'file:///w/dragent.yaml';
  await c.open(uri, '# the cluster\r\ncustomerid: k\r\nmesos_state_uri: http://m:5050 # leader\r\n\r\nmarathon_uris: [http://m:8080]\r\n');
  const lenses = (await c.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } })) as CodeLens[];
  assert.deepEqual(
    lenses.map((l) => [l.range.start.line, l.range.start.character, l.range.end.character, l.command?.command, l.command?.title, l.command?.arguments]),
    [
      [2, 0, 15, CHECK_MESOS_COMMAND, 'Check Mesos connectivity', [uri]],
      [4, 0, 13, CHECK_MARATHON_COMMAND, 'Check Marathon connectivity', [uri]],
    ],
  );
  // the deploy lens needs the deploy command
  await c.open('file:///w/sysdig.json', '{"id": "sysdig-agent", "container": {}}');
  assert.deepEqual(await c.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: 'file:///w/sysdig.json' } }), []);
});
