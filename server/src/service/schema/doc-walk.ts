import type { MNode, MProp } from '../documents/model';
import type { DocKind } from '../types';
import { getSchema } from './schemas';
import { childInfo, expand, knownFrom, type JsonSchema, type KnownProperties, type PathSeg } from './walk';

export interface SchemaVisit {
  node: MNode;
  path: PathSeg[];
  /** the mapping entry holding the node, if any */
  prop?: MProp;
  /** every schema that applies here ($refs and combinators flattened); empty: the schema says nothing */
  schemas: JsonSchema[];
  /** the node's own property schema (with `$ref`, `default`, `description`, …), if the schema lists it */
  own?: JsonSchema;
  /** for mappings: the property names known here and whether others are allowed */
  known?: KnownProperties;
}

/**
 * Depth-first walk of the document model with the matching schemas computed along the way (one step per
 * node, instead of a look-up from the root for every node). Like `walk`, it does not follow aliases: an
 * anchored value is visited where it is written. Parts of the document the schema does not describe
 * (free-form maps) are still visited, with empty `schemas`.
 */
export function walkWithSchema(root: MNode | null, kind: DocKind, visit: (v: SchemaVisit) => void): void {
  const schema = getSchema(kind);
  if (!schema || !root) return;
  const rec = (node: MNode, path: PathSeg[], schemas: JsonSchema[], own: JsonSchema | undefined, prop: MProp | undefined): void => {
    const known = node.type === 'object' && schemas.length ? knownFrom(schemas) : undefined;
    visit({ node, path, prop, schemas, own, known });
    if (node.type === 'object') {
      for (const p of node.props) {
        if (!p.value) continue;
        const info = schemas.length ? childInfo(schema, schemas, p.key) : { all: [] as JsonSchema[], own: undefined };
        rec(p.value, [...path, p.key], info.all, info.own, p);
      }
    } else if (node.type === 'array') {
      // every item of a list schema gets the same schemas unless the schema lists items by position
      const tuple = schemas.some((s) => Array.isArray(s.items));
      let shared: { all: JsonSchema[]; own?: JsonSchema } | undefined;
      node.items.forEach((item, i) => {
        let info: { all: JsonSchema[]; own?: JsonSchema };
        if (!schemas.length) info = { all: [] };
        else if (tuple) info = childInfo(schema, schemas, i);
        else info = shared ??= childInfo(schema, schemas, i);
        rec(item, [...path, i], info.all, info.own, undefined);
      });
    }
  };
  rec(root, [], expand(schema, schema), schema, undefined);
}
