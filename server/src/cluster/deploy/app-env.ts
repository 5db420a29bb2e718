/**
 * The environment of a Marathon app as plain JSON: `env` strings and docker `env` parameters
 * (`{"key":"env","value":"NAME=value"}`, the guide's style). Shared by the fill (prepare) and the
 * masking of what is shown (diff).
 */

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Variables whose values are masked in everything shown (ACCESS_KEY included). */
export const SECRET_NAME = /KEY|SECRET|PASSW|TOKEN|CREDENTIAL/i;
export const MASK = '***';

export interface EnvSlot {
  name: string;
  get(): string | undefined;
  set(v: string): void;
}

/** The app's environment in the plain value: `env` strings and docker `env` parameters (`NAME=value`). */
export function envSlots(app: { [k: string]: Json }): EnvSlot[] {
  const out: EnvSlot[] = [];
  const env = app.env;
  if (env && typeof env === 'object' && !Array.isArray(env)) {
    for (const k of Object.keys(env)) {
      if (typeof env[k] !== 'string') continue;
      out.push({ name: k, get: () => env[k] as string, set: (v) => (env[k] = v) });
    }
  }
  const docker = (app.container as { [k: string]: Json } | null | undefined)?.docker as { [k: string]: Json } | null | undefined;
  const params = docker && typeof docker === 'object' ? docker.parameters : undefined;
  if (Array.isArray(params)) {
    for (const p of params) {
      if (!p || typeof p !== 'object' || Array.isArray(p) || p.key !== 'env' || typeof p.value !== 'string') continue;
      const eq = p.value.indexOf('=');
      if (eq < 0) continue;
      const name = p.value.slice(0, eq);
      out.push({ name, get: () => (p.value as string).slice(eq + 1), set: (v) => (p.value = `${name}=${v}`) });
    }
  }
  return out;
}

/** Adds a variable where the app keeps its others: docker `env` parameters (the guide's style), else `env`. */
export function addEnv(app: { [k: string]: Json }, name: string, value: string): void {
  const docker = (app.container as { [k: string]: Json } | null | undefined)?.docker as { [k: string]: Json } | null | undefined;
  const params = docker && typeof docker === 'object' ? docker.parameters : undefined;
  const usesParams = Array.isArray(params) && params.some((p) => !!p && typeof p === 'object' && !Array.isArray(p) && p.key === 'env');
  if (Array.isArray(params) && (usesParams || !app.env)) {
    params.push({ key: 'env', value: `${name}=${value}` });
    return;
  }
  if (!app.env || typeof app.env !== 'object' || Array.isArray(app.env)) app.env = {};
  (app.env as { [k: string]: Json })[name] = value;
}

/** A copy with the values of secret-looking variables replaced by `***`. */
export function maskAppSecrets<T>(app: T): T {
  const copy = structuredClone(app) as unknown;
  if (copy && typeof copy === 'object' && !Array.isArray(copy)) {
    for (const s of envSlots(copy as { [k: string]: Json })) if (SECRET_NAME.test(s.name) && (s.get() ?? '') !== '') s.set(MASK);
  }
  return copy as T;
}
