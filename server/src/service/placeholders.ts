/**
 * Leftovers from the vendor guide's examples: `YOUR-…-HERE` (any case, any dash — the guide itself
 * writes `YOUR-ACCESS—KEY-HERE` with an em dash), `COLLECTOR-ADDRESS-HERE`, the sample access key
 * `831g28-Your-Key-Here-a0fpc9d`, the sample credentials of its example file (`myacct:mypass`, either word on
 * its own too: `mesos_password: mypass`), and bracket templates such as `http://[username:password@][hostname][:port]`.
 * An IPv6 literal (`http://[fd00::5]:5050`) is not a template.
 *
 * Every scan here is linear in the string: a value may be a megabyte on one line (issue 10 §4). The two
 * `…-HERE` forms used to be regexes with a repeated group (`(?:-+word)*-+here`), tried again from every word
 * of a long dash-joined run — quadratic. They are now one pass over the words and dash runs: a match is a
 * chain of words joined by dashes, so each chain is judged once.
 */

export interface PlaceholderMatch {
  start: number;
  end: number;
  text: string;
  kind: 'sample-key' | 'sample-credentials' | 'here' | 'template';
}

// The lookbehind keeps the scan linear on long runs of letters and digits: a match starts only where a run
// starts, and each try reads one run and a fixed `-your-key-here-`.
const SAMPLE_KEY = /(?<![0-9a-z])[0-9a-z]+-your-key-here-[0-9a-z]+/giu;
// The guide's example dragent.yaml logs in as `myacct:mypass`; both words are the guide's, no real account's.
// The pair is one match (one finding on `http://myacct:mypass@…`), either word alone another. Fixed-length
// alternatives between two one-character lookarounds: one try per position.
const SAMPLE_CREDENTIALS = /(?<![\p{L}\p{N}_])(?:myacct:mypass|myacct|mypass)(?![\p{L}\p{N}_])/giu;
/** `YOUR-…-HERE`: words are runs of letters and digits; dashes are any Unicode dash, `_` or `−` */
const YOUR_TOKENS = /[\p{L}\p{N}]+|[\p{Pd}_\u2212]+/gu;
/**
 * `ABC-…-HERE` in capitals: words are runs of letters, digits and `_` (a word with `_` or a small letter
 * breaks the chain: `__FILL_IN_VERSION_HERE__` is some other tool's marker); dashes are not `_`.
 */
const UPPER_TOKENS = /[\p{L}\p{N}_]+|[\p{Pd}\u2212]+/gu;
const UPPER_WORD = /^[A-Z0-9]+$/;
// `[` is not inside: from a run of `[` without `]` each start would read to the end of the string.
const BRACKET = /\[([^[\]\s]*)\]/g;
const IPV6 = /^[0-9A-Fa-f:.]+$/;

interface Token {
  start: number;
  end: number;
}

/** Chains of words joined by dash runs (word, dash, word, …), each the list of its words. */
function chains(s: string, tokens: RegExp, isDash: RegExp): Token[][] {
  const out: Token[][] = [];
  let cur: Token[] = [];
  let lastWordEnd = -1;
  let dashEnd = -1; // end of the dash run right after the chain's last word, if any
  for (const m of s.matchAll(tokens)) {
    const start = m.index!;
    const end = start + m[0].length;
    if (isDash.test(m[0])) {
      dashEnd = start === lastWordEnd ? end : -1;
      continue;
    }
    if (start !== dashEnd && cur.length) {
      out.push(cur);
      cur = [];
    }
    cur.push({ start, end });
    lastWordEnd = end;
    dashEnd = -1;
  }
  if (cur.length) out.push(cur);
  return out;
}

/** Lazy `your(-word)*?-here`: each `your` word opens a match that the next `here` word of its chain closes. */
function yourHere(s: string): Span[] {
  const out: Span[] = [];
  for (const chain of chains(s, YOUR_TOKENS, /^[\p{Pd}_\u2212]/u)) {
    let open = -1;
    for (const w of chain) {
      const lower = w.end - w.start === 4 ? s.slice(w.start, w.end).toLowerCase() : '';
      if (open >= 0 && lower === 'here') {
        out.push({ start: open, end: w.end });
        open = -1;
      } else if (open < 0 && lower === 'your') open = w.start;
    }
  }
  return out;
}

/**
 * Greedy `[A-Z][A-Z0-9]*(-[A-Z0-9]+)*-HERE`: within a chain of capital words, from the first word that starts
 * with a letter to the last `HERE` word after it. A word with anything else (a small letter, `_`) ends the chain.
 */
function upperHere(s: string): Span[] {
  const out: Span[] = [];
  for (const chain of chains(s, UPPER_TOKENS, /^[\p{Pd}\u2212]/u)) {
    let run: Token[] = [];
    const flush = () => {
      const first = run.findIndex((w) => s.charCodeAt(w.start) >= 65 && s.charCodeAt(w.start) <= 90);
      let last = -1;
      for (let i = run.length - 1; i > first && first >= 0; i--) {
        if (s.slice(run[i].start, run[i].end) === 'HERE') {
          last = i;
          break;
        }
      }
      if (first >= 0 && last > first) out.push({ start: run[first].start, end: run[last].end });
      run = [];
    };
    for (const w of chain) {
      if (UPPER_WORD.test(s.slice(w.start, w.end))) run.push(w);
      else flush();
    }
    flush();
  }
  return out;
}

interface Span {
  start: number;
  end: number;
}

export function findPlaceholders(s: string): PlaceholderMatch[] {
  // Every placeholder contains "here", a bracket or the guide's sample account; most strings contain none (cheap pre-check).
  if (!s.includes('[') && !/here|myacct|mypass/i.test(s)) return [];
  // Each group's matches are in order and apart; a match overlapping one of an earlier group is dropped.
  // Merged group by group with two pointers (a scan of all earlier matches per match was quadratic).
  let accepted: PlaceholderMatch[] = [];
  const addGroup = (spans: Span[], kind: PlaceholderMatch['kind']) => {
    const merged: PlaceholderMatch[] = [];
    let j = 0;
    for (const sp of spans) {
      while (j < accepted.length && accepted[j].end <= sp.start) merged.push(accepted[j++]);
      if (j < accepted.length && accepted[j].start < sp.end) continue;
      merged.push({ start: sp.start, end: sp.end, text: s.slice(sp.start, sp.end), kind });
    }
    while (j < accepted.length) merged.push(accepted[j++]);
    accepted = merged;
  };
  addGroup(
    [...s.matchAll(SAMPLE_KEY)].map((m) => ({ start: m.index!, end: m.index! + m[0].length })),
    'sample-key',
  );
  addGroup(
    [...s.matchAll(SAMPLE_CREDENTIALS)].map((m) => ({ start: m.index!, end: m.index! + m[0].length })),
    'sample-credentials',
  );
  addGroup(yourHere(s), 'here');
  addGroup(upperHere(s), 'here');
  if (s.includes('://')) {
    // Bracket templates only make sense in URIs; a run of adjacent groups is one template.
    const templates: Span[] = [];
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
        if (runStart >= 0) templates.push({ start: runStart, end: runEnd });
        runStart = st;
        runEnd = en;
      }
    }
    if (runStart >= 0) templates.push({ start: runStart, end: runEnd });
    addGroup(templates, 'template');
  }
  return accepted;
}

export function hasPlaceholder(s: string): boolean {
  return findPlaceholders(s).length > 0;
}
