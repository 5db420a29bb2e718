import { Agent, request as undiciRequest } from 'undici';
import { gunzipSync, inflateSync, inflateRawSync } from 'node:zlib';
import { parseAgentUri } from '../service/agent-uri';
import { ClusterError, bodyReason, cut, hostPort, networkError, realmOf, showUrl } from './errors';
import { CredentialTrust } from './trust';

/**
 * One HTTP request to Mesos or Marathon over undici, with what real clusters need:
 * connect and total timeouts, a response size cap, gzip/deflate, and redirects followed by hand
 * (at most 3 hops; Mesos answers 307 with a protocol-relative `//host:5050/…`). Credentials go in an
 * `Authorization: Basic` header, never in a URL, and only to origins their `CredentialTrust` allows: the
 * one the user named, and a leader named (307 `//host:port`) by an origin that accepted them before.
 * No VS Code, no LSP: usable from the CLI and the extension.
 */

export interface Credentials {
  user: string;
  password: string;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** request body (POST/PUT), sent with `contentType` */
  body?: string;
  contentType?: string;
  /** default 5000 */
  connectTimeoutMs?: number;
  /** the whole exchange, redirects and body included; default 10000 */
  timeoutMs?: number;
  /** decoded body size cap; default 32 MiB */
  maxBytes?: number;
  /**
   * `latin1`: the body as one character per byte. Mesos' `/files/read` writes a file's bytes into a JSON string
   * without checking them as UTF-8 (stout jsonify.hpp at 1.11.0: rapidjson without kWriteValidateEncodingFlag),
   * so a chunk may end inside a character: read this way, `data` keeps every byte and its length is the byte count.
   */
  bodyEncoding?: 'utf8' | 'latin1';
  credentials?: Credentials;
  /**
   * Where the credentials may go, shared by the requests of one check so that a master that accepted
   * them can vouch for its leader; without it, a trust bound to `url`'s origin for this request alone.
   */
  trust?: CredentialTrust;
  /** follow 301/302/303/307/308 (default true); at most `maxRedirects` hops (default 3) */
  followRedirects?: boolean;
  maxRedirects?: number;
  /**
   * A 307 whose Location is protocol-relative (`//host:port/…`) is a Mesos master naming its leader:
   * credentials are re-sent there when that master had accepted them (see CredentialTrust). Any other
   * cross-origin redirect leaves them behind.
   */
  leaderRedirects?: boolean;
  /** do not verify TLS certificates (the agent never does) */
  insecure?: boolean;
  accept?: string;
  /**
   * Ctrl-C or the editor's Cancel: aborts the exchange at once (connect, headers, body) and closes its
   * socket. Already aborted: nothing is sent at all — the guarantee that a cancelled deploy writes nothing.
   */
  signal?: AbortSignal;
}

export interface Hop {
  url: string;
  status: number;
  location?: string;
  /** this request carried the credentials */
  credentials: boolean;
}

export interface HttpResponse {
  /** final URL (no credentials in it) */
  url: string;
  status: number;
  headers: Record<string, string | undefined>;
  body: string;
  /** every request made, the last one included */
  hops: Hop[];
  latencyMs: number;
  /** credentials went with the final request */
  credentialsSent: boolean;
  /** credentials were given but the final request went without them: its origin was not trusted */
  credentialsWithheld: boolean;
}

export const DEFAULTS = { connectTimeoutMs: 5000, timeoutMs: 10000, maxBytes: 32 * 1024 * 1024, maxRedirects: 3 };

export interface ClusterUri {
  /** scheme://host:port[/path] without user-info and without a trailing `/` */
  base: string;
  /** from the user-info, percent-decoded */
  credentials?: Credentials;
  /** the URI as given, password masked */
  shown: string;
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * Reads a Mesos/Marathon URI with the agent's own grammar (so a URI the agent rejects is rejected here
 * too) and splits the credentials off. `keepPath` false drops the path, as the agent does for Mesos.
 */
export function parseClusterUri(s: string, keepPath = true): ClusterUri {
  const shown = showUrl(s);
  const r = parseAgentUri(s.trim());
  if (!r.ok) throw new ClusterError('bad-uri', `${shown}: not a URI the agent can read: ${r.problem.message}`);
  const u = r.uri;
  if (u.scheme !== 'http' && u.scheme !== 'https') {
    throw new ClusterError('bad-uri', `${shown}: the scheme ${u.scheme}:// cannot work: use http:// or https://`);
  }
  const t = s.trim();
  const host = t.slice(u.host.start, u.host.end);
  const port = u.port ? `:${u.port.value}` : '';
  const path = keepPath ? u.path.value.replace(/(?<!\/)\/+$/, '') : '';
  const credentials = u.userinfo ? { user: decode(u.userinfo.user), password: decode(u.userinfo.password ?? '') } : undefined;
  return { base: `${u.scheme}://${host}${port}${path}`, credentials, shown };
}

/** `base` + `path`, keeping a base path (Marathon behind a proxy prefix). */
export function join(base: string, path: string): string {
  return base.replace(/(?<!\/)\/+$/, '') + path;
}

function basic(c: Credentials): string {
  return 'Basic ' + Buffer.from(`${c.user}:${c.password}`, 'utf8').toString('base64');
}

export async function request(url: string, opts: RequestOptions = {}): Promise<HttpResponse> {
  const connectTimeoutMs = opts.connectTimeoutMs ?? DEFAULTS.connectTimeoutMs;
  const timeoutMs = opts.timeoutMs ?? DEFAULTS.timeoutMs;
  const maxBytes = opts.maxBytes ?? DEFAULTS.maxBytes;
  const maxRedirects = opts.maxRedirects ?? DEFAULTS.maxRedirects;
  const follow = opts.followRedirects ?? true;
  // checked before anything is opened: a cancelled caller gets no connection, let alone a write
  if (opts.signal?.aborted) throw cancelledError(url);
  const agent = new Agent({
    connect: { timeout: connectTimeoutMs, rejectUnauthorized: !opts.insecure },
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
  });
  const ac = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    ac.abort();
  }, timeoutMs);
  const onCancel = () => ac.abort();
  opts.signal?.addEventListener('abort', onCancel, { once: true });
  const started = performance.now();
  const hops: Hop[] = [];
  let current: URL;
  try {
    current = new URL(url);
  } catch {
    clearTimeout(timer);
    opts.signal?.removeEventListener('abort', onCancel);
    agent.destroy().catch(() => undefined);
    throw new ClusterError('bad-uri', `${showUrl(url)}: not a URL — use http://host:port`);
  }
  let creds = opts.credentials;
  if (current.username || current.password) {
    // Credentials never travel in a URL: they become the Authorization header.
    creds ??= { user: decode(current.username), password: decode(current.password) };
    current.username = '';
    current.password = '';
  }
  const trust = opts.trust ?? (creds ? new CredentialTrust(creds, current) : undefined);
  let sent: Credentials | undefined;
  try {
    for (;;) {
      sent = trust?.credentialsFor(current);
      const headers: Record<string, string> = {
        accept: opts.accept ?? 'application/json',
        'accept-encoding': 'gzip, deflate',
        'user-agent': 'sysdig-mesos',
      };
      if (sent) headers.authorization = basic(sent);
      if (opts.contentType !== undefined) headers['content-type'] = opts.contentType;
      let res;
      try {
        res = await undiciRequest(current, { method: opts.method ?? 'GET', headers, body: opts.body, dispatcher: agent, signal: ac.signal });
      } catch (e) {
        if (opts.signal?.aborted && !timedOut) throw cancelledError(current.href);
        throw networkError(e, current.href, { connectMs: connectTimeoutMs, totalMs: timeoutMs }, timedOut);
      }
      const h: Record<string, string | undefined> = {};
      for (const [k, v] of Object.entries(res.headers)) h[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
      const location = h.location;
      hops.push({ url: current.href, status: res.statusCode, location, credentials: sent !== undefined });
      trust?.answered(current, res.statusCode, sent !== undefined);
      if (follow && [301, 302, 303, 307, 308].includes(res.statusCode) && location) {
        await res.body.dump().catch(() => undefined);
        if (hops.length > maxRedirects) {
          const chain = [...hops.map((x) => showUrl(x.url)), showUrl(new URL(location, current).href)].join(' → ');
          throw new ClusterError(
            'redirects',
            `${showUrl(url)}: more than ${maxRedirects} redirects (${chain}): the masters point at each other — check each master's --hostname/--advertise_ip and that they agree on the leader`,
            { url: showUrl(url), status: res.statusCode },
          );
        }
        let next: URL;
        try {
          next = new URL(location, current);
        } catch {
          throw new ClusterError('http', `${showUrl(current.href)}: redirect to an unreadable Location ${JSON.stringify(cut(location, 100))}: check the master's --hostname`, { url: showUrl(current.href), status: res.statusCode });
        }
        if (next.protocol !== 'http:' && next.protocol !== 'https:') {
          throw new ClusterError('http', `${showUrl(current.href)}: redirect to ${next.protocol} is not followed`, { url: showUrl(current.href), status: res.statusCode });
        }
        next.username = '';
        next.password = '';
        // Only Mesos' own form of naming the leader (a 307 to `//host:port`) may extend the trust, and
        // only from an origin that accepted the credentials; credentialsFor decides on the next turn.
        if (trust && opts.leaderRedirects === true && res.statusCode === 307 && location.startsWith('//')) trust.namesLeader(current, next);
        current = next;
        continue;
      }
      const body = await readBody(res, current.href, maxBytes, h['content-encoding'], h['content-length'], opts.bodyEncoding ?? 'utf8');
      return {
        url: current.href,
        status: res.statusCode,
        headers: h,
        body,
        hops,
        latencyMs: Math.round(performance.now() - started),
        credentialsSent: sent !== undefined,
        credentialsWithheld: trust !== undefined && sent === undefined,
      };
    }
  } catch (e) {
    if (opts.signal?.aborted && !timedOut) throw cancelledError(current.href);
    throw e instanceof ClusterError ? e : networkError(e, current.href, { connectMs: connectTimeoutMs, totalMs: timeoutMs }, timedOut);
  } finally {
    clearTimeout(timer);
    opts.signal?.removeEventListener('abort', onCancel);
    // destroy, not close: an aborted exchange must not keep its socket open waiting for an answer
    agent.destroy().catch(() => undefined);
  }
}

function cancelledError(url: string): ClusterError {
  return new ClusterError('cancelled', `${showUrl(url)}: cancelled`, { url: showUrl(url) });
}

function tooBig(url: string, maxBytes: number): ClusterError {
  return new ClusterError('oversize', `${showUrl(url)}: the answer is larger than ${formatBytes(maxBytes)} (size cap): this is not a normal Mesos/Marathon answer at this size — check the URI, or raise the cap for a very large cluster`, { url: showUrl(url) });
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${Math.round(n / 1024 / 1024)} MiB` : n >= 1024 ? `${Math.round(n / 1024)} KiB` : `${n} bytes`;
}

async function readBody(
  res: { body: AsyncIterable<Buffer> & { destroy(err?: Error): unknown } },
  url: string,
  maxBytes: number,
  encoding: string | undefined,
  length: string | undefined,
  bodyEncoding: 'utf8' | 'latin1',
): Promise<string> {
  if (length !== undefined && Number(length) > maxBytes) {
    res.body.destroy();
    throw tooBig(url, maxBytes);
  }
  const chunks: Buffer[] = [];
  let n = 0;
  for await (const c of res.body) {
    n += c.length;
    if (n > maxBytes) {
      res.body.destroy();
      throw tooBig(url, maxBytes);
    }
    chunks.push(c);
  }
  let raw = Buffer.concat(chunks);
  const enc = (encoding ?? '').trim().toLowerCase();
  try {
    if (enc === 'gzip' || enc === 'x-gzip') raw = gunzipSync(raw, { maxOutputLength: maxBytes });
    else if (enc === 'deflate') {
      // "deflate" is zlib-wrapped by the standard, raw deflate by some servers.
      try {
        raw = inflateSync(raw, { maxOutputLength: maxBytes });
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw e;
        raw = inflateRawSync(raw, { maxOutputLength: maxBytes });
      }
    }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || e instanceof RangeError) throw tooBig(url, maxBytes);
    throw new ClusterError('http', `${showUrl(url)}: the ${enc}-compressed answer could not be decompressed: a proxy may have damaged it — try again or bypass the proxy`, { url: showUrl(url) });
  }
  return raw.toString(bodyEncoding);
}

/** What to say for a non-2xx answer that the caller has no special reading for. */
export function statusError(res: HttpResponse, service: 'Mesos' | 'Marathon', credsHint: string): ClusterError {
  const where = showUrl(res.url);
  const reason = bodyReason(res.body, res.headers['content-type']);
  const details = { url: where, status: res.status };
  if (res.status === 401) {
    const realm = realmOf(res.headers['www-authenticate']);
    const r = realm !== undefined ? ` (realm "${realm}")` : '';
    let next: string;
    if (res.credentialsWithheld) next = `the credentials were not sent to ${hostPort(res.url)}: they go only to the host:port you named and to a leader named by a master that accepted them — if ${hostPort(res.url)} is the one to ask, name it in the URI`;
    else if (res.credentialsSent) next = `the credentials were refused — check user and password (${credsHint})`;
    else next = `${service} requires credentials — add them (${credsHint})`;
    return new ClusterError('unauthorized', `${where}: 401 Unauthorized${r}: ${next}`, { ...details, realm });
  }
  if (res.status === 403) {
    return new ClusterError('forbidden', `${where}: 403 Forbidden${reason ? ` (${reason})` : ''}: the user is known but not allowed to read this — ask for read access (${service} ACLs)`, details);
  }
  if ((res.status === 503 || res.status === 502) && /no leader|current leader/i.test(reason)) {
    return new ClusterError('no-leader', `${where}: ${res.status} ${service} has no leader (${reason}): an election is running or ZooKeeper is unreachable — wait and retry, or check ${service === 'Mesos' ? 'the masters\' --zk and --quorum' : 'Marathon\'s --zk and --master'}`, details);
  }
  if (res.status >= 502 && res.status <= 504 && /leader/i.test(reason)) {
    return new ClusterError('no-leader', `${where}: ${res.status} this ${service} instance cannot reach its leader (${reason}): it is not usable — point the URI at the leader, or check the network between the instances`, details);
  }
  if (res.status === 404) {
    return new ClusterError('not-found', `${where}: 404 Not Found${reason ? ` (${reason})` : ''}: this path does not exist here — is this ${service}, on the right port?`, details);
  }
  return new ClusterError('http', `${where}: HTTP ${res.status}${reason ? ` (${reason})` : ''}: ${res.status >= 500 ? `${service} failed to answer — look at its log` : 'unexpected answer — check the URI'}`, details);
}

/** The body as JSON, or a one-line error saying what came back instead. */
export function parseJson<T = unknown>(res: HttpResponse, service: 'Mesos' | 'Marathon'): T {
  try {
    return JSON.parse(res.body) as T;
  } catch {
    // cut marked `…`: the masking then masks the start of a secret the cut leaves behind (secrets.ts)
    const body = res.body.trim();
    const start = (body.length > 40 ? `${body.slice(0, 40)}…` : body).replace(/\s+/g, ' ');
    throw new ClusterError(
      'not-json',
      `${showUrl(res.url)}: the answer is not JSON (${res.headers['content-type'] ?? 'no content type'}${start ? `, starts with ${JSON.stringify(start)}` : ', empty'}): this is not the ${service} API — check host, port and path (a proxy or login page?)`,
      { url: showUrl(res.url), status: res.status },
    );
  }
}
