// Issue 12 §2: the workspace rules compare access keys (dragent.yaml `customerid`, the agent app's ACCESS_KEY)
// and never print one. Property: for any two keys, different or equal, no output of these rules holds either —
// the service's findings and related messages, `lint DIR` in text, JSON and SARIF, and the language server's
// workspace and document pulls. Each key starts with a character no output has otherwise.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { createLanguageService } from '../../server/src/service/index';
import { clientPool } from '../lsp/client-pool';
import { assertAbsent, cli } from './helpers';

const { client, tempDir } = clientPool();
const service = createLanguageService();

const marker = fc.constantFrom('Ω', 'Ж', 'ǂ', '₪', 'ꙮ');
const keyChar = fc.oneof(fc.constantFrom(...'0123456789abcdef-'.split('')), fc.constantFrom('ä', '漢', '€'));
const key = fc.tuple(marker, fc.array(keyChar, { minLength: 0, maxLength: 36 })).map(([m, rest]) => m + rest.join(''));

const yaml = (k: string) => `customerid: ${JSON.stringify(k)}\ncollector: c.example.com\n`;
const app = (k: string) =>
  JSON.stringify({ id: 'sysdig-agent', container: { type: 'DOCKER', docker: { image: 'sysdig/agent', parameters: [{ key: 'env', value: `ACCESS_KEY=${k}` }, { key: 'env', value: 'COLLECTOR=c.example.com' }] } } }, null, 2);

test('the service: no key in any finding or related message, and a finding exactly when the keys differ', () => {
  fc.assert(
    fc.property(key, key, (a, b) => {
      const files = [
        { id: 'f/dragent.yaml', folder: 'f', doc: service.parse(yaml(a), 'dragent') },
        { id: 'f/sysdig.json', folder: 'f', doc: service.parse(app(b), 'marathon-app') },
      ];
      const out = service.checkWorkspace(files);
      const text = JSON.stringify([...out]);
      assertAbsent(a, { findings: text });
      assertAbsent(b, { findings: text });
      assert.equal(out.size === 2, a.trim() !== b.trim(), text);
    }),
    { numRuns: 300 },
  );
});

test('lint DIR (text, json, sarif) and the language server: no key in any output', async () => {
  const root = tempDir('sysdig-mesos-wskeys-');
  const c = await client({ pull: true, configuration: true, config: () => ({}), workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'ws' }] });
  let n = 0;
  await fc.assert(
    fc.asyncProperty(key, key, async (a, b) => {
      fc.pre(a !== b);
      const dir = join(root, `case${++n}`);
      mkdirSync(dir);
      writeFileSync(join(dir, 'dragent.yaml'), yaml(a));
      writeFileSync(join(dir, 'sysdig.json'), app(b));
      const runs = await Promise.all(['text', 'json', 'sarif'].map((format) => cli(['lint', '--format', format, dir])));
      const channels: Record<string, string> = {};
      runs.forEach((r, i) => {
        channels[`lint ${i} stdout`] = r.stdout;
        channels[`lint ${i} stderr`] = r.stderr;
      });
      assert.match(runs[1].stdout, /workspace-access-key-mismatch/);
      const uri = pathToFileURL(join(dir, 'dragent.yaml')).href;
      await c.open(uri, yaml(a));
      channels.documentPull = JSON.stringify(await c.pull(uri));
      channels.workspacePull = JSON.stringify(await c.workspacePull());
      await c.close(uri);
      assert.match(channels.workspacePull, /workspace-access-key-mismatch/);
      channels.serverLog = c.stderr;
      assertAbsent(a, channels);
      assertAbsent(b, channels);
    }),
    { numRuns: 6 },
  );
});
