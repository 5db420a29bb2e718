// Issue 10 §4: every regex over user text runs in linear time. This test finds every regex literal in server/src
// and client/src (a small lexer, below) and every `pattern` of the JSON schemas (the schema walker runs them over
// values), and runs each over long adversarial strings: runs of characters and pairs the regex itself uses, after
// the literal words it needs to get going, with a breaker at the end. A regex that backtracks super-linearly takes
// ~16× as long on four times the string; linear ones stay in the microseconds. `new RegExp(…)` call sites are built
// at run time and cannot be evaluated here: they are listed, so that a new one fails this test until it is reviewed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { projectRoot } from '../helpers/paths';
import { keyLine, trailingWord } from '../../server/src/service/features/completion';
import { maskUserInfo } from '../../server/src/service/agent-uri';
import { growth, MAX_GROWTH_4X } from './timing';

interface Found {
  file: string;
  source: string;
  flags: string;
}

function tsFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      if (name !== 'generated') out.push(...tsFiles(p));
    } else if (name.endsWith('.ts')) out.push(p);
  }
  return out;
}

const KEYWORDS_BEFORE_REGEX = new Set(['return', 'typeof', 'case', 'of', 'in', 'void', 'yield', 'await', 'throw', 'else', 'do', 'delete', 'new']);

/**
 * Regex literals of a TypeScript file: skips comments, strings and template text (code inside `${}` is lexed); a
 * `/` starts a regex where an operand is expected (not after an identifier, a number, `)` or `]`).
 */
function regexLiterals(src: string): { source: string; flags: string }[] {
  const out: { source: string; flags: string }[] = [];
  let lastSignificant = ''; // the previous token's last character, or a keyword
  let lastWord = '';
  const braces: ('code' | 'template')[] = [];
  let i = 0;
  const template = (): void => {
    // inside `…`: up to the closing backtick or a `${`
    while (i < src.length) {
      const c = src[i];
      if (c === '\\') i += 2;
      else if (c === '`') {
        i++;
        return;
      } else if (c === '$' && src[i + 1] === '{') {
        i += 2;
        braces.push('template');
        lastSignificant = '{';
        return code();
      } else i++;
    }
  };
  const code = (): void => {
    while (i < src.length) {
      const c = src[i];
      if (c === '/' && src[i + 1] === '/') i = src.indexOf('\n', i) < 0 ? src.length : src.indexOf('\n', i);
      else if (c === '/' && src[i + 1] === '*') i = src.indexOf('*/', i + 2) + 2;
      else if (c === "'" || c === '"') {
        let j = i + 1;
        while (j < src.length && src[j] !== c) j += src[j] === '\\' ? 2 : 1;
        i = j + 1;
        lastSignificant = 'x';
        lastWord = '';
      } else if (c === '`') {
        i++;
        template();
        lastSignificant = 'x';
        lastWord = '';
      } else if (c === '{') {
        braces.push('code');
        lastSignificant = '{';
        i++;
      } else if (c === '}') {
        const kind = braces.pop();
        i++;
        if (kind === 'template') return template();
        lastSignificant = '}';
      } else if (c === '/') {
        const operand = /[\w$)\]]/.test(lastSignificant) && !KEYWORDS_BEFORE_REGEX.has(lastWord);
        if (operand) {
          i++;
          lastSignificant = '/';
          lastWord = '';
          continue;
        }
        let j = i + 1;
        let inClass = false;
        for (; j < src.length; j++) {
          const d = src[j];
          if (d === '\\') j++;
          else if (d === '[') inClass = true;
          else if (d === ']') inClass = false;
          else if (d === '/' && !inClass) break;
        }
        const flags = /^[a-z]*/.exec(src.slice(j + 1))![0];
        out.push({ source: src.slice(i + 1, j), flags });
        i = j + 1 + flags.length;
        lastSignificant = 'x';
        lastWord = '';
      } else if (/\s/.test(c)) i++;
      else {
        const w = /^[\w$]+/.exec(src.slice(i, i + 64));
        if (w) {
          lastWord = w[0];
          lastSignificant = w[0][w[0].length - 1];
          i += w[0].length;
        } else {
          lastWord = '';
          lastSignificant = c === '=' && src[i + 1] === '>' ? '>' : c;
          i++;
        }
      }
    }
  };
  code();
  return out;
}

function allRegexes(): { literals: Found[]; constructed: string[] } {
  const root = projectRoot();
  const literals: Found[] = [];
  const constructed: string[] = [];
  for (const dir of ['server/src', 'client/src']) {
    for (const f of tsFiles(join(root, dir))) {
      const text = readFileSync(f, 'utf8');
      const file = relative(root, f);
      for (const r of regexLiterals(text)) literals.push({ file, ...r });
      const n = text.split('new RegExp(').length - 1;
      if (n) constructed.push(`${file} × ${n}`);
    }
  }
  for (const name of readdirSync(join(root, 'schemas'))) {
    if (!name.endsWith('.json')) continue;
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') {
        for (const [k, x] of Object.entries(v)) {
          if (k === 'pattern' && typeof x === 'string') literals.push({ file: `schemas/${name}`, source: x, flags: 'u' });
          else walk(x);
        }
      }
    };
    walk(JSON.parse(readFileSync(join(root, 'schemas', name), 'utf8')));
  }
  return { literals, constructed };
}

const PUMPS = ['a', 'A', '0', ' ', '\t', '-', '_', '.', ':', '/', '@', '#', '"', "'", '\\', '{', '}', '[', ']', '%', '$', '*', ',', '=', '\n', '\r\n', 'a ', ' a', 'a-', 'a:', ': ', 'a.', 'a/', '{{', '\\"', '"a', 'a1', 'aA', '\u00e9', '\u2014', '\u201c', '\u00a0'];
const SUFFIXES = ['', '!\u0000\n'];

/** literal words the regex needs before its repeats can run (`sysdig-mesos-disable-next-line`, `http://`, …) */
function fragments(source: string): string[] {
  const words = source.replace(/\\[dDsSwWbB]/g, ' ').replace(/\\(.)/g, '$1').match(/[A-Za-z][\w-]{2,}(?::\/\/)?/g) ?? [];
  return [...new Set(words)].slice(0, 3);
}

/** regexes that may be super-linear in general but only ever see a few characters; each with where and why */
const ALLOWED = new Set([
  // fill-placeholder.ts: run on the 20 characters before a placeholder (is a URI scheme right before it?)
  'server/src/service/features/fill-placeholder.ts /[A-Za-z][A-Za-z0-9+.-]*:\\/\\/$/',
]);

function timeOf(re: RegExp, s: string): number {
  const t0 = performance.now();
  if (re.global || re.sticky) {
    re.lastIndex = 0;
    let guard = 0;
    for (const _ of s.matchAll(re.global ? re : new RegExp(re.source, `${re.flags}g`))) if (++guard > s.length) break;
  } else re.exec(s);
  return performance.now() - t0;
}

test('every regex literal and schema pattern runs in linear time on adversarial strings', () => {
  const { literals } = allRegexes();
  assert.ok(literals.length > 100, `${literals.length} regexes found: the lexer lost its way`);
  const slow: string[] = [];
  for (const r of literals) {
    let re: RegExp;
    try {
      re = new RegExp(r.source, r.flags);
    } catch (e) {
      assert.fail(`${r.file}: /${r.source}/${r.flags} does not compile (${e}): the lexer lost its way`);
    }
    if (ALLOWED.has(`${r.file} /${r.source}/`)) continue;
    const prefixes = ['', 'http://', ...fragments(r.source).flatMap((w) => [w, `# ${w} `])];
    for (const prefix of prefixes) {
      for (const pump of PUMPS) {
        for (const suffix of SUFFIXES) {
          const make = (n: number) => prefix + pump.repeat(Math.ceil(n / pump.length)) + suffix;
          // a cheap screen at 5,000 characters; what is slow there is measured again at four times the length
          if (timeOf(re, make(5_000)) < 5) continue;
          const a = Math.min(timeOf(re, make(5_000)), timeOf(re, make(5_000)));
          const b = Math.min(timeOf(re, make(20_000)), timeOf(re, make(20_000)));
          if (b > 50 && b / Math.max(a, 1) > 8) slow.push(`${r.file}: /${r.source}/${r.flags} on ${JSON.stringify(prefix)} + ${JSON.stringify(pump)}… (${a.toFixed(0)} → ${b.toFixed(0)} ms)`);
        }
      }
    }
  }
  assert.deepEqual(slow, []);
});

test('the regexes built at run time are the reviewed ones', () => {
  // Reviewed for linearity (issue 10 §4):
  // - smart-quotes.ts: one character class of the typographic characters
  // - schema/walk.ts: the schemas' `pattern`s, which the test above runs
  // - marathon-constraint.ts: only compiles a LIKE/UNLIKE value to see whether Marathon would accept it; never runs it
  // - cli/config-health.ts: `^(["']?)key\1[ \t]*:` per line, for one of our own key names
  // - test-only copies are not in server/src or client/src
  assert.deepEqual(allRegexes().constructed.sort(), [
    'server/src/cli/config-health.ts × 1',
    'server/src/service/rules/common/smart-quotes.ts × 1',
    'server/src/service/rules/marathon/marathon-constraint.ts × 1',
    'server/src/service/schema/walk.ts × 1',
  ]);
});

// ---- the rewritten regexes match what they replaced (random short strings of the characters they care about)


const CHARS = ['a', 'B', '1', '-', '+', '.', ':', '/', '//', '://', '@', ' ', '\t', '\n', '\r', '#', '"', "'", '?', '{', ',', '\\', '_', 'http', '\u2028'];
const str = fc.array(fc.constantFrom(...CHARS), { maxLength: 16 }).map((p) => p.join(''));

test('rewritten regexes and scans agree with the ones they replaced', () => {
  const OLD_KEY_LINE = /^("[^"]*"|'[^']*'|[^\s#'"\-?:][^#]*?|-[^\s#][^#]*?)\s*:(?:\s+(.*))?$/;
  fc.assert(
    fc.property(str, (s) => {
      const m = OLD_KEY_LINE.exec(s);
      assert.deepEqual(keyLine(s), m ? { key: m[1], rest: m[2] } : undefined, `keyLine ${JSON.stringify(s)}`);
      assert.equal(trailingWord(s), /[^\s{,]*$/.exec(s)![0]);
      assert.equal(s.replace(/(?<!\s)\s*[\r\n]\s*/g, ' '), s.replace(/\s*[\r\n]+\s*/g, ' '));
      assert.equal(s.replace(/(?<!\/)\/+$/, ''), s.replace(/\/+$/, ''));
      assert.equal(s.replace(/(?<![\\/])[\\/]+$/, ''), s.replace(/[\\/]+$/, ''));
      assert.equal(s.replace(/(?<!\s)\s+#.*$/, ''), s.replace(/\s+#.*$/, ''));
      assert.equal(
        /^(?:[A-Za-z0-9_][^:#]*|"[^"\\]*"[ ]*|'[^']*'[ ]*):(?:[ \r\n]|$)/.test(s),
        /^(?:[A-Za-z0-9_][^:#]*?|"[^"\\]*"|'[^']*')[ ]*:(?:[ \r\n]|$)/.test(s),
        `column-0 key ${JSON.stringify(s)}`,
      );
    }),
    { numRuns: 20_000 },
  );
  const NUM = ['1', '0', '.', 'e', 'E', '+', '-', ' ', 'inf', '.inf', 'nan', 'x'];
  const OLD_FLOAT = /^([-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?\s*|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))$/u;
  const NEW_FLOAT = /^([-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?\s*|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))$/u;
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...NUM), { maxLength: 8 }), (p) => assert.equal(NEW_FLOAT.test(p.join('')), OLD_FLOAT.test(p.join('')), p.join(''))),
    { numRuns: 5_000 },
  );
});

test('maskUserInfo, the scan every output passes through, is linear on a long text of URIs without user-info', () => {
  // it looked for the `@` ending a URI's user-info back past the URI's start, to any earlier `@`: 600 KB of
  // `a://x ` took 8 s
  const text = (n: number) => 'a://x '.repeat(n);
  const [small, large] = [text(25_000), text(100_000)];
  assert.equal(maskUserInfo('see http://u:secret@h:8080/ and a://x'), 'see http://u:***@h:8080/ and a://x');
  const ratio = growth(() => maskUserInfo(small), () => maskUserInfo(large));
  assert.ok(ratio < MAX_GROWTH_4X, `150 KB → 600 KB: × ${ratio.toFixed(1)}`);
});
