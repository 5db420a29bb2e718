import { getProp, resolve, type MScalar } from '../../documents/model';
import type { Fix } from '../../types';
import type { Rule } from '../rule';
import { editDistance } from './suggest';

const KEYS = ['file_priority', 'console_priority', 'event_priority'] as const;

/**
 * The agent maps a level name to a priority by comparing the start of the value, ignoring case, with
 * these names (agent-dragent.md §1.14): `warning`, `Info`, `information` and even `errors` pass, `err` does not.
 */
const LEVELS = ['emergency', 'alert', 'fatal', 'critical', 'error', 'warn', 'notice', 'info', 'debug', 'trace', 'none'];

/** Obvious meanings of words that are not levels. */
const MEANT: Record<string, string> = {
  verbose: 'debug',
  err: 'error',
  crit: 'critical',
  emerg: 'emergency',
  panic: 'fatal',
  warm: 'warning',
  wrn: 'warning',
  inf: 'info',
  informational: 'info',
  dbg: 'debug',
  debugging: 'debug',
  fine: 'debug',
  finer: 'trace',
  finest: 'trace',
  all: 'trace',
  trc: 'trace',
  off: 'none',
  silent: 'none',
  quiet: 'none',
  disabled: 'none',
};

/** Full names offered as replacements. */
const NAMES = ['emergency', 'alert', 'fatal', 'critical', 'error', 'warning', 'notice', 'info', 'debug', 'trace', 'none'];

export function isValidLogPriority(text: string): boolean {
  const t = text.toLowerCase();
  return t === '' || LEVELS.some((l) => t.startsWith(l));
}

export function suggestLogPriority(text: string): { name: string; sure: boolean } | undefined {
  const t = text.trim().toLowerCase();
  if (MEANT[t]) return { name: MEANT[t], sure: true };
  let best: { name: string; d: number } | undefined;
  for (const n of NAMES) {
    const d = editDistance(t, n, 2);
    if (d <= 2 && (!best || d < best.d)) best = { name: n, d };
  }
  if (best && (best.d === 1 || (best.d === 2 && t.length >= 5))) return { name: best.name, sure: best.d === 1 };
  // Right word with surrounding blanks (" info") or a case the prefix match already accepts.
  if (t !== text.toLowerCase() && isValidLogPriority(t)) return { name: t, sure: true };
  return undefined;
}

function quoteLike(s: MScalar, value: string): string {
  if (s.style === 'double') return JSON.stringify(value);
  if (s.style === 'single') return `'${value}'`;
  return value;
}

export const logPriority: Rule = {
  id: 'log-priority',
  kinds: ['dragent'],
  severity: 'error',
  title: 'Log level the agent does not know',
  fixable: true,
  docs:
    'Checks `log.file_priority`, `log.console_priority` and `log.event_priority`. The agent accepts a level when the value starts with one of `emergency`, `alert`, `fatal`, `critical`, `error`, `warn`, `notice`, `info`, `debug`, `trace` or `none`, in any case (so `warning`, `Info` and `information` are fine), or is empty. ' +
    'Anything else makes configuration loading throw "Invalid log priority" and the agent refuses to start, so this is an error, not a warning. ' +
    'An empty value is reported too: the agent\'s YAML library turns it into the text `null`, which is not a level. ' +
    'The quick fix replaces an obvious near miss with the level that was meant (`verbose` → `debug`, `err` → `error`, `warm` → `warning`), keeping the quoting style.',
  check({ doc, report }) {
    const log = resolve(getProp(doc.root, 'log')?.value);
    if (!log || log.type !== 'object') return;
    for (const key of KEYS) {
      const prop = getProp(log, key);
      if (!prop) continue;
      const v = resolve(prop.value);
      if (v && v.type !== 'scalar') continue; // wrong type: the schema rule reports it
      if (!v || v.value === null) {
        report({
          start: prop.keyRange.start,
          end: prop.keyRange.end,
          message: `log.${key} has no value: the agent reads an empty value as the text "null", which is not a log level, and refuses to start ("Invalid log priority"). Write a level such as info, or remove the key.`,
        });
        continue;
      }
      if (isValidLogPriority(v.text)) continue;
      const s = v.style !== 'block' && prop.value === v ? suggestLogPriority(v.text) : undefined;
      const fixes: Fix[] | undefined = s
        ? [{ title: `Use \`${s.name}\``, edits: [{ start: v.range.start, end: v.range.end, newText: quoteLike(v, s.name) }], preferred: s.sure }]
        : undefined;
      report({
        start: v.range.start,
        end: v.range.end,
        message: `log.${key} is ${JSON.stringify(v.text)}, which is not a log level: the agent refuses to start ("Invalid log priority"). Use one of emergency, alert, fatal, critical, error, warning, notice, info, debug, trace or none${s ? `; did you mean ${s.name}?` : '.'}`,
        ...(fixes ? { fixes } : {}),
      });
    }
  },
};
