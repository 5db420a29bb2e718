import { defaultClause, displayPath, refName, walkWithSchema } from '../../schema';
import type { Fix } from '../../types';
import type { Rule } from '../rule';

const NUMERIC_DEFS = new Set(['int', 'int64', 'uint16', 'uint32', 'uint64', 'float']);
const INTEGER_DEFS = new Set(['int', 'int64', 'uint16', 'uint32', 'uint64']);

type Dim = 'time' | 'size' | 'percent';
interface Unit {
  dim: Dim;
  /** seconds for time, bytes for size (undefined: decimal or binary, we cannot tell), 1 for percent */
  factor?: number;
  /** canonical name, to compare a value unit with a key unit when the factor is unknown */
  canon: string;
}

const TIME: Record<string, number> = {
  ns: 1e-9,
  nanosecond: 1e-9,
  nanoseconds: 1e-9,
  us: 1e-6,
  'µs': 1e-6,
  microsecond: 1e-6,
  microseconds: 1e-6,
  ms: 1e-3,
  msec: 1e-3,
  millisecond: 1e-3,
  milliseconds: 1e-3,
  s: 1,
  sec: 1,
  secs: 1,
  second: 1,
  seconds: 1,
  min: 60,
  mins: 60,
  minute: 60,
  minutes: 60,
  h: 3600,
  hr: 3600,
  hrs: 3600,
  hour: 3600,
  hours: 3600,
  d: 86400,
  day: 86400,
  days: 86400,
};

/** size units: binary ones are exact; k/kb/m/mb/g/gb may mean 1000 or 1024 */
const SIZE: Record<string, Unit> = {
  b: { dim: 'size', factor: 1, canon: 'b' },
  byte: { dim: 'size', factor: 1, canon: 'b' },
  bytes: { dim: 'size', factor: 1, canon: 'b' },
  k: { dim: 'size', canon: 'k' },
  kb: { dim: 'size', canon: 'k' },
  ki: { dim: 'size', factor: 1024, canon: 'ki' },
  kib: { dim: 'size', factor: 1024, canon: 'ki' },
  mb: { dim: 'size', canon: 'm' },
  mi: { dim: 'size', factor: 1024 ** 2, canon: 'mi' },
  mib: { dim: 'size', factor: 1024 ** 2, canon: 'mi' },
  g: { dim: 'size', canon: 'g' },
  gb: { dim: 'size', canon: 'g' },
  gi: { dim: 'size', factor: 1024 ** 3, canon: 'gi' },
  gib: { dim: 'size', factor: 1024 ** 3, canon: 'gi' },
  tb: { dim: 'size', canon: 't' },
  ti: { dim: 'size', factor: 1024 ** 4, canon: 'ti' },
  tib: { dim: 'size', factor: 1024 ** 4, canon: 'ti' },
};

/** A unit word; `m` alone is minutes for a time key and megabytes for a size key. */
function unitOf(word: string, keyDim: Dim | undefined): Unit | undefined {
  const w = word.toLowerCase();
  if (w === '%') return { dim: 'percent', factor: 1, canon: '%' };
  if (w === 'm') return keyDim === 'size' ? { dim: 'size', canon: 'm' } : { dim: 'time', factor: 60, canon: 'min' };
  if (w in TIME) return { dim: 'time', factor: TIME[w], canon: `t${TIME[w]}` };
  return SIZE[w];
}

/** The unit a key's name carries: `mesos_timeout_ms` → ms, `max_memory_usage_mb` → MB, `…_percentage…` → %. */
export function keyUnit(key: string): Unit | undefined {
  const k = key.toLowerCase();
  const m = /_(ns|us|ms|s|sec|secs|seconds|minutes|mins|hours|mb|kb|b)$/.exec(k);
  if (m) {
    const u = m[1];
    if (u === 'mb') return { dim: 'size', canon: 'm' };
    if (u === 'kb') return { dim: 'size', canon: 'k' };
    if (u === 'b') return { dim: 'size', factor: 1, canon: 'b' };
    return unitOf(u, 'time');
  }
  if (/percent/.test(k)) return { dim: 'percent', factor: 1, canon: '%' };
  return undefined;
}

const ONE = /([+-]?(?:\d+(?:\.\d*)?|\.\d+))\s*([a-zA-Zµ]+|%)/y;

/** `10s`, `30 s`, `1m30s`, `512MB`, `60%` → parts; undefined for anything else (incl. plain numbers). */
export function parseWithUnit(text: string): { value: number; unit: string }[] | undefined {
  const t = text.trim();
  if (!t || !/[a-zA-Zµ%]/.test(t) || !/^[+-]?[\d.]/.test(t)) return undefined;
  const parts: { value: number; unit: string }[] = [];
  let i = 0;
  while (i < t.length) {
    ONE.lastIndex = i;
    const m = ONE.exec(t);
    if (!m) return undefined;
    parts.push({ value: Number(m[1]), unit: m[2] });
    i = ONE.lastIndex;
    while (t[i] === ' ') i++;
  }
  return parts.length ? parts : undefined;
}

/** The plain number for the key's unit, when the conversion is exact and unambiguous. */
export function convert(parts: { value: number; unit: string }[], key: Unit | undefined, integer: boolean): number | undefined {
  if (!key) return undefined;
  let total = 0;
  for (const p of parts) {
    const u = unitOf(p.unit, key.dim);
    if (!u || u.dim !== key.dim) return undefined;
    if (u.canon === key.canon) total += p.value;
    else if (u.factor !== undefined && key.factor !== undefined) total += (p.value * u.factor) / key.factor;
    else return undefined;
  }
  const rounded = Math.round(total);
  if (integer) {
    if (Math.abs(total - rounded) > 1e-9 * Math.max(1, Math.abs(total))) return undefined;
    return rounded;
  }
  return Number(total.toPrecision(12));
}

export const numberWithUnit: Rule = {
  id: 'number-with-unit',
  kinds: ['dragent'],
  severity: 'warning',
  title: 'Number written with a unit',
  fixable: true,
  docs:
    'Numeric settings take a plain number; the unit is part of the key name (`mesos_timeout_ms` is in milliseconds, `k8s_timeout_s` in seconds, `watchdog.max_memory_usage_mb` in megabytes). ' +
    'The agent\'s YAML library cannot convert `10s`, `30 s`, `1m` or `512MB` to a number, so the agent logs "Config file error at key …", ignores the value and keeps the default, which is rarely what was meant. ' +
    'When the key name tells the unit and the value converts exactly (`mesos_timeout_ms: 10s` → `10000`, `k8s_timeout_s: 2m` → `120`), the quick fix writes the plain number; sizes with an ambiguous prefix (MB vs MiB) are only converted when the value already uses the key\'s unit.',
  check({ doc, report }) {
    walkWithSchema(doc.root, 'dragent', ({ node, path, prop, own: ps }) => {
      if (node.type !== 'scalar' || !prop || typeof node.value !== 'string') return;
      const def = refName(ps);
      if (!def || !NUMERIC_DEFS.has(def)) return;
      const parts = parseWithUnit(node.text);
      if (!parts) return;
      const key = String(path[path.length - 1]);
      const n = convert(parts, keyUnit(key), INTEGER_DEFS.has(def));
      const name = displayPath(path);
      const inList = path.some((s) => typeof s === 'number');
      const consequence = inList ? 'the agent cannot convert it and cannot use this value' : `the agent cannot convert it, ignores it and ${defaultClause(ps)}`;
      const fixes: Fix[] | undefined =
        n !== undefined && node.style !== 'block'
          ? [{ title: `Write ${n}`, edits: [{ start: node.range.start, end: node.range.end, newText: String(n) }], preferred: true }]
          : undefined;
      report({
        start: node.range.start,
        end: node.range.end,
        message: `${name} must be a plain number without a unit, got ${JSON.stringify(node.text)}: ${consequence}.${n !== undefined ? ` Write ${n}${keyUnitWord(key)}.` : ''}`,
        ...(fixes ? { fixes } : {}),
      });
    });
  },
};

function keyUnitWord(key: string): string {
  const m = /_(ns|us|ms|s|sec|secs|seconds|minutes|mins|hours|mb|kb|b)$/.exec(key.toLowerCase());
  if (!m) return /percent/.test(key) ? ' (percent)' : '';
  const words: Record<string, string> = { ns: 'nanoseconds', us: 'microseconds', ms: 'milliseconds', s: 'seconds', sec: 'seconds', secs: 'seconds', seconds: 'seconds', minutes: 'minutes', mins: 'minutes', hours: 'hours', mb: 'megabytes', kb: 'kilobytes', b: 'bytes' };
  return ` (${words[m[1]]}, as the key name says)`;
}
