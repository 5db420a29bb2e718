import { getProp, type MArray, type MNode, type MObject, type MProp, type MScalar, type ParsedDocument } from '../../documents/model';
import { asArray, asObject, asString, insertItems, insertMember, rootObject, stringValue } from './util';
import type { Fix, Span, TextEdit } from '../../types';

/**
 * The Sysdig agent's Marathon app: recognised by `container.docker.image` naming the repository `sysdig/agent`
 * (any registry prefix, tag or digest). `sysdig/agent-slim` is deliberately not matched: it leaves the kernel
 * module to a separate `sysdig/agent-kmodule` container, so the guide's requirements do not carry over as they are.
 */
export interface AgentApp {
  root: MObject;
  containerProp: MProp;
  container: MObject;
  dockerProp: MProp;
  docker: MObject;
  image: MScalar;
}

/** Repository path of a docker image reference, without registry host, tag or digest, lower-cased. */
export function imageRepository(image: string): string {
  let ref = image.trim().toLowerCase();
  const at = ref.indexOf('@');
  if (at >= 0) ref = ref.slice(0, at);
  const slash = ref.lastIndexOf('/');
  const colon = ref.lastIndexOf(':');
  if (colon > slash) ref = ref.slice(0, colon);
  const parts = ref.split('/');
  if (parts.length > 1 && (/[.:]/.test(parts[0]) || parts[0] === 'localhost')) parts.shift();
  return parts.join('/');
}

export function isAgentImage(image: string): boolean {
  return imageRepository(image) === 'sysdig/agent';
}

export function agentApp(doc: ParsedDocument): AgentApp | null {
  const root = rootObject(doc);
  if (!root) return null;
  const containerProp = getProp(root, 'container');
  const container = asObject(containerProp?.value);
  if (!containerProp || !container) return null;
  const dockerProp = getProp(container, 'docker');
  const docker = asObject(dockerProp?.value);
  if (!dockerProp || !docker) return null;
  const image = asString(getProp(docker, 'image')?.value);
  if (!image || !isAgentImage(image.value as string)) return null;
  return { root, containerProp, container, dockerProp, docker, image };
}

/** One environment variable the agent container will see, from `env` or from a docker `env` parameter. */
export interface EnvEntry {
  name: string;
  /** the value text; undefined for a secret reference or a bare `NAME` parameter (value taken from the host) */
  value: string | undefined;
  secret: boolean;
  source: 'env' | 'parameter';
  /** env: the key literal; parameter: the `value` string literal */
  node: MScalar | null;
  keyRange: Span;
  /** the node to point at for a problem with the value */
  valueRange: Span;
}

export function envEntries(doc: ParsedDocument, app: AgentApp): EnvEntry[] {
  const out: EnvEntry[] = [];
  const env = asObject(getProp(app.root, 'env')?.value);
  for (const p of env?.props ?? []) {
    const sv = asString(p.value);
    const secret = !!asObject(p.value) && !!getProp(p.value, 'secret');
    out.push({
      name: p.key,
      value: sv ? (sv.value as string) : undefined,
      secret,
      source: 'env',
      node: null,
      keyRange: p.keyRange,
      valueRange: p.value ? p.value.range : p.keyRange,
    });
  }
  for (const item of asArray(getProp(app.docker, 'parameters')?.value)?.items ?? []) {
    if (stringValue(getProp(item, 'key')?.value) !== 'env') continue;
    const v = asString(getProp(item, 'value')?.value);
    if (!v) continue;
    const text = v.value as string;
    const eq = text.indexOf('=');
    out.push({
      name: eq >= 0 ? text.slice(0, eq) : text,
      value: eq >= 0 ? text.slice(eq + 1) : undefined,
      secret: false,
      source: 'parameter',
      node: v,
      keyRange: v.range,
      valueRange: v.range,
    });
  }
  return out;
}

/**
 * Where a new environment variable goes: docker `env` parameters when the app uses those (the guide's style),
 * else the `env` object, else docker parameters when there are any, else a new `env` object at the end of the app.
 */
export function envTarget(app: AgentApp): { kind: 'parameters'; prop: MProp; arr: MArray } | { kind: 'env'; prop: MProp; obj: MObject } | { kind: 'root' } {
  const paramsP = getProp(app.docker, 'parameters');
  const paramsArr = asArray(paramsP?.value);
  const envP = getProp(app.root, 'env');
  const env = asObject(envP?.value);
  const usesEnvParams = !!paramsArr?.items.some((i) => stringValue(getProp(i, 'key')?.value) === 'env');
  if (paramsP && paramsArr && (usesEnvParams || !env)) return { kind: 'parameters', prop: paramsP, arr: paramsArr };
  if (envP && env) return { kind: 'env', prop: envP, obj: env };
  return { kind: 'root' };
}

/** The node a "variable is missing" finding points at: the parameters or env key the fix adds to, else "docker". */
export function envAnchor(app: AgentApp): Span {
  const t = envTarget(app);
  return t.kind === 'root' ? app.dockerProp.keyRange : t.prop.keyRange;
}

/** A fix that adds an environment variable where envTarget says. */
export function addEnvFix(doc: ParsedDocument, app: AgentApp, name: string, value: string, title: string, preferred = false): Fix {
  const t = envTarget(app);
  let edit: TextEdit;
  if (t.kind === 'parameters') edit = insertItems(doc, t.arr, [{ key: 'env', value: `${name}=${value}` }], 0);
  else if (t.kind === 'env') edit = insertMember(doc, t.obj, name, value);
  else edit = insertMember(doc, app.root, 'env', { [name]: value }, 1);
  return { title, edits: [edit], ...(preferred ? { preferred } : {}) };
}

/** Where a finding about something missing from the docker object goes: the `"docker"` key. */
export function dockerKey(app: AgentApp): Span {
  return app.dockerProp.keyRange;
}

/**
 * The constraint that keeps the app to one task per node: `["hostname", "UNIQUE"]` or `["hostname", "MAX_PER", "1"]`
 * (Marathon's Constraints.scala: UNIQUE refuses a host that has a task, MAX_PER a host with `value` tasks). A string
 * such as `"hostname:UNIQUE"` counts too: it shows the intent, and marathon-constraint reports (and fixes) its shape.
 * GROUP_BY does not: on hosts that each have one task it accepts a second one on any of them.
 */
export function oneTaskPerHost(app: AgentApp): MNode | undefined {
  for (const c of asArray(getProp(app.root, 'constraints')?.value)?.items ?? []) {
    const asText = stringValue(c);
    const parts = asText !== undefined ? asText.split(':') : (asArray(c)?.items ?? []).map((x) => stringValue(x));
    if (parts[0] !== 'hostname') continue;
    const op = parts[1]?.toUpperCase();
    if (op === 'UNIQUE' || (op === 'MAX_PER' && parts[2]?.trim() === '1')) return c;
  }
  return undefined;
}
