/**
 * Schema support shared by both document kinds: precompiled validation (see schemas.ts), readable
 * problems (validate.ts) and schema navigation for unknown-key, hover and completion (walk.ts).
 */
import type { DocKind } from '../types';
import { getSchema } from './schemas';
import { knownPropertiesAt, propertySchemaAt, schemasAt, type JsonSchema, type KnownProperties, type PathSeg } from './walk';

export { getSchema, getKindSchema, schemaCompileError } from './schemas';
export { validateDocument, type SchemaProblem, type ProblemKind } from './validate';
export { buildInstance, INSTANCE_BUDGET } from './instance';
export { displayPath, describeValue, defaultClause, formatDefault } from './messages';
export { refName, deref, expand, atPointer, ownPropertySchema, type JsonSchema, type PathSeg, type KnownProperties } from './walk';

/** Known property names at an object location of a document kind (undefined: no schema, or not an object there). */
export function knownProperties(kind: DocKind, path: readonly PathSeg[]): KnownProperties | undefined {
  const s = getSchema(kind);
  return s ? knownPropertiesAt(s, path) : undefined;
}

/** The property's own schema (with `$ref`, `default`, `description`, `deprecationMessage`, x-* annotations). */
export function propertySchema(kind: DocKind, path: readonly PathSeg[]): JsonSchema | undefined {
  const s = getSchema(kind);
  return s ? propertySchemaAt(s, path) : undefined;
}

/** Every schema that applies at a path, `$ref`s and combinators flattened. */
export function schemasAtPath(kind: DocKind, path: readonly PathSeg[]): JsonSchema[] {
  const s = getSchema(kind);
  return s ? schemasAt(s, path) : [];
}
export { walkWithSchema, type SchemaVisit } from './doc-walk';
