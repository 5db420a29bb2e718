/**
 * Leftovers from the vendor guide's examples: `YOUR-…-HERE` (any case, any dash — the guide itself
 * writes `YOUR-ACCESS—KEY-HERE` with an em dash), `COLLECTOR-ADDRESS-HERE`, the sample access key
 * `831g28-Your-Key-Here-a0fpc9d`, the sample credentials of its example file (`myacct:mypass`, either word on
 * its own too: `mesos_password: mypass`), and bracket templates such as `http://[username:password@][hostname][:port]`.
 * An IPv6 literal (`http://[fd00::5]:5050`) is not a template.
 */

export interface PlaceholderMatch {
  start: number;
  end: number;
  text: string;
  kind: 'sample-key' | 'sample-credentials' | 'here' | 'template';
}

const DASH = '[\\p{Pd}_\\u2212]';
// The lookbehind keeps the scan linear on long runs of letters and digits.
const SAMPLE_KEY = /(?<![0-9a-z])[0-9a-z]+-your-key-here-[0-9a-z]+/giu;
const YOUR_HERE = new RegExp(`(?<![\\p{L}\\p{N}])your(?:${DASH}+[\\p{L}\\p{N}]+)*?${DASH}+here(?![\\p{L}\\p{N}])`, 'giu');
// Upper-case words joined by dashes (not underscores: `__FILL_IN_VERSION_HERE__` is some other tool's marker).
const HYPHEN = '[\\p{Pd}\\u2212]';
const UPPER_HERE = new RegExp(`(?<![\\p{L}\\p{N}_])[A-Z][A-Z0-9]*(?:${HYPHEN}+[A-Z0-9]+)*${HYPHEN}+HERE(?![\\p{L}\\p{N}_])`, 'gu');
// The guide's example dragent.yaml logs in as `myacct:mypass`; both words are the guide's, no real account's.
// The pair is one match (one finding on `http://myacct:mypass@…`), either word alone another.
const SAMPLE_CREDENTIALS = /(?<![\p{L}\p{N}_])(?:myacct:mypass|myacct|mypass)(?![\p{L}\p{N}_])/giu;
const BRACKET = /\[([^\]\s]*)\]/g;
const IPV6 = /^[0-9A-Fa-f:.]+$/;

export function findPlaceholders(s: string): PlaceholderMatch[] {
  // Every placeholder contains "here", a bracket or the guide's sample account; most strings contain none (cheap pre-check).
  if (!s.includes('[') && !/here|myacct|mypass/i.test(s)) return [];
  const out: PlaceholderMatch[] = [];
  const add = (start: number, end: number, kind: PlaceholderMatch['kind']) => {
    if (out.some((m) => start < m.end && m.start < end)) return;
    out.push({ start, end, text: s.slice(start, end), kind });
  };
  for (const m of s.matchAll(SAMPLE_KEY)) add(m.index!, m.index! + m[0].length, 'sample-key');
  for (const m of s.matchAll(SAMPLE_CREDENTIALS)) add(m.index!, m.index! + m[0].length, 'sample-credentials');
  for (const m of s.matchAll(YOUR_HERE)) add(m.index!, m.index! + m[0].length, 'here');
  for (const m of s.matchAll(UPPER_HERE)) add(m.index!, m.index! + m[0].length, 'here');
  if (s.includes('://')) {
    // Bracket templates only make sense in URIs; a run of adjacent groups is one template.
    let runStart = -1;
    let runEnd = -1;
    for (const m of s.matchAll(BRACKET)) {
      const inner = m[1];
      // template words such as `username:password@`, `hostname`, `:port`; never an IPv6 address or JSON text
      if (IPV6.test(inner) || !/[A-Za-z]{2,}/.test(inner) || !/^[A-Za-z:@_-]+$/.test(inner)) continue;
      const st = m.index!;
      const en = st + m[0].length;
      if (runStart >= 0 && st === runEnd) runEnd = en;
      else {
        if (runStart >= 0) add(runStart, runEnd, 'template');
        runStart = st;
        runEnd = en;
      }
    }
    if (runStart >= 0) add(runStart, runEnd, 'template');
  }
  return out.sort((a, b) => a.start - b.start);
}

export function hasPlaceholder(s: string): boolean {
  return findPlaceholders(s).length > 0;
}
