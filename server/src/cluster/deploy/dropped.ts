import { knownProperties, type PathSeg } from '../../service/schema/index';

/**
 * The fields of an app body that Marathon drops. Its JSON readers read only the fields they name: anything else is
 * never stored and never returned (v1.4.13:src/main/scala/mesosphere/marathon/api/v2/json/Formats.scala
 * AppDefinitionReads; 1.5+ the RAML-generated readers; issue #2124). Left in the diff, such a field would make an
 * unchanged app plan as changed on every deploy, and the PUT would be a no-op Marathon never deploys. The project's
 * app schema (the `unknown-key` rule's) names the fields; an object it closes (`additionalProperties: false`) loses
 * every other key, an open one (env, labels) keeps them all.
 */

type Obj = { [k: string]: unknown };

export interface DroppedField {
  /** JSON pointer, e.g. `/command`, `/container/docker/foo` */
  pointer: string;
}

function isObj(v: unknown): v is Obj {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

function pointer(path: readonly PathSeg[]): string {
  return path.map((s) => `/${String(s).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

function walk(value: unknown, path: PathSeg[], out: DroppedField[]): unknown {
  if (Array.isArray(value)) return value.map((v, i) => walk(v, [...path, i], out));
  if (!isObj(value)) return value;
  const known = knownProperties('marathon-app', path);
  const kept: Obj = {};
  for (const [k, v] of Object.entries(value)) {
    if (known?.closed && !known.set.has(k)) {
      out.push({ pointer: pointer([...path, k]) });
      continue;
    }
    kept[k] = known ? walk(v, [...path, k], out) : v;
  }
  return kept;
}

/** The app as Marathon keeps it (unknown fields out), and the fields it drops. */
export function dropUnknownFields(app: Obj): { kept: Obj; dropped: DroppedField[] } {
  const dropped: DroppedField[] = [];
  const kept = walk(app, [], dropped) as Obj;
  return { kept, dropped };
}
