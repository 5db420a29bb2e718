import type { Connection } from 'vscode-languageserver/node';
import { describeError } from './log';
import { SERVER_NAME } from './capabilities';
import type { ServerLog } from './server-context';

/** The server's log over the connection: a failure to log goes to stderr, never up to the caller. */
export function createServerLog(connection: Connection): ServerLog {
  const logged = new Set<string>();
  return {
    error(msg: string) {
      safe(() => connection.console.error(msg));
    },
    warn(msg: string) {
      safe(() => connection.console.warn(msg));
    },
    info(msg: string) {
      safe(() => connection.console.info(msg));
    },
    /** details for whoever debugs the extension (the client's log shows them at its Debug level) */
    debug(msg: string) {
      safe(() => connection.console.debug(msg));
    },
    /** logs a message once per server lifetime (a rule failing on every keystroke is said once) */
    once(key: string, msg: string) {
      if (logged.has(key)) return;
      if (logged.size > 1000) logged.clear();
      logged.add(key);
      this.error(msg);
    },
  };
}

function safe(fn: () => void): void {
  try {
    fn();
  } catch (e) {
    try {
      process.stderr.write(`${SERVER_NAME}: ${describeError(e)}\n`);
    } catch {
      // nowhere left to log
    }
  }
}
