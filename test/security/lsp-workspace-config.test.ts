// Hostile `.sysdig-mesos.json` files in a workspace folder, through the language server over stdio (issue
// 10 §5): the server reads the file as the CLI does — a regular file of at most 1 MiB inside the folder —
// and what it logs names the reason, never the content. A FIFO used to block the whole server.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DOCUMENT_INFO_REQUEST, type DocumentInfo } from '../../server/src/lsp/constants';
import { LspClient } from '../lsp/lsp-client';
import { clientPool } from '../lsp/client-pool';

const { client, tempDir } = clientPool();
const SECRET = 'TOPSECRET-hunter2-do-not-print';
const LATEST = JSON.stringify({ agentProfile: 'latest', note: SECRET });

/** A server with one workspace folder holding dragent.yaml, and the folder's path. */
async function serverFor(setUp: (folder: string, outside: string) => void): Promise<{ c: LspClient; info(): Promise<DocumentInfo | null> }> {
  const folder = tempDir('sysdig-mesos-hostile-ws-');
  const outside = tempDir('sysdig-mesos-hostile-out-');
  setUp(folder, outside);
  const uri = pathToFileURL(folder).href;
  const c = await client({ configuration: true, workspaceFolders: [{ uri, name: 'ws' }], config: () => ({ agentProfile: 'guide-2016' }) });
  await c.open(`${uri}/dragent.yaml`, 'customerid: x\n');
  // a time limit of our own: before the fix a FIFO kept the server from ever answering
  const info = () =>
    Promise.race([
      c.connection.sendRequest(DOCUMENT_INFO_REQUEST, { uri: `${uri}/dragent.yaml` }) as Promise<DocumentInfo | null>,
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('the server did not answer within 8 s')), 8000).unref()),
    ]);
  return { c, info };
}

/** The file was ignored (the settings' profile applies), one log line says why, nothing of it is shown. */
async function ignored(s: { c: LspClient; info(): Promise<DocumentInfo | null> }, why: RegExp): Promise<void> {
  assert.deepEqual(await s.info(), { kind: 'dragent', agentProfile: 'guide-2016', profileSource: 'settings' });
  await s.c.waitFor(() => s.c.logs.some((l) => /\.sysdig-mesos\.json: /.test(l.message) && why.test(l.message)), `a log line matching ${why} in ${JSON.stringify(s.c.logs)}`);
  const all = s.c.logs.map((l) => l.message).join('\n') + s.c.stderr;
  assert.ok(!all.includes('TOPSECRET') && !all.includes('hunter2'), all);
}

describe('the workspace .sysdig-mesos.json, read defensively by the language server', () => {
  test('a link to a file inside the folder is read (the control case)', async () => {
    const s = await serverFor((folder) => {
      writeFileSync(join(folder, 'real-config.json'), LATEST);
      symlinkSync('real-config.json', join(folder, '.sysdig-mesos.json'));
    });
    assert.deepEqual(await s.info(), { kind: 'dragent', agentProfile: 'latest', profileSource: 'workspace-file' });
  });

  test('a link out of the folder is not followed, and its content is not logged', async () => {
    const s = await serverFor((folder, outside) => {
      writeFileSync(join(outside, 'secret.json'), LATEST);
      symlinkSync(join(outside, 'secret.json'), join(folder, '.sysdig-mesos.json'));
    });
    await ignored(s, /it leads outside .*; ignored/);
  });

  test('a link to /dev/zero is refused, not read until memory runs out', async () => {
    const s = await serverFor((folder) => symlinkSync('/dev/zero', join(folder, '.sysdig-mesos.json')));
    await ignored(s, /it leads outside/);
  });

  test('a FIFO does not block the server', async () => {
    const s = await serverFor((folder) => execFileSync('mkfifo', [join(folder, '.sysdig-mesos.json')]));
    await ignored(s, /not a regular file \(a pipe\); ignored/);
  });

  test('a file over 1 MiB is refused by its size', async () => {
    const s = await serverFor((folder) => writeFileSync(join(folder, '.sysdig-mesos.json'), JSON.stringify({ agentProfile: 'latest', pad: 'x'.repeat(1024 * 1024) })));
    await ignored(s, /over the 1048576-byte limit; ignored/);
  });

  test('a file that is not JSON: the log gives the reason, never the text', async () => {
    const s = await serverFor((folder) => writeFileSync(join(folder, '.sysdig-mesos.json'), `${SECRET}\n`));
    await ignored(s, /not valid JSON/);
  });
});
