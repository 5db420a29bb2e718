import { after } from 'node:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LspClient, type ClientOptions } from './lsp-client';

/** The servers and temporary folders one test file starts, all killed and removed after the file. */
export function clientPool(): {
  client(options?: ClientOptions): Promise<LspClient>;
  started(options?: ClientOptions): Promise<LspClient>;
  tempDir(prefix: string): string;
} {
  const clients: LspClient[] = [];
  const dirs: string[] = [];
  after(() => {
    for (const c of clients) {
      c.kill();
      // a server slow to die must not keep this test file's process alive through its pipes
      for (const s of [c.proc.stdin, c.proc.stdout, c.proc.stderr]) s?.destroy();
      c.proc.unref();
    }
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });
  const started = async (options: ClientOptions = {}) => {
    const c = await LspClient.start(options);
    clients.push(c);
    return c;
  };
  return {
    /** a server that has answered `initialize` */
    async client(options: ClientOptions = {}) {
      const c = await started(options);
      await c.initialize();
      return c;
    },
    /** a spawned server, not yet initialised (for tests of `initialize` itself) */
    started,
    tempDir(prefix: string) {
      const d = mkdtempSync(join(tmpdir(), prefix));
      dirs.push(d);
      return d;
    },
  };
}
