import { maskUserInfo, redactUri } from '../service/agent-uri';
import { safeText } from '../service/safe-text';
import type { Secrets } from '../service/secrets';

/**
 * How the CLI says it cannot go on. Always one line on stderr, `sysdig-mesos: <reason>`. A program that
 * asked for `--format json` reads stdout, so it also gets `{"error": "<reason>", "exitCode": n}` there;
 * one that asked for `--format sarif` (a CI job uploading the file) gets a valid SARIF log whose
 * invocation failed with that reason, instead of an empty file the upload step rejects.
 */

export type ErrorFormat = 'text' | 'json' | 'sarif';

/**
 * The format asked for, read from the raw arguments: errors can happen before or while they are parsed
 * (an unknown option), and still owe a JSON answer.
 */
export function errorFormatOf(argv: readonly string[]): ErrorFormat {
  let f: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--') break;
    if (argv[i] === '--format') f = argv[i + 1];
    else if (argv[i].startsWith('--format=')) f = argv[i].slice('--format='.length);
  }
  return f === 'json' || f === 'sarif' ? f : 'text';
}

/**
 * One line: no stack, no line breaks (a message may carry them from a library), and no control character
 * from outside data (a file name, a key of `.sysdig-mesos.json`, a server's answer): safeText escapes them.
 */
export function oneLine(s: string): string {
  return safeText(s.replace(/(?<!\s)\s*[\r\n]\s*/g, ' ').trim());
}

/**
 * Every URI's user-info masked (maskUserInfo), and also a word written without `scheme://` — `user:pw@host`,
 * `//user:pw@host`, `http:/user:pw@host` — that has a `:` before its last `@`: redactUri reads such a word as
 * `user:password@host`. Words are split at white space, as an argument cannot hold any unquoted.
 */
function maskArguments(message: string): string {
  return maskUserInfo(message)
    .split(/(\s+)/)
    .map((w) => {
      const at = w.lastIndexOf('@');
      return at > 0 && !w.includes('://') && w.lastIndexOf(':', at) >= 0 ? redactUri(w) : w;
    })
    .join('');
}

/**
 * The stack `SYSDIG_MESOS_DEBUG=1` prints for an internal error. The error's message comes first in it and
 * may quote a URI with its password, or a known secret (an argument, SYSDIG_ACCESS_KEY): it is masked as the
 * failure line is (maskArguments), then by the secrets known, and each line is made safe to print.
 */
export function debugStack(e: unknown, secrets: Secrets): string {
  const err = e as Error | undefined;
  const text = typeof err?.stack === 'string' ? err.stack : String(e);
  return secrets
    .maskText(maskArguments(text))
    .split('\n')
    .map((l) => safeText(l))
    .join('\n');
}

export interface FailOutput {
  stdout(s: string): void;
  stderr(s: string): void;
}

/** Writes the failure; returns the exit code for `return fail(...)`. `extra` (the usage text) goes to stderr in text mode only. */
export function writeFailure(out: FailOutput, format: ErrorFormat, message: string, exitCode: number, version: string, extra?: string): number {
  // A usage error quotes the argument it rejects, and a careless user puts a URI with its password
  // exactly there (`check http://user:pw@host` without --mesos): every URI's user-info is masked here,
  // the one door every failure line goes through.
  const line = oneLine(maskArguments(message));
  out.stderr(`sysdig-mesos: ${line}\n${format === 'text' && extra ? extra + '\n' : ''}`);
  if (format === 'json') out.stdout(JSON.stringify({ error: line, exitCode }, null, 2) + '\n');
  else if (format === 'sarif') out.stdout(JSON.stringify(failedSarif(line, exitCode, version), null, 2) + '\n');
  return exitCode;
}

function failedSarif(message: string, exitCode: number, version: string): object {
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'sysdig-mesos', version, informationUri: 'https://github.com/sysdig-mesos/sysdig-mesos/blob/main/docs/rules.md' } },
        invocations: [{ executionSuccessful: false, exitCode, toolExecutionNotifications: [{ level: 'error', message: { text: message } }] }],
        results: [],
      },
    ],
  };
}

/** Adds the entries the walk left out to a SARIF log as warnings; the run still succeeded. */
export function withSkipNotes(sarif: object, notes: { path: string; reason: string }[]): object {
  if (notes.length === 0) return sarif;
  const s = sarif as { runs: { invocations?: unknown[] }[] };
  for (const run of s.runs) {
    run.invocations = [
      {
        executionSuccessful: true,
        toolExecutionNotifications: notes.map((n) => ({
          level: 'warning',
          message: { text: `skipped ${n.path}: ${n.reason}` },
          locations: [{ physicalLocation: { artifactLocation: { uri: n.path.split(/[\\/]/).map(encodeURIComponent).join('/') } } }],
        })),
      },
    ];
  }
  return sarif;
}
