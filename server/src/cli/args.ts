/** Minimal, strict argument parsing: unknown flags are usage errors (exit 2), never ignored. */
export class UsageError extends Error {}

export interface ParsedArgs {
  command: string | undefined;
  flags: Map<string, string | true>;
  positionals: string[];
}

export function parseArgs(argv: string[], valued: ReadonlySet<string>, booleans: ReadonlySet<string>): ParsedArgs {
  const flags = new Map<string, string | true>();
  const positionals: string[] = [];
  let command: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
      if (valued.has(name)) {
        const v = eq > 0 ? a.slice(eq + 1) : argv[++i];
        if (v === undefined || v === '') throw new UsageError(`--${name} needs a value`);
        flags.set(name, v);
      } else if (booleans.has(name) && eq < 0) {
        flags.set(name, true);
      } else {
        throw new UsageError(`unknown option --${name}`);
      }
    } else if (a.startsWith('-') && a.length > 1) {
      if (a === '-h') flags.set('help', true);
      else throw new UsageError(`unknown option ${a}`);
    } else if (command === undefined) {
      command = a;
    } else {
      positionals.push(a);
    }
  }
  return { command, flags, positionals };
}

/** Node's timers hold a signed 32-bit count of ms: a longer delay fires at once (with only a warning). */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** `--timeout ms`: an integer 1..2^31-1, else a UsageError naming the range. */
export function parseTimeout(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = /^\d+$/.test(value.trim()) ? Number(value) : NaN;
  if (!(Number.isSafeInteger(n) && n >= 1 && n <= MAX_TIMER_MS)) throw new UsageError(`--timeout must be a whole number of milliseconds from 1 to ${MAX_TIMER_MS}, not ${value}`);
  return n;
}

