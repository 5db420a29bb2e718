/** "Did you mean …?" for keys: normalised match, then edit distance, then a unique prefix. */

/** Optimal-string-alignment distance (Levenshtein plus adjacent transpositions), capped at `max + 1`. */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = a.length;
  const m = b.length;
  let prev2: number[] = [];
  let prev = Array.from({ length: m + 1 }, (_, j) => j);
  for (let i = 1; i <= n; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= m; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[m];
}

function normalise(k: string): string {
  return k.toLowerCase().replace(/[-_\s.]/g, '');
}

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

export interface Suggestion {
  name: string;
  /** how sure we are: 'same' = same key up to case/separators; 'close' = one edit; 'far' = more */
  confidence: 'same' | 'close' | 'far';
}

const memo = new WeakMap<readonly string[], Map<string, Suggestion | undefined>>();

/**
 * The best known key for `key`, or undefined when nothing is close enough. Memoised per candidate
 * list (callers pass the same list object for the same schema level) and key.
 */
export function suggestKey(key: string, candidates: readonly string[]): Suggestion | undefined {
  let m = memo.get(candidates);
  if (!m) {
    m = new Map();
    memo.set(candidates, m);
  }
  if (m.has(key)) return m.get(key);
  const s = computeSuggestion(key, candidates);
  if (m.size > 10_000) m.clear();
  m.set(key, s);
  return s;
}

function computeSuggestion(key: string, candidates: readonly string[]): Suggestion | undefined {
  if (candidates.length === 0 || key.length === 0) return undefined;
  const nk = normalise(key);
  const same = candidates.filter((c) => normalise(c) === nk);
  if (same.length === 1) return { name: same[0], confidence: 'same' };
  const lower = key.toLowerCase();
  const max = lower.length <= 4 ? 1 : lower.length <= 9 ? 2 : 3;
  let best: { name: string; d: number; p: number } | undefined;
  for (const c of candidates) {
    const d = editDistance(lower, c.toLowerCase(), max);
    if (d > max) continue;
    const p = commonPrefix(lower, c.toLowerCase());
    if (!best || d < best.d || (d === best.d && (p > best.p || (p === best.p && c < best.name)))) best = { name: c, d, p };
  }
  if (best) return { name: best.name, confidence: best.d <= 1 ? 'close' : 'far' };
  // `mesos_timeout` → `mesos_timeout_ms`: the key is the start of exactly one known key.
  if (lower.length >= 5) {
    const starts = candidates.filter((c) => c.toLowerCase().startsWith(lower));
    if (starts.length === 1) return { name: starts[0], confidence: 'far' };
  }
  return undefined;
}
