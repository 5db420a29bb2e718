/**
 * The Sysdig agent's URI grammar (libsinsp uri.cpp + uri_parser.c, agent-dragent.md §1.7, §4.2):
 * `scheme://[user:password@]host[:port][/path][?query]`. Shared by the URI rules and, later, the
 * cluster client, so both read a URI exactly as the agent does. No percent-decoding (the agent has none).
 * Offsets in results are relative to the start of the URI string.
 */

export interface AgentUri {
  scheme: string;
  /** raw user-info before `@`, undefined when absent */
  userinfo?: { start: number; end: number; user: string; password: string | undefined };
  host: { start: number; end: number; value: string; ipv6: boolean };
  port?: { start: number; end: number; value: number };
  /** path including the leading `/`, '' when absent */
  path: { start: number; end: number; value: string };
  query?: { start: number; end: number; value: string };
}

export type UriProblemCode =
  | 'empty'
  | 'no-scheme'
  | 'scheme-chars'
  | 'userinfo-no-colon'
  | 'userinfo-chars'
  | 'host-underscore'
  | 'host-chars'
  | 'host-empty'
  | 'port'
  | 'fragment';

export interface UriProblem {
  code: UriProblemCode;
  /** short reason, in the user's terms */
  message: string;
  start: number;
  end: number;
}

export type ParseResult = { ok: true; uri: AgentUri } | { ok: false; problem: UriProblem };

const USERINFO_OK = /^[A-Za-z0-9\-_.!~*'()%;:&=+$,]*$/;
const HOST_OK = /^[A-Za-z0-9.-]+$/;

/** A part short enough, and without white space, to be a typo worth quoting rather than swallowed text. */
function quotable(part: string): boolean {
  return part.length <= 12 && !/\s/.test(part);
}

export function parseAgentUri(s: string): ParseResult {
  const fail = (code: UriProblemCode, message: string, start: number, end: number): ParseResult => ({
    ok: false,
    problem: { code, message, start, end: Math.max(end, start) },
  });
  if (s.trim() === '') return fail('empty', 'the URI is empty', 0, s.length);
  const sep = s.indexOf('://');
  if (sep < 0) {
    return fail('no-scheme', 'it has no scheme: the agent needs `http://` in front of the host', 0, s.length);
  }
  const scheme = s.slice(0, sep);
  if (!/^[A-Za-z]+$/.test(scheme)) {
    return fail(scheme === '' ? 'no-scheme' : 'scheme-chars', `the scheme ${quotable(scheme) ? `${JSON.stringify(scheme)} ` : ''}is not letters only`, 0, sep);
  }
  let pos = sep + 3;
  const authEnd = (() => {
    for (let i = pos; i < s.length; i++) if (s[i] === '/' || s[i] === '?' || s[i] === '#') return i;
    return s.length;
  })();
  const authority = s.slice(pos, authEnd);
  let userinfo: AgentUri['userinfo'];
  const at = authority.lastIndexOf('@');
  // An `@` after the first `/`, `?` or `#`: credentials holding one of them, which end the host for the
  // agent (it would read the password as a port or a path). Reported as a credentials problem — the
  // host and port it would quote are pieces of the password.
  if (at < 0 && s.indexOf('@', authEnd) >= 0) {
    return fail(
      'userinfo-chars',
      'the credentials contain `/`, `?` or `#`, where the agent\'s URI parser ends the host name: percent-encode them (%2F, %3F, %23) or use the *_user/*_password keys',
      authEnd,
      authEnd + 1,
    );
  }
  if (at >= 0) {
    const raw = authority.slice(0, at);
    const start = pos;
    const end = pos + at;
    if (!USERINFO_OK.test(raw)) {
      const bad = [...raw].findIndex((c) => !USERINFO_OK.test(c));
      const colonAt = raw.indexOf(':');
      // A character of the user name may be quoted; one of the password never is (messages reach logs).
      const what = colonAt < 0 || bad > colonAt ? 'the credentials contain a character' : `the user name contains ${JSON.stringify(raw[bad])}, a character`;
      return fail(
        'userinfo-chars',
        `${what} which the agent's URI parser does not allow (only letters, digits and -_.!~*'()%;:&=+$,)`,
        start + bad,
        start + bad + 1,
      );
    }
    const colon = raw.indexOf(':');
    if (colon < 0) {
      return fail('userinfo-no-colon', 'the credentials have no `:` between user and password ("Invalid credentials format.")', start, end);
    }
    userinfo = { start, end, user: raw.slice(0, colon), password: raw.slice(colon + 1) };
    pos = end + 1;
  }
  // host [ ":" port ]
  let hostStart = pos;
  let hostEnd: number;
  let ipv6 = false;
  let rest: string;
  if (s[pos] === '[') {
    const close = s.indexOf(']', pos);
    if (close < 0 || close > authEnd) return fail('host-chars', 'the IPv6 address has no closing `]`', pos, authEnd);
    const inner = s.slice(pos + 1, close);
    if (!/^[0-9A-Fa-f:.]+$/.test(inner)) return fail('host-chars', `${JSON.stringify(s.slice(pos, close + 1))} is not an IPv6 address`, pos, close + 1);
    ipv6 = true;
    hostStart = pos;
    hostEnd = close + 1;
    rest = s.slice(hostEnd, authEnd);
  } else {
    const colon = s.indexOf(':', pos);
    hostEnd = colon >= 0 && colon < authEnd ? colon : authEnd;
    rest = s.slice(hostEnd, authEnd);
    const host = s.slice(pos, hostEnd);
    if (host === '') return fail('host-empty', 'it has no host name', pos, Math.max(pos + 1, hostEnd));
    if (!HOST_OK.test(host)) {
      const underscore = host.indexOf('_');
      if (underscore >= 0 && HOST_OK.test(host.replace(/_/g, '-'))) {
        return fail('host-underscore', 'the host name contains `_`, which the agent\'s URI parser rejects', pos + underscore, pos + underscore + 1);
      }
      const bad = [...host].findIndex((c) => !/[A-Za-z0-9.-]/.test(c));
      return fail('host-chars', `the host name contains ${JSON.stringify(host[bad])}, which the agent's URI parser rejects`, pos + bad, pos + bad + 1);
    }
  }
  let port: AgentUri['port'];
  if (rest !== '') {
    const pStart = hostEnd + 1;
    const digits = rest.slice(1);
    if (!rest.startsWith(':') || !/^[0-9]+$/.test(digits) || Number(digits) > 65535) {
      // Never quoted: `http://admin:Zq9s3cretPW` (a password without `@host`) is host `admin`, port
      // `Zq9s3cretPW` for the agent, and nothing tells a password from a mistyped port — nor a long run
      // (an unclosed quote swallowing the next lines, a password key among them). The range locates it.
      // The hint does not write out `user:password@host`: the CLI's failure line masks that as user-info.
      return fail('port', 'the port after the host is not a number from 0 to 65535 (a password goes between `user:` and `@host`)', hostEnd, authEnd);
    }
    port = { start: pStart, end: authEnd, value: Number(digits) };
  }
  let pathEnd = authEnd;
  while (pathEnd < s.length && s[pathEnd] !== '?' && s[pathEnd] !== '#') pathEnd++;
  const path = { start: authEnd, end: pathEnd, value: s.slice(authEnd, pathEnd) };
  let query: AgentUri['query'];
  let qEnd = pathEnd;
  if (s[pathEnd] === '?') {
    qEnd = s.indexOf('#', pathEnd);
    if (qEnd < 0) qEnd = s.length;
    query = { start: pathEnd, end: qEnd, value: s.slice(pathEnd + 1, qEnd) };
  }
  if (s[qEnd] === '#') return fail('fragment', 'it has a `#fragment`, which the agent cannot use', qEnd, s.length);
  return {
    ok: true,
    uri: { scheme: scheme.toLowerCase(), userinfo, host: { start: hostStart, end: hostEnd, value: s.slice(hostStart, hostEnd), ipv6 }, port, path, query },
  };
}

/**
 * Where the user-info (`user:password`, without the `@`) of a URI string is, relative to `s`: the agent's
 * grammar when it reads one; otherwise — a URI it rejects, or reads without credentials although an `@`
 * follows the `//` (a password holding `/`, `?` or `#`) — everything between the `//` (or the start, for
 * `user:pass@host` without a scheme) and the last `@`. Erring towards masking more is the safe side.
 */
export function userInfoSpan(s: string): { start: number; end: number } | undefined {
  const r = parseAgentUri(s);
  if (r.ok && r.uri.userinfo) return { start: r.uri.userinfo.start, end: r.uri.userinfo.end };
  const sep = s.indexOf('//');
  const from = sep >= 0 ? sep + 2 : 0;
  const at = s.lastIndexOf('@');
  if (at < from) return undefined;
  if (sep < 0 && /\s/.test(s.slice(0, at))) return undefined; // not `user:pass@host`: a sentence with an `@`
  return { start: from, end: at };
}

/** The user-info `raw` as shown: `user:***`, or `***` when it has no `:` (a token, or a password alone). */
function maskedInfo(raw: string): string {
  const c = raw.indexOf(':');
  return c >= 0 ? `${raw.slice(0, c)}:***` : '***';
}

/**
 * `host:port` with a port that is not a number shown as `host:***`: `http://admin:s3cret` (the `@host` forgotten)
 * is host `admin` and port `s3cret` to the agent's grammar, but what stands there is almost surely a password.
 * `authority` has no user-info; a bracketed IPv6 host without a port is left alone.
 */
function maskedBadPort(authority: string): string {
  const c = authority.lastIndexOf(':');
  if (c < 0 || authority.lastIndexOf(']') > c) return authority;
  const port = authority.slice(c + 1);
  return port !== '' && !/^[0-9]+$/.test(port) ? `${authority.slice(0, c + 1)}***` : authority;
}

/**
 * The end of the authority that starts at `from`: the first `/`, `?`, `#`, white space, or a character no URI
 * holds unescaped (a quote or bracket of the JSON or text around it), else the end.
 */
function authorityEnd(s: string, from: number): number {
  let end = from;
  while (end < s.length && !/[/?#\s"<>`\\{}|^]/.test(s[end])) end++;
  return end;
}

/** `http://user:***@host:5050/…`: one URI with its password masked, valid for the agent or not. */
export function redactUri(s: string): string {
  const span = userInfoSpan(s);
  if (span) return s.slice(0, span.start) + maskedInfo(s.slice(span.start, span.end)) + s.slice(span.end);
  const sep = s.indexOf('//');
  if (sep < 0) return s;
  const end = authorityEnd(s, sep + 2);
  return s.slice(0, sep + 2) + maskedBadPort(s.slice(sep + 2, end)) + s.slice(end);
}

/** The default port the agent assumes when a URI has none: from the scheme, never 5050/8080. */
export function effectivePort(uri: AgentUri): number | undefined {
  if (uri.port) return uri.port.value;
  if (uri.scheme === 'http') return 80;
  if (uri.scheme === 'https') return 443;
  return undefined;
}

/**
 * Every `scheme://user:password@` in a text (a message, a log line) with the password masked: the last
 * guard before text leaves for a screen or a log; URIs are masked where they are made (redactUri).
 * A URI in running text ends at white space; its user-info runs to the last `@` before that, so a
 * password holding `@`, `/`, `?` or `#` is masked whole. A scan, not a regular expression: linear.
 */
export function maskUserInfo(text: string): string {
  let out = '';
  let pos = 0;
  let sep = text.indexOf('://');
  while (sep >= 0) {
    let schemeStart = sep;
    while (schemeStart > pos && /[A-Za-z0-9+.-]/.test(text[schemeStart - 1])) schemeStart--;
    if (schemeStart === sep || !/[A-Za-z]/.test(text[schemeStart])) {
      sep = text.indexOf('://', sep + 3);
      continue;
    }
    const from = sep + 3;
    let end = from;
    while (end < text.length && !/\s/.test(text[end])) end++;
    // the last `@` of this run only: `lastIndexOf('@', end - 1)` read on past `from` back to any earlier `@`, once per
    // URI — quadratic on a long text of URIs without user-info (issue 10 §4)
    const at = from + text.slice(from, end).lastIndexOf('@');
    // the whole run up to white space is done: a later `://` in it is inside this user-info or has no `@`
    if (at >= from) {
      out += text.slice(pos, from) + maskedInfo(text.slice(from, at));
      pos = at;
    } else {
      // no user-info: a port that is not a number is a password whose `@host` was forgotten (maskedBadPort)
      const aEnd = authorityEnd(text, from);
      const shown = maskedBadPort(text.slice(from, aEnd));
      if (shown !== text.slice(from, aEnd)) {
        out += text.slice(pos, from) + shown;
        pos = aEnd;
      }
    }
    sep = text.indexOf('://', end);
  }
  return out + text.slice(pos);
}
