// Starts the full language server on a transport: from the command line (--node-ipc, --socket, --pipe,
// --stdio), or on the streams server.ts hands over after answering `initialize` itself (early-init.ts).
import type { Readable, Writable } from 'node:stream';
import { createConnection, type ConnectionOptions } from 'vscode-languageserver/node';
import { describeError } from './log';
import { SERVER_NAME } from './capabilities';
import { startLanguageServer } from './language-server';

export function startServer(io?: { input: Readable; output: Writable }): void {
  // Counts incoming messages so validation can wait until the JSON-RPC queue is drained (see scheduler.ts).
  let activity = 0;
  const options: ConnectionOptions = {
    messageStrategy: {
      handleMessage(message, next) {
        activity++;
        return next(message);
      },
    },
  };
  const connection = io ? createConnection(io.input, io.output, options) : createConnection(options);
  if (io) {
    // stdout carries the protocol: anything a library prints goes to the client's log instead (the library
    // does the same when it opens stdio itself)
    const toLog = (level: 'log' | 'info' | 'warn' | 'error') => (...args: unknown[]) => {
      try {
        connection.console[level](args.map((a) => (typeof a === 'string' ? a : describeError(a))).join(' '));
      } catch {
        // nowhere to log
      }
    };
    console.log = toLog('log');
    console.info = toLog('info');
    console.warn = toLog('warn');
    console.error = toLog('error');
    console.debug = toLog('log');
  }

  // The server must keep answering whatever happens; an error that escapes a handler is logged, not fatal.
  const report = (what: string, e: unknown) => {
    try {
      connection.console.error(`${what}: ${describeError(e)}`);
    } catch {
      try {
        process.stderr.write(`${SERVER_NAME}: ${what}: ${describeError(e)}\n`);
      } catch {
        // nothing left to report to
      }
    }
  };
  process.on('uncaughtException', (e) => report('uncaught exception', e));
  process.on('unhandledRejection', (e) => report('unhandled rejection', e));

  startLanguageServer(connection, { activity: () => activity });
  connection.listen();
}
