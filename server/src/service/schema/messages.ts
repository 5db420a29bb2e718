import type { DocKind } from '../types';
import type { JsonSchema, PathSeg } from './walk';

/** `app_checks[2].pattern.port`, `container.docker.network`; the root is `(document)`. */
export function displayPath(path: readonly PathSeg[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out ? `.${seg}` : seg;
  }
  return out || '(document)';
}

function clip(s: string, max = 60): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** "the string "maybe"", "the number 1.5", "an empty value", "a mapping" … */
export function describeValue(v: unknown, kind: DocKind): string {
  if (v === null || v === undefined) return 'an empty value';
  if (typeof v === 'string') return v === '' ? 'an empty string' : `the string ${JSON.stringify(clip(v))}`;
  if (typeof v === 'number') return `the number ${v}`;
  if (typeof v === 'boolean') return `the boolean ${v}`;
  if (Array.isArray(v)) return kind === 'dragent' ? 'a list' : 'an array';
  return kind === 'dragent' ? 'a mapping' : 'an object';
}

const TYPE_WORDS: Record<string, { dragent: string; json: string }> = {
  string: { dragent: 'a string', json: 'a string' },
  integer: { dragent: 'an integer', json: 'an integer' },
  number: { dragent: 'a number', json: 'a number' },
  boolean: { dragent: 'a boolean', json: 'a boolean (true or false)' },
  object: { dragent: 'a mapping', json: 'an object' },
  array: { dragent: 'a list', json: 'an array' },
  null: { dragent: 'empty', json: 'null' },
};

/** "an integer", "a string or an object" from a `type` keyword value. */
export function typePhrase(type: unknown, kind: DocKind): string {
  const list = (Array.isArray(type) ? type : [type]).filter((t): t is string => typeof t === 'string' && t !== 'null');
  const words = list.map((t) => TYPE_WORDS[t]?.[kind === 'dragent' ? 'dragent' : 'json'] ?? t);
  if (words.length === 0) return 'a value of another type';
  return joinOr([...new Set(words)]);
}

export function joinOr(words: string[]): string {
  if (words.length <= 1) return words[0] ?? '';
  return `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

/** How a default value reads in a message: 10000, "collector.sysdigcloud.com", [a, b], "" (empty). */
export function formatDefault(v: unknown): string {
  if (typeof v === 'string') return v === '' ? '"" (empty)' : JSON.stringify(v);
  if (Array.isArray(v)) return v.length ? `[${v.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))).join(', ')}]` : '[] (empty)';
  return JSON.stringify(v);
}

/** "uses the default 10000", "uses the default 6443 (6666 before 2020-01)", "uses its built-in default". */
export function defaultClause(prop: JsonSchema | undefined): string {
  if (prop && 'default' in prop) {
    const note = typeof prop['x-defaultNote'] === 'string' ? ` (${prop['x-defaultNote']})` : '';
    return `uses the default ${formatDefault(prop.default)}${note}`;
  }
  if (prop && typeof prop['x-defaultNote'] === 'string') {
    const note = prop['x-defaultNote'] as string;
    return /computed/.test(note) ? 'uses the value it computes itself' : `uses its default (${note})`;
  }
  return 'uses its built-in default';
}
