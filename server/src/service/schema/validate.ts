import type { MNode, MProp, ParsedDocument } from '../documents/model';
import type { DocKind, Span } from '../types';
import type { AjvError } from './ajv-types';
import { buildInstance, jsonParseInstance } from './instance';
import { defaultClause, describeValue, displayPath, joinOr, typePhrase } from './messages';
import { getKindSchema } from './schemas';
import { deref, propertySchemaAt, refName, type JsonSchema, type PathSeg } from './walk';

export type ProblemKind = 'type' | 'range' | 'pattern' | 'enum' | 'required' | 'other';

export interface SchemaProblem extends Span {
  /** instance path as keys and array indices */
  path: PathSeg[];
  kind: ProblemKind;
  /** the whole message, consequence included */
  message: string;
  /** the ajv keyword the message is built from */
  keyword: string;
}

const cache = new WeakMap<ParsedDocument, SchemaProblem[]>();

/** Keywords that only summarise the errors of their branches. */
const SUMMARY = new Set(['anyOf', 'allOf', 'if', '$ref']);
const RANGE = new Set([
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'minProperties',
  'maxProperties',
  'multipleOf',
  'uniqueItems',
]);

/**
 * Validates a parsed document against its kind's schema and turns ajv's errors into one readable problem
 * per instance location, positioned on the value (or on the key for missing properties and empty values).
 * `additionalProperties` errors are left out: unknown keys are the `unknown-key` rule's business.
 * Results are cached per document, so several rules can ask.
 */
export function validateDocument(doc: ParsedDocument): SchemaProblem[] {
  const hit = cache.get(doc);
  if (hit) return hit;
  const result = compute(doc);
  cache.set(doc, result);
  return result;
}

function compute(doc: ParsedDocument): SchemaProblem[] {
  const ks = getKindSchema(doc.kind);
  if (!ks) return [];
  const lastWins = doc.kind === 'marathon-app';
  const inst = (lastWins && jsonParseInstance(doc.text, doc.syntaxErrors.length)) || buildInstance(doc.root, lastWins ? 'last' : 'first', doc.kind === 'dragent');
  if (ks.validate(inst.value)) return [];
  const errors = (ks.validate.errors ?? []).filter(
    (e) => e.keyword !== 'additionalProperties' && e.keyword !== 'unevaluatedProperties' && !SUMMARY.has(e.keyword) && !(e.keyword === 'oneOf' && !e.params?.passingSchemas),
  );
  const groups = new Map<string, AjvError[]>();
  for (const e of errors) {
    const g = groups.get(e.instancePath);
    if (g) g.push(e);
    else groups.set(e.instancePath, [e]);
  }
  // A location whose children have errors matched the structure (some branch of the schema): its own
  // type errors come from the other branches and would only add noise.
  const hasDescendant = new Set<string>();
  for (const p of groups.keys()) {
    let i = p.lastIndexOf('/');
    while (i > 0) {
      hasDescendant.add(p.slice(0, i));
      i = p.lastIndexOf('/', i - 1);
    }
    if (p !== '') hasDescendant.add('');
  }
  const out: SchemaProblem[] = [];
  const seen = new Set<string>();
  for (const [pointer, errs] of groups) {
    const relevant = hasDescendant.has(pointer) ? errs.filter((e) => e.keyword !== 'type') : errs;
    if (relevant.length === 0) continue;
    const loc = locate(doc, pointer, inst.unresolved, lastWins);
    if (!loc) continue;
    const described = describe(doc.kind, ks.schema, loc, relevant, valueAt(inst.value, loc.path));
    if (touchesSyntaxError(doc, loc) || isTemplated(doc, loc)) continue;
    const span = described.kind === 'required' ? missingSpan(doc, loc) : valueSpan(doc, loc);
    const problem: SchemaProblem = { ...described, start: span.start, end: span.end };
    const key = `${problem.start}:${problem.end}:${problem.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(problem);
  }
  out.sort((a, b) => a.start - b.start || a.end - b.end);
  return out;
}

interface Location {
  path: PathSeg[];
  /** the value as written (an alias stays an alias), null when the key has no value */
  node: MNode | null;
  /** the property holding the value, when the value is a mapping entry */
  prop?: MProp;
  /** the mapping/list that holds the value */
  container: MNode | null;
}

function locate(doc: ParsedDocument, pointer: string, unresolved: Set<MNode>, lastWins: boolean): Location | undefined {
  const segs = pointer === '' ? [] : pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const path: PathSeg[] = [];
  let node: MNode | null = doc.root;
  let prop: MProp | undefined;
  let container: MNode | null = null;
  for (const seg of segs) {
    if (node && unresolved.has(node)) return undefined;
    let r: MNode | null = node;
    for (let i = 0; i < 32 && r && r.type === 'alias'; i++) {
      if (unresolved.has(r)) return undefined;
      r = r.target;
    }
    if (!r || r.type === 'alias') return undefined;
    container = r;
    if (r.type === 'object') {
      prop = undefined;
      for (const p of r.props) {
        if (p.key !== seg) continue;
        prop = p;
        if (!lastWins) break;
      }
      if (!prop) return undefined;
      node = prop.value;
      path.push(seg);
    } else if (r.type === 'array') {
      const i = Number(seg);
      if (!Number.isInteger(i) || i < 0 || i >= r.items.length) return undefined;
      node = r.items[i];
      prop = undefined;
      path.push(i);
    } else return undefined;
  }
  if (node && unresolved.has(node)) return undefined;
  return { path, node, prop, container };
}

function valueAt(value: unknown, path: readonly PathSeg[]): unknown {
  let v = value;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[seg];
  }
  return v;
}

function touchesSyntaxError(doc: ParsedDocument, loc: Location): boolean {
  if (doc.syntaxErrors.length === 0) return false;
  const span = loc.prop?.range ?? loc.node?.range ?? doc.root?.range;
  if (!span) return true;
  return doc.syntaxErrors.some((e) => e.start <= span.end && e.end >= span.start);
}

/** A Jinja/Mustache template expression (`{{ var }}`, `{% if %}`) is not a value yet: nothing to check. */
export function isTemplateText(text: string): boolean {
  return /^\{[{%]/.test(text);
}

function isTemplated(doc: ParsedDocument, loc: Location): boolean {
  const n = loc.node;
  return !!n && isTemplateText(doc.text.slice(n.range.start, Math.min(n.range.end, n.range.start + 2)));
}

function isEmptyScalar(n: MNode | null): boolean {
  return !n || (n.type === 'scalar' && n.value === null && n.range.end === n.range.start);
}

/** Where to put the finding: the value when it is a scalar or a one-line collection, else the key. */
function valueSpan(doc: ParsedDocument, loc: Location): Span {
  const n = loc.node;
  if (loc.prop && (isEmptyScalar(n) || (n && n.type === 'scalar' && n.value === null))) return loc.prop.keyRange;
  if (n && (n.type === 'scalar' || n.type === 'alias')) return n.range;
  if (n && (n.type === 'object' || n.type === 'array')) {
    const oneLine = !/[\r\n]/.test(doc.text.slice(n.range.start, n.range.end));
    if (oneLine || !loc.prop) return oneLine ? n.range : firstLine(doc, n.range);
    return loc.prop.keyRange;
  }
  if (loc.prop) return loc.prop.keyRange;
  return { start: 0, end: Math.min(1, doc.text.length) };
}

function firstLine(doc: ParsedDocument, span: Span): Span {
  const text = doc.text.slice(span.start, span.end);
  const m = /[\r\n]/.exec(text);
  return { start: span.start, end: m ? span.start + m.index : span.end };
}

/** Where a missing property is reported: the key of the object that lacks it, or the object's first line. */
function missingSpan(doc: ParsedDocument, loc: Location): Span {
  if (loc.prop) return loc.prop.keyRange;
  const n = loc.node;
  if (n && n.type === 'object' && !n.flow && n.props[0]) {
    // a block mapping item (`- check_module: x`) or the root: its first key
    return n.props[0].keyRange;
  }
  if (n) return doc.kind === 'dragent' ? firstLine(doc, n.range) : { start: n.range.start, end: Math.min(n.range.start + 1, n.range.end) };
  return { start: 0, end: Math.min(1, doc.text.length) };
}

/**
 * The schema that describes the value at the error's location: ajv's `schemaPath` is relative to the
 * `$def` it failed in (validators are compiled with `inlineRefs: false`), so the property's own schema
 * is looked up by instance path instead, and its `$ref` tells which definition (bool, uint16, …) failed.
 */
function valueSchemaOf(schema: JsonSchema, prop: JsonSchema | undefined): JsonSchema | undefined {
  return prop ? deref(schema, prop) : undefined;
}

function expectOf(node: JsonSchema | undefined, e: AjvError, kind: DocKind): string {
  if (node && typeof node['x-expect'] === 'string') return node['x-expect'];
  return typePhrase(e.params?.type ?? node?.type, kind);
}

function fmt(v: unknown): string {
  return typeof v === 'string' ? JSON.stringify(v) : String(v);
}

function rangeText(e: AjvError, value: unknown, kind: DocKind): string {
  const limit = e.params?.limit;
  const got = typeof value === 'number' ? `got ${value}` : `got ${describeValue(value, kind)}`;
  const list = kind === 'dragent' ? 'list' : 'array';
  switch (e.keyword) {
    case 'maximum':
      return `must be at most ${limit}, ${got}`;
    case 'minimum':
      return `must be at least ${limit}, ${got}`;
    case 'exclusiveMaximum':
      return `must be less than ${limit}, ${got}`;
    case 'exclusiveMinimum':
      return `must be greater than ${limit}, ${got}`;
    case 'multipleOf':
      return `must be a multiple of ${e.params?.multipleOf}, ${got}`;
    case 'minLength':
      return limit === 1 ? 'must not be empty' : `must be at least ${limit} characters long, got ${describeValue(value, kind)}`;
    case 'maxLength':
      return `must be at most ${limit} characters long`;
    case 'minItems':
      return limit === 1 ? `must not be an empty ${list}` : `must have at least ${limit} items`;
    case 'maxItems':
      return `must have at most ${limit} items`;
    case 'minProperties':
      return limit === 1 ? 'must not be empty' : `must have at least ${limit} entries`;
    case 'maxProperties':
      return `must have at most ${limit} entries`;
    case 'uniqueItems':
      return `must not list the same item twice (items ${e.params?.j} and ${e.params?.i} are equal)`;
    default:
      return `is out of range (${e.keyword})`;
  }
}

function codeList(names: string[]): string {
  const q = names.map((n) => `\`${n}\``);
  return q.length <= 1 ? (q[0] ?? '') : `${q.slice(0, -1).join(', ')} and ${q[q.length - 1]}`;
}

function describe(kind: DocKind, schema: JsonSchema, loc: Location, errs: AjvError[], value: unknown): Omit<SchemaProblem, 'start' | 'end'> {
  const name = loc.path.length ? displayPath(loc.path) : kind === 'dragent' ? 'the file' : 'the app definition';
  const by = (kw: (k: string) => boolean) => errs.filter((e) => kw(e.keyword));
  const required = by((k) => k === 'required');
  const enums = by((k) => k === 'enum' || k === 'const');
  const ranges = by((k) => RANGE.has(k));
  const patterns = by((k) => k === 'pattern');
  const formats = by((k) => k === 'format');
  const types = by((k) => k === 'type');
  const prop = loc.path.length ? propertySchemaAt(schema, loc.path) : schema;
  const node = valueSchemaOf(schema, prop);
  let kindOf: ProblemKind;
  let keyword: string;
  let main: string;
  if (required.length) {
    const missing = [...new Set(required.map((e) => String(e.params?.missingProperty)))];
    kindOf = 'required';
    keyword = 'required';
    main = `${name} has no ${codeList(missing)}`;
  } else if (enums.length) {
    const e = enums[0];
    kindOf = 'enum';
    keyword = e.keyword;
    if (e.keyword === 'const') main = `${name} must be ${fmt(e.params?.allowedValue)}, got ${describeValue(value, kind)}`;
    else {
      const allowed = (e.params?.allowedValues as unknown[] | undefined) ?? [];
      const shown = allowed.slice(0, 10).map(fmt).join(', ') + (allowed.length > 10 ? ', …' : '');
      main = `${name} must be one of ${shown}, got ${describeValue(value, kind)}`;
    }
  } else if (ranges.length) {
    kindOf = 'range';
    keyword = ranges[0].keyword;
    main = `${name} ${rangeText(ranges[0], value, kind)}`;
  } else if (patterns.length) {
    const e = patterns[0];
    kindOf = 'pattern';
    keyword = 'pattern';
    if (node && typeof node['x-expect'] === 'string') main = `${name} must be ${node['x-expect']}, got ${describeValue(value, kind)}`;
    else if (node && typeof node.patternErrorMessage === 'string') main = `${name} is ${describeValue(value, kind)}: ${String(node.patternErrorMessage).replace(/\.$/, '')}`;
    else main = `${name} does not have the required form (it must match ${String(e.params?.pattern)}), got ${describeValue(value, kind)}`;
  } else if (formats.length) {
    kindOf = 'other';
    keyword = 'format';
    main = `${name} must be a valid ${String(formats[0].params?.format)}, got ${describeValue(value, kind)}`;
  } else if (types.length) {
    kindOf = 'type';
    keyword = 'type';
    const expects = [...new Set(types.map((e) => (types.length === 1 ? expectOf(node, e, kind) : typePhrase(e.params?.type, kind))))];
    main = `${name} must be ${joinOr(expects)}, got ${describeValue(value, kind)}`;
  } else {
    const e = errs[0];
    kindOf = 'other';
    keyword = e.keyword;
    main = e.keyword === 'oneOf' ? `${name} matches more than one of the allowed forms` : `${name} does not match the schema (${e.keyword})`;
  }
  const consequence = kind === 'dragent' ? dragentConsequence(kindOf, loc, prop, node, value) : 'Marathon rejects the app definition (HTTP 422)';
  return { path: loc.path, kind: kindOf, keyword, message: `${capitalizeFirst(main)}: ${consequence}.` };
}

function capitalizeFirst(s: string): string {
  // Keys are quoted as written, so only the generic "the file …" sentences get a capital letter.
  return s.startsWith('the ') ? `The ${s.slice(4)}` : s;
}

function dragentConsequence(kind: ProblemKind, loc: Location, prop: JsonSchema | undefined, node: JsonSchema | undefined, value: unknown): string {
  if (loc.path.length === 0) return 'the agent finds no settings in it';
  if (kind === 'required') {
    return refName(prop) === 'appCheck' ? 'the agent drops this app check' : 'the agent cannot use it';
  }
  const def = refName(prop);
  if (def && /List$/.test(def) && !Array.isArray(value)) return 'the agent reads no items from it';
  const isMapLike = typeof node?.['x-expect'] === 'string' && /^a mapping/.test(node['x-expect'] as string);
  if (isMapLike && (value === null || typeof value !== 'object')) return 'the agent finds none of the settings meant to be nested under it';
  if (loc.path.some((s) => typeof s === 'number')) return 'the agent cannot use this value';
  return `the agent cannot convert it, ignores it and ${defaultClause(prop)}`;
}

