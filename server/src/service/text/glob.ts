/**
 * The file globs of `sysdig-mesos.files.*` and of `.sysdig-mesos.json` ignores, matched without regexes.
 *
 * Syntax (unchanged from the regexes this replaces): `*` any run of characters other than `/`, `?` one such
 * character, `**​/` zero or more folders, `**` elsewhere anything (`/` too); every other character is literal
 * (`[`, `{`, `,` included). A leading `./` or `/` is dropped and `\` is read as `/`.
 *
 * Why not a RegExp: `*` became `[^/]*`, and a glob of 40 stars against a name that does not match made the
 * regex engine try every way of splitting the name among the stars — seconds per file for an untrusted
 * workspace's settings (issue 10 §4). Here the glob is a list of steps and matching keeps the set of steps
 * reachable after each character of the path (a Thompson NFA): time is at most path length × glob length,
 * whatever the glob. Globs longer than `MAX_GLOB_LENGTH` are refused with a message instead.
 */

export const MAX_GLOB_LENGTH = 1000;

type Step =
  | { t: 'char'; c: number } // one literal UTF-16 unit
  | { t: 'one' } // `?`
  | { t: 'star' } // `*`: zero or more non-`/`
  | { t: 'any' } // `**` not before `/`: zero or more of anything
  | { t: 'dirs' }; // `**/`: zero or more `name/`

export interface GlobOptions {
  /** compare without case (the `files.*` globs) */
  ignoreCase?: boolean;
  /**
   * `'whole'`: the glob matches the whole path; `'tail'`: the whole path or a part of it after a `/` (what
   * `(?:^|/)glob$` meant)
   */
  anchor: 'whole' | 'tail';
}

export interface CompiledGlob {
  test(path: string): boolean;
}

/** Why a glob is refused (a message for settings and `.sysdig-mesos.json` problems), or undefined. */
export function globProblem(glob: string): string | undefined {
  if (glob.length > MAX_GLOB_LENGTH) return `a glob longer than ${MAX_GLOB_LENGTH} characters (${glob.length}) is not used`;
  return undefined;
}

const NEVER: CompiledGlob = { test: () => false };

/** `\` read as `/`, a leading `./` or `/` dropped: the glob as it is matched */
export function normalizeGlob(glob: string): string {
  return glob.replace(/\\/g, '/').replace(/^\.?\//, '');
}

const cache = new Map<string, CompiledGlob>();

/** Compiles a glob (remembering the last few hundred); a refused one (see `globProblem`) matches nothing. */
export function compileGlob(glob: string, options: GlobOptions): CompiledGlob {
  const key = `${options.anchor}${options.ignoreCase ? 'i' : ''}:${glob}`;
  let c = cache.get(key);
  if (!c) {
    c = compile(glob, options);
    if (cache.size > 500) cache.clear();
    cache.set(key, c);
  }
  return c;
}

function compile(glob: string, options: GlobOptions): CompiledGlob {
  if (globProblem(glob)) return NEVER;
  let g = normalizeGlob(glob);
  if (options.ignoreCase) g = g.toLowerCase();
  const steps: Step[] = options.anchor === 'tail' ? [{ t: 'dirs' }] : [];
  for (let i = 0; i < g.length; i++) {
    const ch = g[i];
    if (ch === '*' && g[i + 1] === '*') {
      if (g[i + 2] === '/') {
        steps.push({ t: 'dirs' });
        i += 2;
      } else {
        steps.push({ t: 'any' });
        i += 1;
      }
    } else if (ch === '*') steps.push({ t: 'star' });
    else if (ch === '?') steps.push({ t: 'one' });
    else steps.push({ t: 'char', c: g.charCodeAt(i) });
  }
  // runs of `*` (and of `**`) match what one does: fewer steps, same answer
  const merged: Step[] = [];
  for (const s of steps) {
    const last = merged[merged.length - 1];
    if (last && (s.t === 'star' || s.t === 'any') && last.t === s.t) continue;
    merged.push(s);
  }
  const ignoreCase = !!options.ignoreCase;
  return { test: (path) => run(merged, ignoreCase ? path.toLowerCase() : path) };
}

const SLASH = 0x2f;

/**
 * The NFA run. `at[i]`: step i is next (everything before it matched); `mid[i]`: inside a folder name of the
 * `**​/` at step i. Steps that match zero characters pass their state on to the next step (the closure).
 */
function run(steps: readonly Step[], path: string): boolean {
  const m = steps.length;
  let at = new Uint8Array(m + 1);
  let mid = new Uint8Array(m);
  let nextAt = new Uint8Array(m + 1);
  let nextMid = new Uint8Array(m);
  at[0] = 1;
  close(steps, at);
  for (let k = 0; k < path.length; k++) {
    const c = path.charCodeAt(k);
    nextAt.fill(0);
    nextMid.fill(0);
    let alive = false;
    for (let i = 0; i < m; i++) {
      if (mid[i]) {
        if (c === SLASH) nextAt[i] = 1;
        else nextMid[i] = 1;
        alive = true;
      }
      if (!at[i]) continue;
      const s = steps[i];
      switch (s.t) {
        case 'char':
          if (c === s.c) (nextAt[i + 1] = 1), (alive = true);
          break;
        case 'one':
          if (c !== SLASH) (nextAt[i + 1] = 1), (alive = true);
          break;
        case 'star':
          if (c !== SLASH) (nextAt[i] = 1), (alive = true);
          break;
        case 'any':
          nextAt[i] = 1;
          alive = true;
          break;
        case 'dirs':
          if (c === SLASH) nextAt[i] = 1;
          else nextMid[i] = 1;
          alive = true;
          break;
      }
    }
    if (!alive) return false;
    [at, nextAt] = [nextAt, at];
    [mid, nextMid] = [nextMid, mid];
    close(steps, at);
  }
  return at[m] === 1;
}

/** zero-width passes: `*`, `**` and `**​/` may match nothing (in order, so chains of them pass through) */
function close(steps: readonly Step[], at: Uint8Array): void {
  for (let i = 0; i < steps.length; i++) {
    if (at[i] && (steps[i].t === 'star' || steps[i].t === 'any' || steps[i].t === 'dirs')) at[i + 1] = 1;
  }
}
