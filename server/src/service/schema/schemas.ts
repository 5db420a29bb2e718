import type { DocKind } from '../types';
import type { GeneratedValidator } from './ajv-types';
import type { JsonSchema } from './walk';
import * as dragent from './generated/dragent.js';
import * as marathonApp from './generated/marathon-app.js';

/**
 * The schema of each document kind, with its precompiled validator.
 *
 * The validators are ajv "standalone" modules generated at build time by scripts/gen-schema-validators.mjs
 * from schemas/<kind>.schema.json. Measured on the development machine (Node 20, fresh process each time):
 * loading ajv and compiling both schemas at start-up takes 600–750 ms (the dragent schema, ≈590 keys, is
 * most of it); loading the generated modules takes 50–70 ms. So the server and the CLI start about 0.6 s
 * sooner, and the first validation is as fast as every later one.
 *
 * A kind whose schema file is missing (or does not compile) has no validator: schema validation and
 * unknown-key checks are skipped for it until the file exists and the project is built again.
 */
export interface KindSchema {
  schema: JsonSchema;
  validate: GeneratedValidator;
}

const KINDS: Record<DocKind, { validate?: GeneratedValidator; schema?: Record<string, unknown>; compileError?: string }> = {
  dragent,
  'marathon-app': marathonApp,
};

export function getKindSchema(kind: DocKind): KindSchema | undefined {
  const k = KINDS[kind];
  return k && k.validate && k.schema ? { schema: k.schema, validate: k.validate } : undefined;
}

/** The JSON Schema for a document kind (full, with descriptions and defaults), if there is one. */
export function getSchema(kind: DocKind): JsonSchema | undefined {
  return getKindSchema(kind)?.schema;
}

/** Why a kind has no validator although its schema file exists (the generator could not compile it). */
export function schemaCompileError(kind: DocKind): string | undefined {
  return KINDS[kind]?.compileError;
}
