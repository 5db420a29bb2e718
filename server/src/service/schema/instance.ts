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
