import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { corpusDir } from '../../helpers/paths';

/** A corpus payload, read in place (never copied into the project). */
export function corpusJson<T = any>(rel: string): T {
  return JSON.parse(readFileSync(join(corpusDir(), rel), 'utf8')) as T;
}

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface Listening {
  server: Server;
  port: number;
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** every request seen: method, path with query, headers, body (complete once the request ended) */
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export async function listen(handler: (req: IncomingMessage, res: ServerResponse, self: Listening) => void): Promise<Listening> {
  const self = { requests: [] } as unknown as Listening;
  const server = createServer((req, res) => {
    const rec: RecordedRequest = { method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body: '' };
    self.requests.push(rec);
    // A second 'data' listener beside the handler's own reading or piping: both see every chunk.
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      chunks.push(c);
      rec.body = Buffer.concat(chunks).toString('utf8'); // whole chunks only: no split UTF-8 sequence
    });
    handler(req, res, self);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  Object.assign(self, {
    server,
    port,
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  });
  return self;
}

/** Decodes `Authorization: Basic …` the way both servers do; undefined when absent or not Basic. */
export function basicCredentials(req: IncomingMessage): string | undefined {
  const h = req.headers.authorization;
  const m = /^Basic\s+(\S+)$/i.exec(h ?? '');
  if (!m) return undefined;
  return Buffer.from(m[1], 'base64').toString('utf8');
}

/** Jetty's error page, as Marathon's Jetty writes it for 401/502/503. */
export function jettyPage(status: number, reason: string, path: string): string {
  return `<html>
<head>
<meta http-equiv="Content-Type" content="text/html;charset=ISO-8859-1"/>
<title>Error ${status} ${reason}</title>
</head>
<body><h2>HTTP ERROR ${status}</h2>
<p>Problem accessing ${path}. Reason:
<pre>    ${reason}</pre></p><hr><i><small>Powered by Jetty://</small></i><hr/>
</body>
</html>
`;
}

/** The whole request body as text. */
export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
