// A URI placeholder is asked for in steps so that a password is only ever typed into a hidden box: the host
// (and port) in a plain box, then the user name (optional), then the password (issue 11 §11). This file says
// which steps a placeholder needs, checks each step's own shape, and builds the value the fill puts in.
import type { Span } from '../types';

/** `host`: host[:port] (a scheme may be typed too); `credentials`: user, then password */
export type UriStep = 'host' | 'credentials';

/** What the steps collected; `password` only with `user`. */
export interface UriParts {
  host?: string;
  user?: string;
  password?: string;
}

/** The one step the box is on (the server checks that step, and the whole fill as far as it is known). */
export type UriStepName = 'host' | 'user' | 'password';

/**
 * The steps a URI placeholder needs, from where it stands: `myacct:mypass` before `@host` is the user-info
 * alone (user, password); a placeholder after `user:pass@` is the host alone; otherwise (`[hostname]`,
 * `[username:password@][hostname][:port]`, a whole `YOUR-…-HERE` value) the host, then optional credentials.
 */
export function uriSteps(text: string, span: Span): UriStep[] {
  if (text[span.end] === '@') return ['credentials'];
  if (/@[^\s/"'@]*$/.test(uriBefore(text, span.start))) return ['host'];
  return ['host', 'credentials'];
}

/** the URI text before `at` on its token: from the last white space, quote or line start (at most 200 characters) */
function uriBefore(text: string, at: number): string {
  const from = Math.max(0, at - 200);
  const before = text.slice(from, at);
  let i = before.length;
  while (i > 0 && !/[\s"']/.test(before[i - 1])) i--;
  return before.slice(i);
}

const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//;

/**
 * A typed host with credentials in it (`admin:s3cret@10.0.0.1`, `http://admin:s3cret@h:5050`): the host without
 * them, and the user and password, which belong in the next steps (the password in a hidden box).
 */
export function splitTypedCredentials(typed: string): { host: string; user: string; password: string } | undefined {
  const v = typed.trim();
  const scheme = SCHEME.exec(v)?.[0] ?? '';
  const rest = v.slice(scheme.length);
  // the authority's end is the first `/`, `?` or `#` after the last `@` (a password may hold any of them)
  const at = rest.lastIndexOf('@');
  if (at < 0) return undefined;
  const info = rest.slice(0, at);
  const colon = info.indexOf(':');
  return { host: scheme + rest.slice(at + 1), user: colon < 0 ? info : info.slice(0, colon), password: colon < 0 ? '' : info.slice(colon + 1) };
}

/** A step's own check (the file's rules check the whole URI afterwards); a message when the value cannot be used. */
export function checkUriStep(step: UriStepName, value: string, steps: readonly UriStep[]): string | undefined {
  const v = value.trim();
  if (step === 'host') {
    if (v === '') return 'Type the host name or IP address (and :port), such as 10.0.0.1:5050';
    if (v.includes('@')) {
      return steps.includes('credentials')
        ? 'User name and password are asked in the next steps (the password in a hidden box): moved there — type the host only'
        : 'This URI has its user name and password before the host already: type the host only';
    }
    if (/\s/.test(v)) return 'A host name has no spaces';
    return undefined;
  }
  if (step === 'user') {
    if (v.includes(':')) return 'A user name has no ":" — the password is asked in the next step, in a hidden box';
    if (/\s/.test(v)) return 'A user name has no spaces';
    return undefined;
  }
  if (value === '') return 'Type the password (or go back and leave the user name empty)';
  return undefined;
}

/**
 * The value that replaces the placeholder, from the parts. `schemeBefore`: the file has `scheme://` before the
 * placeholder's URI token (else `http://` is added unless one was typed).
 */
export function uriValue(steps: readonly UriStep[], parts: UriParts, schemeBefore: boolean): string {
  const user = parts.user?.trim() ?? '';
  const info = user !== '' ? `${user}:${parts.password ?? ''}` : '';
  if (!steps.includes('host')) return info;
  const host = (parts.host ?? '').trim();
  const typedScheme = SCHEME.exec(host)?.[0];
  const scheme = typedScheme ?? (schemeBefore ? '' : 'http://');
  const rest = typedScheme ? host.slice(typedScheme.length) : host;
  return `${scheme}${info !== '' && steps.includes('credentials') ? `${info}@` : ''}${rest}`;
}

/**
 * The length of the `:port` right after a host placeholder (`[marathon_ip]:8080`), else 0: a host typed with its own
 * port replaces it (`10.0.0.1:8080` there would otherwise read as host:port:port).
 */
export function portAfter(text: string, end: number): number {
  const m = /^:[0-9]{1,5}/.exec(text.slice(end, end + 7));
  return m && !/[0-9]/.test(text[end + m[0].length] ?? '') ? m[0].length : 0;
}

/** whether a typed host ends with a `:port` */
export function typedPort(host: string): boolean {
  return /:[0-9]{1,5}$/.test(host.trim());
}

/** whether the URI token before the placeholder holds a `scheme://` already */
export function hasSchemeBefore(text: string, at: number): boolean {
  // a scan back from the `://`, not an unanchored regex (that would retry at every letter of a long run)
  const token = uriBefore(text, at);
  const sep = token.indexOf('://');
  let i = sep;
  while (i > 0 && /[A-Za-z0-9+.-]/.test(token[i - 1])) i--;
  while (i < sep && !/[A-Za-z]/.test(token[i])) i++;
  return sep > 0 && i < sep;
}
