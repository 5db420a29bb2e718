// What deploy fills, in the editor's findings (issue 11 §4), over real LSP stdio: a client that runs our deploy
// says whether an access key is in its secret storage (sysdig-mesos/secretState, never the key); the guide's
// ACCESS_KEY placeholder then turns from an error into an information, and back when the key is removed. The
// deploy.collector and deploy.variables settings do the same for COLLECTOR and ${VAR}s. Other editors (no
// deploy command) judge the file alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { DEPLOY_APP_COMMAND, SECRET_STATE_NOTIFICATION } from '../../server/src/lsp/constants';
import { clientPool } from './client-pool';
import { messageOf } from './lsp-client';
import { fixedApp, FILE_KEY } from '../cluster/deploy-helpers';

const { started } = clientPool();
const uri = 'file:///w/sysdig.json';
const text = fixedApp.replace(`ACCESS_KEY=${FILE_KEY}`, 'ACCESS_KEY=YOUR-ACCESS-KEY-HERE').replace('"image": "sysdig/agent"', '"image": "sysdig/agent:${AGENT_TAG}"');
const brief = (ds: Diagnostic[]) => ds.map((d) => `${d.code} ${d.severity === 1 ? 'error' : d.severity === 3 ? 'info' : d.severity}`).sort();

test('secretState: the stored key turns the ACCESS_KEY placeholder into an information and back; settings fill COLLECTOR and ${VAR}s', async () => {
  let settings: Record<string, unknown> = {};
  const c = await started({ initializationOptions: { clientCommands: [DEPLOY_APP_COMMAND] }, configuration: true, config: () => settings });
  await c.initialize();
  await c.open(uri, text);
  const first = await c.waitForDiagnostics(uri);
  assert.deepEqual(brief(first.diagnostics), ['deploy-variable error', 'placeholder error']);
  assert.match(messageOf(first.diagnostics.find((d) => d.code === 'placeholder')!), /or keep it out of the file: run "Sysdig Mesos: Set Sysdig access key"/);

  let from = c.diagnostics.length;
  await c.connection.sendNotification(SECRET_STATE_NOTIFICATION, { accessKey: true });
  const stored = await c.waitFor(() => c.diagnostics.slice(from).find((d) => d.uri === uri), 'diagnostics after the key was stored');
  assert.deepEqual(brief(stored.diagnostics), ['deploy-variable error', 'placeholder info']);
  assert.match(messageOf(stored.diagnostics.find((d) => d.code === 'placeholder')!), /stays in the file: deploy sends ACCESS_KEY from VS Code's secret storage in its place/);

  from = c.diagnostics.length;
  settings = { deploy: { variables: { AGENT_TAG: '12.0.0' }, collector: 'collector.eu.example' } };
  await c.changeConfiguration();
  const filled = await c.waitFor(() => c.diagnostics.slice(from).find((d) => d.uri === uri), 'diagnostics after deploy.variables was set');
  assert.deepEqual(brief(filled.diagnostics), ['deploy-variable info', 'placeholder info']);

  from = c.diagnostics.length;
  await c.connection.sendNotification(SECRET_STATE_NOTIFICATION, { accessKey: false });
  const removed = await c.waitFor(() => c.diagnostics.slice(from).find((d) => d.uri === uri), 'diagnostics after the key was removed');
  assert.deepEqual(brief(removed.diagnostics), ['deploy-variable info', 'placeholder error']);
});

test('secretState: an editor without our deploy command judges the file alone (no ${VAR} findings, the placeholder an error)', async () => {
  const c = await started({ configuration: true, config: () => ({ deploy: { variables: { AGENT_TAG: 'x' } } }) });
  await c.initialize();
  await c.connection.sendNotification(SECRET_STATE_NOTIFICATION, { accessKey: true });
  await c.open(uri, text);
  const d = await c.waitForDiagnostics(uri);
  assert.deepEqual(brief(d.diagnostics), ['placeholder error']);
});
