// The sysdig-mesos language server: `node dist/server.js --stdio` (or --node-ipc, --socket=PORT, --pipe=NAME).
import { createConnection } from 'vscode-languageserver/node';
import { describeError } from './lsp/log';
import { SERVER_NAME, SERVER_VERSION, startLanguageServer } from './lsp/language-server';

const USAGE = `usage: node server.js --stdio | --node-ipc | --socket=PORT | --pipe=NAME [--clientProcessId=PID]

The ${SERVER_NAME} language server: diagnostics for dragent.yaml and the Sysdig agent's Marathon app JSON.`;

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

  // Counts incoming messages so validation can wait until the JSON-RPC queue is drained (see lsp/scheduler.ts).
  let activity = 0;
  const connection = createConnection({
    messageStrategy: {
      handleMessage(message, next) {
        activity++;
        return next(message);
      },
    },
  });

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

main(process.argv.slice(2));
