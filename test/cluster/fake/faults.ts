import { createServer as createNetServer, type Socket } from 'node:net';
import { createServer as createHttpsServer } from 'node:https';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { projectRoot } from '../../helpers/paths';
import { listen, type Listening } from './common';

/** Servers that fail the way real networks and misconfigured clusters fail. */

/** Accepts connections and never answers (a hung master, a black-holing proxy). */
export async function startSilent(): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createNetServer((s) => {
    sockets.add(s);
    s.on('error', () => undefined);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

/** A port that was just free: connecting is refused. */
export async function closedPort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

/** A login page / proxy answering 200 HTML to everything. */
export function startHtml200(): Promise<Listening> {
  return listen((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<!DOCTYPE html><html><head><title>Sign in</title></head><body>Please sign in</body></html>');
  });
}

/** Answers `bytes` of JSON-looking data (optionally without Content-Length, chunked). */
export function startHuge(bytes: number, withLength: boolean): Promise<Listening> {
  return listen((_req, res) => {
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    res.writeHead(200, withLength ? { 'content-type': 'application/json', 'content-length': String(bytes) } : { 'content-type': 'application/json' });
    let sent = 0;
    const pump = () => {
      while (sent < bytes) {
        const n = Math.min(chunk.length, bytes - sent);
        sent += n;
        if (!res.write(chunk.subarray(0, n))) return void res.once('drain', pump);
      }
      res.end();
    };
    res.on('error', () => undefined);
    pump();
  });
}

/** Every path answers 307 to the next path on the same server: a loop of masters naming each other. */
export function startRedirectLoop(): Promise<Listening> {
  return listen((req, res, self) => {
    const n = Number(/\/hop(\d+)/.exec(req.url ?? '')?.[1] ?? 0);
    res.writeHead(307, { location: `//127.0.0.1:${self.port}/hop${n + 1}` });
    res.end();
  });
}

/** Redirects (302, absolute Location) to `target` + the same path: a host the cluster never named as leader. */
export function startForeignRedirect(target: string): Promise<Listening> {
  return listen((req, res) => {
    res.writeHead(302, { location: target + (req.url ?? '/') });
    res.end();
  });
}

/** HTTPS with a self-signed certificate (test/cluster/fake/self-signed.*, CN and SAN 127.0.0.1). */
export async function startSelfSigned(body: string): Promise<{ url: string; close(): Promise<void> }> {
  const dir = join(projectRoot(), 'test', 'cluster', 'fake');
  const server = createHttpsServer({ key: readFileSync(join(dir, 'self-signed.key')), cert: readFileSync(join(dir, 'self-signed.crt')) }, (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `https://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
