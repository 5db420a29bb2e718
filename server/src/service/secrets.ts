/**
 * What a run knows to be secret, and the one masking every output door uses (CLI text/json, the LSP
 * server's answers, notifications and log, the client's texts). Pure: no I/O, so the client can use it.
 *
 * Two ways a secret is masked:
 * - **by structure**, whatever its length: the user-info of a URI (`maskUserInfo`, `redactUri` in
 *   agent-uri.ts), the values of secret-named variables and filled secret `${VAR}`s (deploy), the
 *   `[Source: …]` quote of a request body in a Jackson parse error, and any string value that *is* a
 *   known secret (exact match, any length ≥ 1).
 * - **by value** inside longer strings (messages, server answers quoted in errors, diff texts): every
 *   known secret of at least MIN_SUBSTRING characters, in each form it can take there — as written,
 *   percent-encoded, JSON-escaped and inside a Basic-auth header.
 *
 * Why the length floor: a password `1` or `ab` searched for inside every message would turn
 * "1 task(s) running" into "*** task(s) running" and mangle every word with an `a`, while telling a
 * reader nothing they could not already guess. Such short secrets never reach a message by a path we
 * do not mask structurally: we never quote credentials ourselves, a URI's user-info is masked before it
 * is shown, and the request bodies that carry secrets are not quoted back (Jackson excerpt).
 *
 * Masking happens on values, before anything is serialised: keys, numbers, booleans and null are never
 * touched (a password `false`, `null` or `marathon` cannot corrupt a JSON report), and `maskDeep` leaves
 * the fields that only ever hold our own enumerations (`KEEP_KEYS`) alone.
 */

import { maskUserInfo, userInfoSpan } from './agent-uri';

export const MASK = '***';
export const MIN_SUBSTRING = 4;

/** Fields whose values are our own ids and enumerations, never user or server text. */
const KEEP_KEYS: ReadonlySet<string> = new Set(['id', 'status', 'source', 'auth', 'outcome', 'action', 'kind', 'code', 'ruleId', 'severity']);

function base64(s: string): string {
  // btoa wants Latin-1: go through UTF-8 bytes, as the Basic header does.
  const bytes = new TextEncoder().encode(s);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

function percentForms(s: string): string[] {
  const out = [encodeURIComponent(s)];
  try {
    out.push(decodeURIComponent(s));
  } catch {
    // not a percent-encoded string: nothing to add
  }
  return out;
}

/** `"` `\` and controls as JSON writes them inside a string. */
function jsonEscaped(s: string): string {
  return JSON.stringify(s).slice(1, -1);
}

/** A Jackson parse error quotes the start of the body it could not read: ours carries the secrets. */
export function maskJacksonSource(text: string): string {
  if (!text.includes('[Source: ')) return text;
  // A body quote can hold `]`: cut from "[Source: " to the last "; line: N, column: N]" after it.
  let out = '';
  let pos = 0;
  for (;;) {
    const start = text.indexOf('[Source: ', pos);
    if (start < 0) break;
    const tail = /; line: \d+, column: \d+\]/g;
    tail.lastIndex = start;
    let m: RegExpExecArray | null;
    let last: RegExpExecArray | null = null;
    while ((m = tail.exec(text)) !== null) last = m;
    if (!last) {
      out += text.slice(pos, start) + '[Source: (not shown)]';
      pos = text.length;
      break;
    }
    out += text.slice(pos, start) + `[Source: (not shown)${last[0]}`;
    pos = last.index + last[0].length;
  }
  return out + text.slice(pos);
}

/**
 * Every form of every secret found in one pass (Aho-Corasick): replacing form by form was
 * forms × text, 4.6 s for 8,000 secrets over a 530 KB app (issue 10 §4), paid by deploy several times
 * and by the language server on every answer.
 *
 * What is masked: every occurrence of a form, and — before each `…` that ends a quote cut short (a
 * server's answer, a log line) — the start of a form left there, down to MIN_SUBSTRING characters.
 * Each run of masked characters becomes one `***`; two occurrences that merely touch stay two. All the
 * matches ending at one position are suffixes of each other, so the longest of them covers the rest and
 * a secret that contains another is masked whole. Matches that partly overlap (two secrets sharing an
 * end and a start) are masked together, where replacing form by form left a piece of one of them shown.
 */
export class FormMatcher {
  /** goto function: node * 0x10000 + UTF-16 code unit → node (root is 0) */
  private readonly next = new Map<number, number>();
  private readonly fail: Int32Array;
  /** length of the trie path to each node: the longest prefix of a form the text just read ends with */
  private readonly depth: Int32Array;
  /** the longest form ending at each node, itself or along its fail links (0: none) */
  private readonly longest: Int32Array;

  constructor(forms: Iterable<string>) {
    const depth: number[] = [0];
    const own: number[] = [0];
    // children as linked lists, for the breadth-first pass that sets the fail links
    const firstChild: number[] = [-1];
    const sibling: number[] = [-1];
    const unit: number[] = [0];
    for (const f of forms) {
      let node = 0;
      for (let i = 0; i < f.length; i++) {
        const c = f.charCodeAt(i);
        let child = this.next.get(node * 0x10000 + c);
        if (child === undefined) {
          child = depth.length;
          depth.push(i + 1);
          own.push(0);
          firstChild.push(-1);
          sibling.push(firstChild[node]);
          unit.push(c);
          firstChild[node] = child;
          this.next.set(node * 0x10000 + c, child);
        }
        node = child;
      }
      own[node] = f.length;
    }
    const n = depth.length;
    this.fail = new Int32Array(n);
    this.depth = Int32Array.from(depth);
    this.longest = Int32Array.from(own);
    const queue = new Int32Array(n);
    let head = 0;
    let tail = 0;
    for (let c = firstChild[0]; c >= 0; c = sibling[c]) queue[tail++] = c; // fail[c] = root
    while (head < tail) {
      const u = queue[head++];
      for (let v = firstChild[u]; v >= 0; v = sibling[v]) {
        this.fail[v] = this.step(this.fail[u], unit[v]);
        // the fail target is shallower, so it was dequeued (and its `longest` set) before v
        if (this.longest[v] === 0) this.longest[v] = this.longest[this.fail[v]];
        queue[tail++] = v;
      }
    }
  }

  /** the node after reading code unit c in node `node` */
  private step(node: number, c: number): number {
    for (;;) {
      const to = this.next.get(node * 0x10000 + c);
      if (to !== undefined) return to;
      if (node === 0) return 0;
      node = this.fail[node];
    }
  }

  mask(text: string): string {
    // masked intervals [start, end), kept merged; they arrive in order of end, and one may reach back
    // over earlier ones (a longer form ending later), which are then absorbed
    const starts: number[] = [];
    const ends: number[] = [];
    const cover = (start: number, end: number): void => {
      while (ends.length > 0 && start < ends[ends.length - 1]) {
        start = Math.min(start, starts.pop()!);
        ends.pop();
      }
      starts.push(start);
      ends.push(end);
    };
    let node = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x2026 /* … */ && this.depth[node] >= MIN_SUBSTRING) cover(i - this.depth[node], i);
      node = this.step(node, c);
      const len = this.longest[node];
      if (len > 0) cover(i + 1 - len, i + 1);
    }
    if (starts.length === 0) return text;
    let out = '';
    let pos = 0;
    for (let k = 0; k < starts.length; k++) {
      out += text.slice(pos, starts[k]) + MASK;
      pos = ends[k];
    }
    return out + text.slice(pos);
  }
}

export class Secrets {
  /** every secret as given (any length ≥ 1) */
  private readonly exact = new Set<string>();
  /** the forms searched for inside longer strings (each ≥ MIN_SUBSTRING), longest first when used */
  private readonly forms = new Set<string>();
  /** built on first use after an add: one automaton over all forms */
  private matcher: FormMatcher | undefined;

  /** A secret value (a password, the access key, a secret `${VAR}`): empty and undefined are ignored. */
  add(...values: (string | undefined | null)[]): this {
    for (const v of values) {
      if (typeof v !== 'string' || v === '') continue;
      this.exact.add(v);
      for (const f of [v, ...percentForms(v), jsonEscaped(v)]) {
        if (f !== '') this.exact.add(f);
        if (f.length >= MIN_SUBSTRING) this.forms.add(f);
      }
      this.matcher = undefined;
    }
    return this;
  }

  /**
   * A user and password: the password, `user:password` (what a server that decodes the header echoes;
   * long enough to be searched for even when the password alone is not), and the Basic header value.
   */
  addCredentials(c: { user: string; password: string } | undefined): this {
    if (!c || c.password === '') return this;
    return this.add(c.password, `${c.user}:${c.password}`, base64(`${c.user}:${c.password}`));
  }

  /**
   * The password of a URI's user-info (as written and percent-decoded), found as redactUri finds it: a
   * URI the agent rejects still has its password known, for the messages that quote what a server said.
   */
  addUri(uri: string | undefined): this {
    if (!uri) return this;
    const span = userInfoSpan(uri);
    if (!span) return this;
    const raw = uri.slice(span.start, span.end);
    const c = raw.indexOf(':');
    return this.add(c >= 0 ? raw.slice(c + 1) : raw);
  }

  /** Every secret of another set (a plan's, a run's). */
  addAll(other: Secrets | readonly string[] | undefined): this {
    if (!other) return this;
    if (other instanceof Secrets) this.add(...other.exact);
    else this.add(...other);
    return this;
  }

  get size(): number {
    return this.exact.size;
  }

  /** One string as it may be shown: user-info, a Jackson body quote, an exact secret and long secrets masked. */
  maskText(s: string): string {
    const out = maskJacksonSource(maskUserInfo(s));
    if (this.exact.has(out)) return MASK;
    if (this.forms.size === 0) return out;
    this.matcher ??= new FormMatcher(this.forms);
    return this.matcher.mask(out);
  }

  /**
   * A copy with every string value masked (keys never; numbers, booleans and null never; the fields in
   * KEEP_KEYS never): what goes to JSON.stringify, a notification or an LSP answer.
   */
  maskDeep<T>(value: T): T {
    return this.walk(value, undefined) as T;
  }

  private walk(v: unknown, key: string | undefined): unknown {
    if (typeof v === 'string') return key !== undefined && KEEP_KEYS.has(key) ? v : this.maskText(v);
    if (Array.isArray(v)) return v.map((x) => this.walk(x, undefined));
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) out[k] = this.walk(x, k);
      return out;
    }
    return v;
  }
}
