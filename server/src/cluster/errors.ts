import { redactUri } from '../service/agent-uri';

/**
 * Every failure talking to Mesos or Marathon is one `ClusterError`: a kind a program can branch on and
 * one line for a person, naming the URL (password masked) and the next step. Messages never carry a
 * password: URLs go through `redactUri`, and no header value is ever quoted.
 */
export type ClusterErrorKind =
  | 'bad-uri'
  | 'refused'
  | 'dns'
  | 'timeout'
  | 'tls'
  | 'tls-certificate'
  | 'reset'
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'no-leader'
  | 'http'
  | 'not-json'
  | 'oversize'
  | 'redirects'
  /** the caller's AbortSignal fired (Ctrl-C, the editor's Cancel): not a cluster fault */
  | 'cancelled';

export class ClusterError extends Error {
  override readonly name = 'ClusterError';
  constructor(
    readonly kind: ClusterErrorKind,
    message: string,
    readonly details: { url?: string; status?: number; realm?: string; code?: string } = {},
  ) {
    super(oneLine(message));
  }
}

/** The URL as it may be shown: password masked, and nothing but one line. */
export function showUrl(url: string): string {
  const r = redactUri(url);
  // No scheme (`user:pass@host`, a common mistake): mask the password all the same.
  return r === url ? url.replace(/^([^@/:\s]*):([^@/\s]*)@/, '$1:***@') : r;
}

function oneLine(s: string): string {
  return s.replace(/(?<!\s)\s*[\r\n]\s*/g, ' ').trim();
}

/** `host:port` of an http(s) URL, with the scheme's default port filled in. */
export function hostPort(url: string | URL): string {
  const u = typeof url === 'string' ? new URL(url) : url;
  const port = u.port || (u.protocol === 'https:' ? '443' : '80');
  return `${u.hostname}:${port}`;
}

const TLS_CERT_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_UNTRUSTED',
  'CERT_REVOKED',
]);

/** The error codes found on an error, its `cause` chain and an AggregateError's members. */
function codes(e: unknown, depth = 0): string[] {
  if (!e || typeof e !== 'object' || depth > 4) return [];
  const out: string[] = [];
  const code = (e as { code?: unknown }).code;
  if (typeof code === 'string') out.push(code);
  const errors = (e as { errors?: unknown }).errors;
  if (Array.isArray(errors)) for (const x of errors) out.push(...codes(x, depth + 1));
  out.push(...codes((e as { cause?: unknown }).cause, depth + 1));
  return out;
}

function messages(e: unknown, depth = 0): string {
  if (!e || typeof e !== 'object' || depth > 4) return '';
  return `${(e as Error).message ?? ''} ${messages((e as { cause?: unknown }).cause, depth + 1)}`;
}

/**
 * A network-level failure (no HTTP answer) as a ClusterError. `timedOut` is set when our own total
 * timeout aborted the request.
 */
export function networkError(e: unknown, url: string, timeouts: { connectMs: number; totalMs: number }, timedOut: boolean): ClusterError {
  if (e instanceof ClusterError) return e;
  const where = showUrl(url);
  const hp = (() => {
    try {
      return hostPort(url);
    } catch {
      return where;
    }
  })();
  const c = codes(e);
  const has = (...xs: string[]) => xs.some((x) => c.includes(x));
  if (timedOut || has('UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT')) {
    return new ClusterError('timeout', `${where}: no complete answer within ${timeouts.totalMs} ms (timeout): the host accepts connections but does not answer — check that this port is Mesos/Marathon and that it is not overloaded, or raise --timeout`, { url: where, code: 'timeout' });
  }
  if (has('UND_ERR_CONNECT_TIMEOUT', 'ETIMEDOUT')) {
    return new ClusterError('timeout', `${where}: could not connect to ${hp} within ${timeouts.connectMs} ms (timeout): a firewall may drop the packets, or the host is down — check the address and the firewall`, { url: where, code: 'connect-timeout' });
  }
  if (has('ECONNREFUSED')) {
    return new ClusterError('refused', `${where}: connection refused by ${hp}: nothing listens there — check the host and port (Mesos masters listen on 5050, Marathon on 8080) and that the service runs`, { url: where, code: 'ECONNREFUSED' });
  }
  if (has('ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL')) {
    const host = (() => {
      try {
        return new URL(url).hostname;
      } catch {
        return hp;
      }
    })();
    return new ClusterError('dns', `${where}: the host name ${host} does not resolve (DNS): check the spelling, or use the master's IP address`, { url: where, code: c.find((x) => x.startsWith('E')) });
  }
  const certCode = c.find((x) => TLS_CERT_CODES.has(x));
  if (certCode) {
    return new ClusterError('tls-certificate', `${where}: the TLS certificate of ${hp} is not trusted (${certCode}): the agent itself does not verify certificates, so this alone does not stop it — to check anyway, turn verification off (CLI: --insecure) or add the CA to NODE_EXTRA_CA_CERTS`, { url: where, code: certCode });
  }
  const text = messages(e);
  if (c.some((x) => x.startsWith('ERR_SSL') || x === 'EPROTO' || x.startsWith('ERR_TLS')) || /SSL|TLS|wrong version number|handshake/i.test(text)) {
    return new ClusterError('tls', `${where}: TLS handshake with ${hp} failed (${c.find((x) => x.startsWith('ERR_') || x === 'EPROTO') ?? 'TLS error'}): the port probably speaks plain HTTP — use http:// (or the HTTPS port, e.g. Marathon's 8443)`, { url: where, code: 'tls' });
  }
  if (has('ECONNRESET', 'UND_ERR_SOCKET', 'EPIPE')) {
    return new ClusterError('reset', `${where}: ${hp} closed the connection without an HTTP answer: the port may speak another protocol (https?) or a proxy cut it — check the scheme and port`, { url: where, code: c[0] });
  }
  return new ClusterError('http', `${where}: request failed (${c[0] ?? ((e as Error)?.message || String(e)).split('\n')[0]}): check the URI and the network`, { url: where, code: c[0] });
}

/** The text a person would read in an HTML error page (Jetty's title/`<pre>`), or the body's first line. */
/**
 * At most `max` characters, and `…` where it was cut: the mark lets the masking (service/secrets.ts)
 * recognise the start of a secret the cut left behind.
 */
function cut(s: string, max = 160): string {
  return s.length > max ? `${s.slice(0, max)}…` : s;
}

export function bodyReason(body: string, contentType: string | undefined): string {
  const t = body.trim();
  if (t === '') return '';
  if (/html/i.test(contentType ?? '') || /^<(!doctype|html)/i.test(t)) {
    const pre = /<pre>([\s\S]*?)<\/pre>/i.exec(t)?.[1];
    const title = /<title>([\s\S]*?)<\/title>/i.exec(t)?.[1];
    const s = (pre ?? title ?? t.replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ').trim();
    return cut(s);
  }
  if (/json/i.test(contentType ?? '') || t.startsWith('{')) {
    try {
      const j = JSON.parse(t);
      if (j && typeof j.message === 'string') return cut(j.message);
    } catch {
      // fall through
    }
  }
  return cut(t.split(/\r?\n/)[0]);
}

/** The realm of a `WWW-Authenticate: Basic realm="…"` header. */
export function realmOf(header: string | undefined): string | undefined {
  if (!header) return undefined;
  return /realm="([^"]*)"/i.exec(header)?.[1] ?? /realm=([^\s,]+)/i.exec(header)?.[1];
}
