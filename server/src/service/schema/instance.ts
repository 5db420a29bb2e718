import type { MNode, MAlias } from '../documents/model';

/** Total number of values (aliases expanded) an instance may have; beyond it aliases stay unresolved. */
export const INSTANCE_BUDGET = 200_000;

export interface Instance {
  value: unknown;
  /** Alias nodes (and objects that lost a property because of one) whose content was not built. */
  unresolved: Set<MNode>;
}

/**
 * Builds the plain value the schema validates from the document model.
 * - Scalars: the YAML 1.2 core / JSON value (`yes` stays the string "yes"; the dragent schema accepts the
 *   yaml-cpp forms as strings). Non-finite numbers (`.inf`, `.nan`) become their text, as JSON has no such numbers.
 *   With `yamlCpp`, every number not written as plain decimal digits (`1.0`, `1e3`, `0x1F`, `0o17`) is passed as
 *   its text, so the schema's string patterns decide as yaml-cpp would (`1.0` is no integer for it, `0o17` no
 *   number at all).
 * - Duplicate keys: the first one wins in YAML (yaml-cpp finds the first), the last one in JSON (Marathon's
 *   Jackson-based reader keeps the last value).
 * - Aliases are resolved, sharing the built value; the expanded size is counted against a budget so an
 *   alias bomb cannot make validation explode. Aliases over the budget, cyclic or dangling are left out
 *   (reported in `unresolved`, and errors under them are dropped by the caller).
 * - Objects have no prototype, so keys such as `__proto__` or `constructor` are ordinary keys.
 */
export function buildInstance(root: MNode | null, duplicates: 'first' | 'last' = 'first', yamlCpp = false): Instance {
  const memo = new Map<MNode, { value: unknown; size: number }>();
  const inProgress = new Set<MNode>();
  const unresolved = new Set<MNode>();
  let used = 0;
  const SKIP = Symbol('skip');

  const build = (n: MNode): unknown => {
    if (n.type === 'alias') return buildAlias(n);
    const done = memo.get(n);
    if (done) {
      if (used + done.size > INSTANCE_BUDGET) return SKIP;
      used += done.size;
      return done.value;
    }
    const before = used;
    used++;
    inProgress.add(n);
    let value: unknown;
    if (n.type === 'object') {
      const obj: Record<string, unknown> = Object.create(null);
      for (const p of n.props) {
        if (duplicates === 'first' && Object.prototype.hasOwnProperty.call(obj, p.key)) continue;
        if (p.value === null) {
          obj[p.key] = null;
          continue;
        }
        const v = build(p.value);
        if (v === SKIP) {
          unresolved.add(n);
          delete obj[p.key];
          continue;
        }
        obj[p.key] = v;
      }
      value = obj;
    } else if (n.type === 'array') {
      const arr: unknown[] = [];
      for (const item of n.items) {
        const v = build(item);
        arr.push(v === SKIP ? null : v);
      }
      value = arr;
    } else {
      const v = n.value;
      if (typeof v === 'number' && (!Number.isFinite(v) || (yamlCpp && !/^[-+]?[0-9]+$/.test(n.text)))) value = n.text;
      else value = v;
    }
    inProgress.delete(n);
    memo.set(n, { value, size: used - before });
    return value;
  };

  const buildAlias = (a: MAlias): unknown => {
    let t: MNode | null = a.target;
    for (let i = 0; i < 32 && t && t.type === 'alias'; i++) t = t.target;
    if (!t || t.type === 'alias' || inProgress.has(t) || used >= INSTANCE_BUDGET) {
      unresolved.add(a);
      return SKIP;
    }
    const v = build(t);
    if (v === SKIP) unresolved.add(a);
    return v;
  };

  if (!root) return { value: null, unresolved };
  const value = build(root);
  return { value: value === SKIP ? null : value, unresolved };
}

/** Object.prototype's own names: as keys of JSON.parse's (prototyped) objects they would not read as in the model */
const PROTOTYPE_NAMES: ReadonlySet<string> = new Set(Object.getOwnPropertyNames(Object.prototype));

/**
 * Whether JSON.parse's value reads as the model's: no number beyond a double (the model keeps its text) and no key
 * that is a name of Object.prototype (the model's objects have no prototype; the schema validator reads keys by
 * name). A walk without allocation.
 */
function plainJson(v: unknown, depth = 0): boolean {
  if (typeof v === 'number') return Number.isFinite(v);
  if (v === null || typeof v !== 'object' || depth > 1000) return v === null || typeof v !== 'object';
  if (Array.isArray(v)) {
    for (const x of v) if (!plainJson(x, depth + 1)) return false;
    return true;
  }
  for (const k in v) {
    if (PROTOTYPE_NAMES.has(k) || !plainJson((v as Record<string, unknown>)[k], depth + 1)) return false;
  }
  return true;
}

/**
 * The instance of a Marathon app parsed without a syntax error, from the engine's JSON.parse (a fraction of
 * buildInstance's time on 5,000 lines, and none of its per-node allocation): for such a text JSON.parse and the
 * model agree — the last duplicate key wins in both, at its first position; the text is nested at most MAX_NESTING
 * levels (deeper is a syntax error) — except where plainJson says no. Undefined when the shortcut does not apply.
 * test/unit/json-instance-differential.test.ts proves it equals buildInstance on random edits.
 */
export function jsonParseInstance(text: string, syntaxErrors: number): Instance | undefined {
  if (syntaxErrors > 0) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  return plainJson(value) ? { value, unresolved: new Set() } : undefined;
}
