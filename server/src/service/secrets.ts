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

export class Secrets {
  /** every secret as given (any length ≥ 1) */
  private readonly exact = new Set<string>();
  /** the forms searched for inside longer strings (each ≥ MIN_SUBSTRING), longest first when used */
  private readonly forms = new Set<string>();
  private sorted: string[] | undefined;

  /** A secret value (a password, the access key, a secret `${VAR}`): empty and undefined are ignored. */
  add(...values: (string | undefined | null)[]): this {
    for (const v of values) {
      if (typeof v !== 'string' || v === '') continue;
      this.exact.add(v);
      for (const f of [v, ...percentForms(v), jsonEscaped(v)]) {
        if (f !== '') this.exact.add(f);
        if (f.length >= MIN_SUBSTRING) this.forms.add(f);
      }
      this.sorted = undefined;
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
    let out = maskJacksonSource(maskUserInfo(s));
    if (this.exact.has(out)) return MASK;
    this.sorted ??= [...this.forms].sort((a, b) => b.length - a.length);
    for (const f of this.sorted) if (out.includes(f)) out = out.split(f).join(MASK);
    // A quote cut short (a server's answer, a log line) ends in `…`: the start of a secret left there
    // is masked too, down to MIN_SUBSTRING characters.
    if (out.includes('…')) {
      for (const f of this.sorted) {
        for (let k = f.length - 1; k >= MIN_SUBSTRING; k--) {
          const head = f.slice(0, k) + '…';
          if (out.includes(head)) out = out.split(head).join(`${MASK}…`);
        }
      }
    }
    return out;
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
