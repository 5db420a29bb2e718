import { corpusJson } from './common';
import { atLeast, typeErrorStatus, type MarathonProfile } from './marathon-profile';

/**
 * How each Marathon version reads and validates an app body, in its order: media type, JSON syntax, the
 * JSON reader (type errors, "Invalid JSON"), then semantic validation ("Object is not valid").
 * `create` reads an AppDefinition (POST; `id` required), `update` an AppUpdate (PUT; every field optional,
 * v1.4.13:src/main/scala/mesosphere/marathon/api/v2/AppsResource.scala:295-311 → canonicalAppUpdateFromJson).
 * Fields the version does not know are dropped here and never stored (Play's reader only reads the fields it
 * names; v1.4.13:src/main/scala/mesosphere/marathon/api/v2/json/Formats.scala AppDefinitionReads; issue #2124).
 */

type Obj = Record<string, any>;
export interface Detail {
  path: string;
  errors: string[];
}
export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** The AppDefinition JSON schema of the version (corpus, from the tag's docs); 1.6 has none of its own, 1.5.15's fields are 1.6's. */
const SCHEMA: Record<MarathonProfile, string> = {
  '0.15': 'marathon-api/AppDefinition.0.15.7.json',
  '1.4': 'marathon-api/AppDefinition.1.4.13.json',
  '1.5': 'marathon-api/AppDefinition.1.5.15.json',
  '1.6': 'marathon-api/AppDefinition.1.5.15.json',
  '1.7': 'marathon-api/AppDefinition.1.7.236.json',
};

const schemaCache = new Map<MarathonProfile, Obj>();
function schemaOf(profile: MarathonProfile): Obj {
  const cached = schemaCache.get(profile);
  if (cached) return cached;
  const s: Obj = corpusJson(SCHEMA[profile]);
  // fields the RAML reads that the doc's JSON schema leaves out: `tty` from 1.5 (v1.5.15:docs/docs/rest-api/public/api/v2/types/app.raml),
  // a health check's `ipProtocol` from 1.6 (v1.6.590:docs/docs/rest-api/public/api/v2/types/healthCheck.raml)
  if (atLeast(profile, '1.5')) s.properties.tty = { type: 'boolean' };
  const hc = s.properties.healthChecks?.items;
  if (atLeast(profile, '1.6') && hc?.properties) hc.properties.ipProtocol = { type: 'string' };
  schemaCache.set(profile, s);
  return s;
}

/**
 * Drops what the version's readers do not read: at every level whose schema closes the object
 * (`additionalProperties: false` — the app, container, docker, upgradeStrategy, …), keys it does not name.
 * Open objects (env, labels) keep every key.
 */
function prune(value: unknown, schema: Obj | undefined, root: Obj): unknown {
  if (!schema) return value;
  if (typeof schema.$ref === 'string') return prune(value, root.definitions?.[schema.$ref.replace('#/definitions/', '')], root);
  if (Array.isArray(value)) return schema.items && !Array.isArray(schema.items) ? value.map((v) => prune(v, schema.items, root)) : value;
  if (!value || typeof value !== 'object' || !schema.properties) return value;
  const out: Obj = {};
  for (const [k, v] of Object.entries(value)) {
    if (k in schema.properties) out[k] = prune(v, schema.properties[k], root);
    else if (schema.additionalProperties !== false) out[k] = v;
  }
  return out;
}

/** Protos.Constraint.Operator in declaration order: 0.15 has no MAX_PER (v0.15.7:src/main/proto/marathon.proto; v1.4.13 same file adds MAX_PER = 5). */
export function operators(profile: MarathonProfile): string[] {
  return profile === '0.15' ? ['UNIQUE', 'LIKE', 'CLUSTER', 'GROUP_BY', 'UNLIKE'] : ['UNIQUE', 'LIKE', 'CLUSTER', 'GROUP_BY', 'UNLIKE', 'MAX_PER'];
}

/** ≤1.4 PathId segments (v1.4.13:src/main/scala/mesosphere/marathon/state/PathId.scala:119). */
const ID_SEGMENT = /^(([a-z0-9]|[a-z0-9][a-z0-9-]*[a-z0-9])\.)*([a-z0-9]|[a-z0-9][a-z0-9-]*[a-z0-9])$|^(\.|\.\.)$/;
/** 1.5+ RAML PathId pattern (v1.5.15:docs/docs/rest-api/public/api/v2/types/stringTypes.raml:20-24), read as a Play `pattern` constraint (v1.5.15:project/RamlTypeGenerator.scala:262,704-705). */
const RAML_PATH_ID = /^(\/?((\.\.)|(([a-z0-9]|[a-z0-9][a-z0-9-]*[a-z0-9])\.)*([a-z0-9]|[a-z0-9][a-z0-9-]*[a-z0-9]))?($|\/))+$/;

/** An absolute app id: PathId drops empty segments, so `//x/` is `/x` (v1.4.13:src/main/scala/mesosphere/marathon/state/PathId.scala `toRootPath`). */
export function canonical(id: string): string {
  return `/${id.trim().split('/').filter(Boolean).join('/')}`;
}

/** A 400/422 body: `{attribute, error}` pairs for 0.15's "Object is not valid" (v0.15.7:src/main/scala/mesosphere/marathon/api/v2/Validation.scala:41-51), `{path, errors}` otherwise (v1.4.13 Validation.scala:73-85). */
export function invalid(profile: MarathonProfile, status: number, details: Detail[], message = 'Invalid JSON'): Reply {
  if (profile === '0.15' && message === 'Object is not valid') {
    return { status, body: { message, details: details.map((d) => ({ attribute: d.path === '/' ? 'value' : d.path.slice(1).replace(/\//g, '.').replace(/\((\d+)\)/g, '[$1]'), error: d.errors.join(', ') })) } };
  }
  return { status, body: { message, details } };
}

/** Media type, empty body, JSON syntax (v1.4.13 AppsResource.scala:28 @Consumes; MarathonExceptionMapper.scala:71-80, master :79-82). */
export function readJson(profile: MarathonProfile, contentType: string | undefined, raw: string): { json: unknown } | { reply: Reply } {
  if (!/^application\/json\s*(;|$)/i.test(contentType ?? '')) return { reply: { status: 415, body: { message: 'Unsupported Media Type' } } };
  if (raw.trim() === '') return { reply: { status: 400, body: { message: 'Please specify data in JSON format', details: 'No content to map due to end-of-input\n at [Source: ; line: 1, column: 1]' } } };
  try {
    return { json: JSON.parse(raw) };
  } catch {
    // Jackson's wording; from 1.5 its "[Source: (String)…]" quotes the start of the body
    const source = atLeast(profile, '1.5') ? `(String)${JSON.stringify(raw.slice(0, 500))}` : 'org.eclipse.jetty.server.HttpInputOverHTTP@1f4d2d2a';
    return { reply: { status: 400, body: { message: 'Invalid JSON', details: `Unexpected end-of-input: expected close marker for Object (start marker at [Source: ${source}; line: 1, column: 1])` } } };
  }
}

/** Play's number reads: IntReads answers "error.expected.int" for a non-integral number, "error.expected.jsnumber" for a non-number. */
function numberError(v: unknown, integer: boolean): string | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'number') return 'error.expected.jsnumber';
  if (integer && !Number.isInteger(v)) return 'error.expected.int';
  return undefined;
}

/**
 * The JSON reader: type errors, and from 1.5 the RAML constraints the generated reader checks (`pattern`,
 * `minimum`, `maximum`: Play's "error.pattern"/"error.min"/"error.max", v1.5.15:project/RamlTypeGenerator.scala:260-268).
 * Returns the body with unknown fields dropped.
 */
function readerErrors(profile: MarathonProfile, app: Obj, mode: 'create' | 'update'): Detail[] {
  const errs: Detail[] = [];
  const raml = atLeast(profile, '1.5');
  if (app.id === undefined) {
    // AppDefinition's reader requires `id` (RAML App.id is not optional from 1.5, v1.5.15 types/app.raml:73); an AppUpdate does not
    if (mode === 'create') errs.push({ path: '/id', errors: ['error.path.missing'] });
  } else if (typeof app.id !== 'string') errs.push({ path: '/id', errors: ['error.expected.jsstring'] });
  else if (raml && !RAML_PATH_ID.test(app.id)) errs.push({ path: '/id', errors: ['error.pattern'] });
  const num = (k: string, integer: boolean, min?: number, max?: number, path = `/${k}`, v = app[k]) => {
    const e = numberError(v, integer);
    if (e) return void errs.push({ path, errors: [e] });
    if (!raml || typeof v !== 'number') return;
    if (min !== undefined && v < min) errs.push({ path, errors: ['error.min'] });
    else if (max !== undefined && v > max) errs.push({ path, errors: ['error.max'] });
  };
  // 1.5+ minimums: v1.5.15:docs/docs/rest-api/public/api/v2/types/app.raml:147-153 (cpus 0.001), :193-197 (instances int32 ≥ 0), :215-219 (mem ≥ 0)
  num('instances', true, 0);
  num('cpus', false, 0.001);
  num('mem', false, 0);
  num('disk', false, 0);
  if (app.upgradeStrategy !== undefined) {
    if (!app.upgradeStrategy || typeof app.upgradeStrategy !== 'object' || Array.isArray(app.upgradeStrategy)) errs.push({ path: '/upgradeStrategy', errors: ['error.expected.jsobject'] });
    else {
      // [0, 1] from 1.5 in the reader (v1.5.15 types/app.raml:46-53); ≤1.4 in the validator (below)
      num('minimumHealthCapacity', false, 0, 1, '/upgradeStrategy/minimumHealthCapacity', app.upgradeStrategy.minimumHealthCapacity);
      num('maximumOverCapacity', false, 0, 1, '/upgradeStrategy/maximumOverCapacity', app.upgradeStrategy.maximumOverCapacity);
    }
  }
  if (app.constraints !== undefined && !Array.isArray(app.constraints)) errs.push({ path: '/constraints', errors: ['error.expected.jsarray'] });
  if (!raml && Array.isArray(app.constraints)) {
    // ≤1.4: the Play reader itself refuses the operator — a JsError, so 400 "Invalid JSON"
    // (v1.4.13:src/main/scala/mesosphere/marathon/api/v2/json/Formats.scala:922-938, v0.15.7 same file :487-499)
    const ops = operators(profile);
    app.constraints.forEach((c: unknown, i: number) => {
      if (!Array.isArray(c) || c.length < 2 || c.length > 3 || !c.every((x) => typeof x === 'string')) {
        errs.push({ path: `/constraints(${i})`, errors: ['Constraint definition must be an array of strings in format: <key>, <operator>[, value]'] });
      } else if (!ops.includes(c[1])) {
        errs.push({ path: `/constraints(${i})`, errors: [`Constraint operator must be one of the following: [${ops.join(', ')}]`] });
      }
    });
  }
  return errs;
}

/** The fields the version reads, every other one dropped (never stored, never returned). */
export function dropUnknown(profile: MarathonProfile, app: Obj): Obj {
  const schema = schemaOf(profile);
  return structuredClone(prune(app, schema, schema)) as Obj;
}

/** Reads a POST (`create`) or PUT (`update`) body. */
export function readBody(profile: MarathonProfile, contentType: string | undefined, raw: string, mode: 'create' | 'update'): { app: Obj } | { reply: Reply } {
  const r = readJson(profile, contentType, raw);
  if ('reply' in r) return r;
  const j = r.json;
  if (!j || typeof j !== 'object' || Array.isArray(j)) return { reply: invalid(profile, typeErrorStatus(profile), [{ path: '/', errors: ['error.expected.jsobject'] }]) };
  const errs = readerErrors(profile, j as Obj, mode);
  if (errs.length) return { reply: invalid(profile, typeErrorStatus(profile), errs) };
  return { app: dropUnknown(profile, j as Obj) };
}

/**
 * Semantic validation of the app as it will be stored (after the merge for a PUT: v1.4.13 AppsResource.scala:352-356
 * validates `appUpdate(current)`, so `{"instances":2}` is a valid update). 422 "Object is not valid"
 * (v1.4.13 MarathonExceptionMapper.scala:58,89). 1.5+: a constraint operator that is a valid one once upper-cased
 * passes validation (v1.5.15:src/main/scala/mesosphere/marathon/api/v2/validation/SchedulingValidation.scala:115)
 * and then ConstraintConversion throws SerializationFailedException (v1.5.15:src/main/scala/mesosphere/marathon/raml/ConstraintConversion.scala:21-37),
 * which the mapper answers with 500 and its message (inferred: no case for it in v1.5.15 MarathonExceptionMapper.scala).
 */
export function validateApp(profile: MarathonProfile, app: Obj): Reply | undefined {
  const errs: Detail[] = [];
  const raml = atLeast(profile, '1.5');
  if (!raml && typeof app.id === 'string') {
    const segs = canonical(app.id).slice(1).split('/');
    if (!segs.every((s) => ID_SEGMENT.test(s))) errs.push({ path: '/id', errors: ["must fully match regular expression '^(([a-z0-9]|[a-z0-9][a-z0-9\\-]*[a-z0-9])\\.)*([a-z0-9]|[a-z0-9][a-z0-9\\-]*[a-z0-9])|(\\.|\\.\\.)$'"] });
  }
  const noRun = "AppDefinition must either contain one of 'cmd' or 'args', and/or a 'container'.";
  if (app.cmd != null && app.args != null) errs.push({ path: '/', errors: [noRun] });
  if (app.cmd == null && app.args == null && !app.container) errs.push({ path: '/', errors: [noRun] });
  if (!raml) {
    // ≤1.4 accord validators (v1.4.13:src/main/scala/mesosphere/marathon/state/AppDefinition.scala validAppDefinition;
    // UpgradeStrategy.scala:25-28 `is between(0.0, 1.0)`)
    for (const k of ['instances', 'cpus', 'mem', 'disk']) {
      if (typeof app[k] === 'number' && app[k] < 0) errs.push({ path: `/${k}`, errors: [k === 'instances' ? `got ${app[k]}, expected 0 or more` : `got ${app[k].toFixed(1)}, expected 0.0 or more`] });
    }
    for (const k of ['minimumHealthCapacity', 'maximumOverCapacity']) {
      const v = app.upgradeStrategy?.[k];
      if (typeof v === 'number' && (v < 0 || v > 1)) errs.push({ path: `/upgradeStrategy/${k}`, errors: [`got ${v.toFixed(1)}, expected between 0.0 and 1.0`] });
    }
  } else if (Array.isArray(app.constraints)) {
    const ops = operators(profile);
    for (const [i, c] of (app.constraints as unknown[]).entries()) {
      if (!Array.isArray(c) || c.length < 2 || c.length > 3 || !c.every((x) => typeof x === 'string')) {
        errs.push({ path: `/constraints(${i})`, errors: ['Constraint definition must be an array of strings in format: <key>, <operator>[, value]'] });
      } else if (!ops.includes(c[1].toUpperCase())) {
        errs.push({ path: `/constraints(${i})`, errors: [`Constraint operator must be one of the following: [${ops.join(', ')}]`] });
      }
    }
    if (!errs.length) {
      const bad = (app.constraints as string[][]).find((c) => !ops.includes(c[1]));
      if (bad) return { status: 500, body: { message: `illegal constraint specification ${bad.join(',')}` } };
    }
  }
  if (errs.length) return invalid(profile, 422, errs, 'Object is not valid');
  return undefined;
}
