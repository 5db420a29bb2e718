import { parseAgentUri } from '../agent-uri';
import { getProps, resolve, scalarString, type MScalar, type ParsedDocument } from '../documents/model';
import { additionalConfs } from '../embedded/additional-conf';
import { hasPlaceholder } from '../placeholders';
import { agentApp, envEntries } from '../rules/marathon/agent';
import { asString, rootObject } from '../rules/marathon/util';
import type { DocKind, Span } from '../types';

/**
 * What the workspace rules compare between files, read once per parsed document (memoised on the model):
 * a few values and where they are. The access key is kept only as a fingerprint — the facts can be held for
 * hundreds of files in the server, and nothing here may ever print or log a key.
 */
export interface FileFacts {
  kind: DocKind;
  /** a remote `mesos_state_uri` (dragent.yaml, or an agent app's ADDITIONAL_CONF): the file is a delegated agent */
  mesos?: MesosFact;
  accessKey?: AccessKeyFact;
  collector?: CollectorFact;
  /** the Marathon `id` of an agent app (sysdig/agent image) */
  appId?: AppIdFact;
}

export interface MesosFact extends Span {
  /** the cluster: the URI's hosts as sorted `host:port` (lower-case host, port 5050 when none is written) */
  cluster: string;
  /** where it is set: `mesos_state_uri` or `ADDITIONAL_CONF` */
  where: string;
}

export interface AccessKeyFact extends Span {
  /** a fingerprint of the key (cyrb53): equal keys give equal fingerprints; the key cannot be read back */
  fingerprint: string;
  /** `customerid` (dragent.yaml) or `ACCESS_KEY` (agent app) */
  where: string;
}

export interface CollectorFact extends Span {
  /** lower-case, trimmed host */
  host: string;
  where: string;
}

export interface AppIdFact extends Span {
  /** the id as Marathon stores an app posted to /v2/apps: absolute, no trailing slash */
  id: string;
}

const memo = new WeakMap<ParsedDocument, FileFacts>();

export function workspaceFacts(doc: ParsedDocument): FileFacts {
  let f = memo.get(doc);
  if (!f) {
    f = doc.kind === 'dragent' ? dragentFacts(doc) : appFacts(doc);
    memo.set(doc, f);
  }
  return f;
}

/**
 * One string of the facts' values, to tell whether a file's facts changed (the server recomputes the other
 * files' cross-file findings only then). It holds the key's fingerprint, never the key.
 */
export function factsKey(f: FileFacts): string {
  return JSON.stringify(f);
}

/** A value a person still has to fill (empty, a guide placeholder, a deploy-time `${VAR}`): nothing to compare. */
function unset(v: string | undefined): boolean {
  return v === undefined || v.trim() === '' || hasPlaceholder(v) || v.includes('${');
}

function dragentFacts(doc: ParsedDocument): FileFacts {
  const out: FileFacts = { kind: 'dragent' };
  const first = (key: string): MScalar | undefined => {
    // the agent (yaml-cpp) reads the first of duplicate keys
    const n = resolve(getProps(doc.root, key)[0]?.value);
    return n && n.type === 'scalar' && n.value !== null ? n : undefined;
  };
  const m = first('mesos_state_uri');
  if (m) {
    const cluster = remoteCluster(m.text);
    if (cluster) out.mesos = { cluster, where: '`mesos_state_uri`', start: m.range.start, end: m.range.end };
  }
  const key = first('customerid');
  if (key && !unset(key.text)) out.accessKey = { fingerprint: fingerprint(key.text.trim()), where: '`customerid`', start: key.range.start, end: key.range.end };
  const collector = first('collector');
  if (collector && !unset(collector.text)) out.collector = { host: collector.text.trim().toLowerCase(), where: '`collector`', start: collector.range.start, end: collector.range.end };
  return out;
}

function appFacts(doc: ParsedDocument): FileFacts {
  const out: FileFacts = { kind: 'marathon-app' };
  const app = agentApp(doc);
  if (!app) return out;
  const idNode = asString(getProps(rootObject(doc), 'id')[0]?.value);
  const id = idNode ? normaliseAppId(idNode.value as string) : undefined;
  if (idNode && id) out.appId = { id, start: idNode.range.start, end: idNode.range.end };
  for (const e of envEntries(doc, app)) {
    // Docker keeps the last of a repeated variable; the first one found here is good enough to compare with
    if (e.name === 'ACCESS_KEY' && !out.accessKey && !e.secret && !unset(e.value)) {
      out.accessKey = { fingerprint: fingerprint(e.value!.trim()), where: '`ACCESS_KEY`', ...span(e.valueRange) };
    } else if (e.name === 'COLLECTOR' && !out.collector && !unset(e.value)) {
      out.collector = { host: e.value!.trim().toLowerCase(), where: '`COLLECTOR`', ...span(e.valueRange) };
    }
  }
  // the dragent.yaml the entrypoint writes from ADDITIONAL_CONF, decoded once per document (service/embedded)
  for (const conf of additionalConfs(doc)) {
    const uri = scalarString(getProps(conf.doc.root, 'mesos_state_uri')[0]?.value);
    const cluster = uri === undefined ? undefined : remoteCluster(uri);
    if (cluster) {
      out.mesos = { cluster, where: '`ADDITIONAL_CONF`', ...span(conf.literal.range) };
      break;
    }
  }
  return out;
}

function span(s: Span): Span {
  return { start: s.start, end: s.end };
}

/** Marathon ids: absolute paths; `sysdig-agent` posted to /v2/apps is `/sysdig-agent`. */
export function normaliseAppId(raw: string): string | undefined {
  const parts = raw.trim().split('/').filter((p) => p !== '' && p !== '.');
  return parts.length ? `/${parts.join('/')}` : undefined;
}

/**
 * The cluster a `mesos_state_uri` names, when it is remote: its hosts as sorted `host:port`, the host in lower
 * case and 5050 (the Mesos master's port) where no port is written. Not remote, so no delegated agent: a URI
 * the agent cannot parse (it falls back to autodetection), `localhost`, the loopback addresses and 0.0.0.0 —
 * the agent on that node reads its own master.
 */
export function remoteCluster(uri: string): string | undefined {
  const r = parseAgentUri(uri.trim());
  if (!r.ok) return undefined;
  const host = r.uri.host.value.toLowerCase();
  if (isLocal(host)) return undefined;
  const port = r.uri.port?.value ?? 5050;
  return [`${r.uri.host.ipv6 ? `[${host}]` : host}:${port}`].sort().join(',');
}

function isLocal(host: string): boolean {
  const h = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  return h === '' || h === 'localhost' || h.endsWith('.localhost') || h === '::1' || h === '0.0.0.0' || h === '::' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/** cyrb53: a 53-bit string hash (not for security: only equal or not, and the key never kept). */
function fingerprint(s: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}
