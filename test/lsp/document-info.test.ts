// `sysdig-mesos/documentInfo`, the custom request behind the VS Code client's language status item, over stdio.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DOCUMENT_INFO_REQUEST, type DocumentInfo } from '../../server/src/lsp/constants';
import { LspClient } from './lsp-client';
import { clientPool } from './client-pool';

const { client, tempDir } = clientPool();

const info = (c: LspClient, uri: unknown) => c.connection.sendRequest(DOCUMENT_INFO_REQUEST, { uri }) as Promise<DocumentInfo | null>;

describe(DOCUMENT_INFO_REQUEST, () => {
  test('kind by name or content, and the agent profile from the settings', async () => {
    const c = await client({ configuration: true, pull: true, config: () => ({ agentProfile: 'latest' }) });
    await c.open('file:///w/dragent.yaml', 'customerid: x\n');
    await c.open('file:///w/apps/agent.json', '{"id": "/sysdig-agent", "container": {}}');
    await c.open('file:///w/package.json', '{"name": "x"}');
    await c.open('file:///w/values.yaml', 'a: 1\n');
    assert.deepEqual(await info(c, 'file:///w/dragent.yaml'), { kind: 'dragent', agentProfile: 'latest', profileSource: 'settings' });
    assert.deepEqual(await info(c, 'file:///w/apps/agent.json'), { kind: 'marathon-app', agentProfile: 'latest', profileSource: 'settings' });
    assert.deepEqual(await info(c, 'file:///w/package.json'), { kind: null });
    assert.deepEqual(await info(c, 'file:///w/values.yaml'), { kind: null });
  });

  test('documents the server does not hold, and bad params: null', async () => {
    const c = await client();
    assert.equal(await info(c, 'file:///w/never-opened/dragent.yaml'), null);
    assert.equal(await info(c, 42), null);
    await c.open('file:///w/dragent.yaml', 'customerid: x\n');
    assert.deepEqual(await info(c, 'file:///w/dragent.yaml'), { kind: 'dragent', agentProfile: 'guide-2016', profileSource: 'settings' });
  });

  test('the user file patterns decide the kind; .sysdig-mesos.json wins over the settings for the profile', async () => {
    const dir = tempDir('sysdig-mesos-info-');
    writeFileSync(join(dir, '.sysdig-mesos.json'), JSON.stringify({ agentProfile: 'latest' }));
    const folder = pathToFileURL(dir).href;
    const c = await client({
      configuration: true,
      workspaceFolders: [{ uri: folder, name: 'ws' }],
      config: () => ({ agentProfile: 'guide-2016', files: { dragent: ['agent-conf.yaml'] } }),
    });
    await c.open(`${folder}/agent-conf.yaml`, 'customerid: x\n');
    await c.open(`${folder}/dragent.yaml`, 'customerid: x\n');
    assert.deepEqual(await info(c, `${folder}/agent-conf.yaml`), { kind: 'dragent', agentProfile: 'latest', profileSource: 'workspace-file' });
    assert.deepEqual(await info(c, `${folder}/dragent.yaml`), { kind: null }, 'the user patterns replace the defaults');
  });
});
