// The sysdig-mesos language server: `node dist/server.js --stdio` (or --node-ipc, --socket=PORT, --pipe=NAME).
// This entry stays small: over stdio it answers `initialize` from capabilities.ts before the LSP library
// and the handlers (lsp/start.ts, loaded by require below) are even evaluated — see lsp/early-init.ts.
import { PassThrough, type Readable, type Writable } from 'node:stream';
import { SERVER_NAME, SERVER_VERSION, initializeResult } from './lsp/capabilities';
import { DropFirstResponse, frame, readFirstMessage } from './lsp/early-init';
import type { InitializeParams } from 'vscode-languageserver-protocol';

const USAGE = `usage: node server.js --stdio | --node-ipc | --socket=PORT | --pipe=NAME [--clientProcessId=PID]

The ${SERVER_NAME} language server: diagnostics for dragent.yaml and the Sysdig agent's Marathon app JSON.`;

type Start = typeof import('./lsp/start');
const start = (): Start => require('./lsp/start') as Start;

async function stdio(): Promise<void> {
  const first = await readFirstMessage(process.stdin);
  // the bytes read so far go back to the front of stdin, which the full server then reads itself: no relay stream
  // between the client and the server for the rest of the session (a stream that has ended cannot take them back)
  let input: Readable = process.stdin;
  if (process.stdin.readableEnded) {
    const rest = new PassThrough();
    rest.end(first.consumed);
    input = rest;
  } else if (first.consumed.length) {
    process.stdin.unshift(first.consumed);
  }
  let output: Writable = process.stdout;
  if (first.initialize) {
    process.stdout.write(frame({ jsonrpc: '2.0', id: first.initialize.id, result: initializeResult(first.initialize.params as InitializeParams) }));
    output = new DropFirstResponse(first.initialize.id, process.stdout);
  }
  start().startServer({ input, output });
  // readFirstMessage paused stdin: a paused stream stays paused when the full server's reader starts listening
  process.stdin.resume();
}

function main(argv: string[]): void {
  if (argv.includes('--version') || argv.includes('-v')) {
    process.stdout.write(`${SERVER_VERSION}\n`);
    return;
  }
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const hasTransport = argv.some((a) => a === '--stdio' || a === '--node-ipc' || /^--(socket|pipe)(=|$)/.test(a));
  if (!hasTransport) {
    process.stderr.write(`${SERVER_NAME}: no transport given\n${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  if (argv.includes('--stdio')) {
    stdio().catch((e) => {
      process.stderr.write(`${SERVER_NAME}: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(1);
    });
  } else start().startServer();
}

main(process.argv.slice(2));
