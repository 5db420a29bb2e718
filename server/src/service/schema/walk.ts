/**
 * Navigation in a JSON Schema (draft-07 style, local `$ref`s only): which schemas apply at a path of
 * keys and array indices, which property names are known there, and JSON-pointer look-ups for ajv's
 * `schemaPath`. Used by the schema rule (messages), unknown-key, and later hover/completion.
 */

export type JsonSchema = { [k: string]: unknown };
export type PathSeg = string | number;

const MAX_REF_DEPTH = 32;

function isObj(x: unknown): x is JsonSchema {
  return !!x && typeof x === 'object' && !Array.isArray(x);
}

function unescapePointer(seg: string): string {
  return seg.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** Resolves `#/a/b` (or `a/b`) in `root`; undefined when the pointer does not exist. */
export function atPointer(root: JsonSchema, pointer: string): unknown {
  const p = pointer.startsWith('#') ? pointer.slice(1) : pointer;
  if (p === '' || p === '/') return p === '' ? root : undefined;
  let cur: unknown = root;
  for (const raw of p.replace(/^\//, '').split('/')) {
    const seg = decodeURIComponent(unescapePointer(raw));
    if (Array.isArray(cur)) cur = cur[Number(seg)];
    else if (isObj(cur)) cur = Object.prototype.hasOwnProperty.call(cur, seg) ? cur[seg] : undefined;
    else return undefined;
  }
  return cur;
}

/** Follows `$ref` chains (local pointers only). */
export function deref(root: JsonSchema, s: unknown): JsonSchema | undefined {
  let cur = s;
  for (let i = 0; i < MAX_REF_DEPTH && isObj(cur) && typeof cur.$ref === 'string'; i++) {
    const ref = cur.$ref as string;
    if (!ref.startsWith('#')) return undefined;
    cur = atPointer(root, ref);
  }
  return isObj(cur) ? cur : undefined;
}

/** The name of the `$defs`/`definitions` entry a schema refers to, if it is a plain `$ref` to one. */
export function refName(s: unknown): string | undefined {
  if (!isObj(s) || typeof s.$ref !== 'string') return undefined;
  const m = /^#\/(?:\$defs|definitions)\/([^/]+)$/.exec(s.$ref);
  return m ? unescapePointer(m[1]) : undefined;
}

/**
 * Every schema that applies to one instance location, with `$ref`, `allOf`, `anyOf`, `oneOf` and
 * `if/then/else` flattened (all branches, since we do not know which one the value is meant to match).
 */
export function expand(root: JsonSchema, s: unknown, out: JsonSchema[] = [], depth = 0): JsonSchema[] {
  if (depth > MAX_REF_DEPTH) return out;
  const d = deref(root, s);
  if (!d || out.includes(d)) return out;
  out.push(d);
  for (const k of ['allOf', 'anyOf', 'oneOf'] as const) {
    const arr = d[k];
    if (Array.isArray(arr)) for (const b of arr) expand(root, b, out, depth + 1);
  }
  for (const k of ['then', 'else'] as const) if (isObj(d[k])) expand(root, d[k], out, depth + 1);
  return out;
}

function typesOf(s: JsonSchema): string[] | undefined {
  const t = s.type;
  if (typeof t === 'string') return [t];
  if (Array.isArray(t)) return t.filter((x): x is string => typeof x === 'string');
  return undefined;
}

function allows(s: JsonSchema, type: 'object' | 'array'): boolean {
  const t = typesOf(s);
  if (t) return t.includes(type);
  // No `type`: an object/array schema is recognisable by its keywords.
  if (type === 'object') return 'properties' in s || 'additionalProperties' in s || 'patternProperties' in s || 'required' in s;
  return 'items' in s;
}

/** Schemas for the child `seg` of a value matched by any of `parents`. */
export function childSchemas(root: JsonSchema, parents: readonly JsonSchema[], seg: PathSeg): JsonSchema[] {
  const out: JsonSchema[] = [];
  for (const p of parents) {
    for (const s of expand(root, p)) {
      if (typeof seg === 'number') {
        if (!allows(s, 'array')) continue;
        const items = s.items;
        if (Array.isArray(items)) {
          const it = items[seg] ?? s.additionalItems;
          if (isObj(it)) expand(root, it, out);
        } else if (isObj(items)) expand(root, items, out);
        continue;
      }
      if (!allows(s, 'object')) continue;
      const props = isObj(s.properties) ? s.properties : undefined;
      if (props && Object.prototype.hasOwnProperty.call(props, seg)) {
        expand(root, props[seg], out);
        continue;
      }
      let matched = false;
      if (isObj(s.patternProperties)) {
        for (const [re, sub] of Object.entries(s.patternProperties)) {
          if (safeTest(re, seg)) {
            expand(root, sub, out);
            matched = true;
          }
        }
      }
      if (!matched && isObj(s.additionalProperties)) expand(root, s.additionalProperties, out);
    }
  }
  return out;
}

const reCache = new Map<string, RegExp | null>();
function safeTest(source: string, text: string): boolean {
  let re = reCache.get(source);
  if (re === undefined) {
    try {
      re = new RegExp(source, 'u');
    } catch {
      re = null;
    }
    reCache.set(source, re);
  }
  return re ? re.test(text) : false;
}

const atCache = new WeakMap<JsonSchema, Map<string, JsonSchema[]>>();
const MAX_CACHED_PATHS = 50_000;

/** Every schema that applies at `path` (empty when the path leaves the schema). Cached per path prefix. */
export function schemasAt(root: JsonSchema, path: readonly PathSeg[]): JsonSchema[] {
  let cache = atCache.get(root);
  if (!cache || cache.size > MAX_CACHED_PATHS) {
    cache = new Map();
    atCache.set(root, cache);
  }
  let key = '';
  let cur = cache.get(key);
  if (!cur) {
    cur = expand(root, root);
    cache.set(key, cur);
  }
  for (const seg of path) {
    key += (typeof seg === 'number' ? '\u0001' : '\u0000') + String(seg);
    let next = cache.get(key);
    if (!next) {
      next = cur.length ? childSchemas(root, cur, seg) : [];
      cache.set(key, next);
    }
    cur = next;
    if (cur.length === 0) break;
  }
  return cur;
}

/**
 * The property's own schema at `path` (not expanded: keeps `$ref`, `default`, `description`, …), i.e. the
 * entry of the parent's `properties` — what hover and the rule messages want. Undefined when unknown.
 */
export function propertySchemaAt(root: JsonSchema, path: readonly PathSeg[]): JsonSchema | undefined {
  if (path.length === 0) return root;
  const parents = schemasAt(root, path.slice(0, -1));
  const seg = path[path.length - 1];
  for (const p of parents) {
    for (const s of expand(root, p)) {
      if (typeof seg === 'number') {
        const items = s.items;
        if (isObj(items)) return items;
        if (Array.isArray(items) && isObj(items[seg])) return items[seg] as JsonSchema;
        continue;
      }
      const props = isObj(s.properties) ? s.properties : undefined;
      if (props && Object.prototype.hasOwnProperty.call(props, seg) && isObj(props[seg])) return props[seg] as JsonSchema;
    }
  }
  for (const p of parents) {
    for (const s of expand(root, p)) {
      if (typeof seg === 'string' && isObj(s.additionalProperties)) return s.additionalProperties;
    }
  }
  return undefined;
}

export interface KnownProperties {
  /** property names the schema lists at this level */
  names: string[];
  /** the same names, for look-ups */
  set: ReadonlySet<string>;
  /** true when keys outside `names` are not allowed (every object schema here says `additionalProperties: false`) */
  closed: boolean;
  /** the schemas that apply at this level (expanded) */
  schemas: JsonSchema[];
}

/** Known property names at an object location; undefined when the schema says nothing about it. */
export function knownPropertiesAt(root: JsonSchema, path: readonly PathSeg[]): KnownProperties | undefined {
  return knownFrom(schemasAt(root, path));
}

/**
 * Keyed by the schema objects (they belong to the loaded schema and live as long as it), not by the array that
 * holds them: the document walk builds its arrays anew on every check, and a cache keyed by those missed every
 * time — so the record, and every cache keyed by it (`unknown-key`'s grandchild index, the key suggestions),
 * was rebuilt on every keystroke (38 % of a small dragent.yaml's check).
 */
const knownCache = new WeakMap<JsonSchema, { all: readonly JsonSchema[]; known: KnownProperties | undefined }[]>();
/** distinct lists starting with one schema are few (the combinations the schema's branches make); a bound anyway */
const MAX_LISTS_PER_SCHEMA = 64;

function sameSchemas(a: readonly JsonSchema[], b: readonly JsonSchema[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Known property names given the (expanded) schemas that apply at an object location. */
export function knownFrom(all: readonly JsonSchema[]): KnownProperties | undefined {
  if (all.length === 0) return undefined;
  let entries = knownCache.get(all[0]);
  if (entries && entries.length < MAX_LISTS_PER_SCHEMA) {
    for (const e of entries) if (sameSchemas(e.all, all)) return e.known;
  } else {
    knownCache.set(all[0], (entries = []));
  }
  const objs = all.filter((s) => allows(s, 'object'));
  let result: KnownProperties | undefined;
  if (objs.length) {
    const names = new Set<string>();
    let closed = true;
    for (const s of objs) {
      if (isObj(s.properties)) for (const k of Object.keys(s.properties)) names.add(k);
      if (s.additionalProperties !== false || (isObj(s.patternProperties) && Object.keys(s.patternProperties).length > 0)) closed = false;
    }
    result = { names: [...names], set: names, closed, schemas: objs };
  }
  entries.push({ all: [...all], known: result });
  return result;
}

/** The own schema of property `key` at a level (the `properties` entry, else `additionalProperties`). */
export function ownPropertySchema(known: KnownProperties, key: string): JsonSchema | undefined {
  for (const s of known.schemas) {
    const props = isObj(s.properties) ? s.properties : undefined;
    if (props && Object.prototype.hasOwnProperty.call(props, key) && isObj(props[key])) return props[key] as JsonSchema;
  }
  for (const s of known.schemas) if (isObj(s.additionalProperties)) return s.additionalProperties;
  return undefined;
}

/** Does `key` match one of the `patternProperties` of the object schemas at this level? */
export function matchesPatternProperty(known: KnownProperties, key: string): boolean {
  return known.schemas.some((s) => isObj(s.patternProperties) && Object.keys(s.patternProperties).some((re) => safeTest(re, key)));
}

/**
 * The schemas of a child location plus the child's own property schema (the `properties` entry with its
 * annotations, or `items` / `additionalProperties`), computed from the parent's schemas in one step.
 */
const infoCache = new WeakMap<readonly JsonSchema[], Map<PathSeg, { all: JsonSchema[]; own?: JsonSchema }>>();

export function childInfo(root: JsonSchema, parents: readonly JsonSchema[], seg: PathSeg): { all: JsonSchema[]; own?: JsonSchema } {
  let m = infoCache.get(parents);
  if (!m) {
    m = new Map();
    infoCache.set(parents, m);
  }
  let r = m.get(seg);
  if (!r) {
    r = computeChildInfo(root, parents, seg);
    m.set(seg, r);
  }
  return r;
}

function computeChildInfo(root: JsonSchema, parents: readonly JsonSchema[], seg: PathSeg): { all: JsonSchema[]; own?: JsonSchema } {
  const all = childSchemas(root, parents, seg);
  let own: JsonSchema | undefined;
  let fallback: JsonSchema | undefined;
  for (const p of parents) {
    for (const s of expand(root, p)) {
      if (typeof seg === 'number') {
        const items = s.items;
        if (isObj(items)) own ??= items;
        else if (Array.isArray(items) && isObj(items[seg])) own ??= items[seg] as JsonSchema;
        continue;
      }
      const props = isObj(s.properties) ? s.properties : undefined;
      if (props && Object.prototype.hasOwnProperty.call(props, seg) && isObj(props[seg])) own ??= props[seg] as JsonSchema;
      else if (isObj(s.additionalProperties)) fallback ??= s.additionalProperties;
    }
    if (own) break;
  }
  return { all, own: own ?? fallback };
}
