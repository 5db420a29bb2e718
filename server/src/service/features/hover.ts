import type { ParsedDocument } from '../documents/model';
import type { Rule } from '../rules/rule';
import { deref, getSchema, propertySchema, schemasAtPath, type JsonSchema } from '../schema/index';
import type { Finding, Span } from '../types';
import { propAt } from './locate';
import { MESOS_AUTODETECT_HOVER } from './metadata-reception';

export interface HoverResult extends Span {
  /** markdown */
  contents: string;
}

/**
 * Hover: the key's documentation from the kind's schema (description, type, default, accepted forms,
 * deprecation), the doc paragraph of every rule whose finding covers the offset, and that of every rule that
 * `explains` the key. One model look-up and
 * a few schema look-ups (cached per path): well under a millisecond on ordinary files.
 */
export function hover(doc: ParsedDocument, offset: number, findings: readonly Finding[], rules: readonly Omit<Rule, 'check'>[]): HoverResult | undefined {
  const parts: string[] = [];
  let span: Span | undefined;
  const at = propAt(doc, offset);
  if (at) {
    const md = keyDocs(doc.kind, at.path);
    if (md) {
      parts.push(md);
      span = at.prop.keyRange.start <= offset && offset <= at.prop.keyRange.end ? at.prop.keyRange : at.prop.value?.range ?? at.prop.keyRange;
    }
    // the guide's troubleshooting switch: when autodetection matters (agents on master nodes)
    if (doc.kind === 'dragent' && at.path.length === 1 && at.path[0] === 'mesos_autodetect') {
      parts.push(MESOS_AUTODETECT_HOVER);
      span ??= at.prop.keyRange;
    }
  }
  const covering = findings.filter((f) => f.start <= offset && offset <= f.end);
  const seen = new Set<string>();
  for (const f of covering) {
    if (seen.has(f.ruleId)) continue;
    seen.add(f.ruleId);
    const rule = rules.find((r) => r.id === f.ruleId);
    if (!rule) continue;
    parts.push(`**${rule.id}** — ${rule.title}\n\n${rule.docs}`);
    span ??= { start: f.start, end: f.end };
  }
  // Rules that explain the key under the cursor whether or not its value is wrong.
  if (at) {
    for (const rule of rules) {
      if (seen.has(rule.id) || !rule.explains?.(doc, at.path)) continue;
      seen.add(rule.id);
      parts.push(`**${rule.id}** — ${rule.title}\n\n${rule.docs}`);
      span ??= at.prop.keyRange;
    }
  }
  if (!parts.length || !span) return undefined;
  return { contents: parts.join('\n\n---\n\n'), start: span.start, end: span.end };
}

/** Markdown documentation of the key at `path` (undefined when the schema does not know it). */
export function keyDocs(kind: ParsedDocument['kind'], path: readonly (string | number)[]): string | undefined {
  const own = propertySchema(kind, path);
  const root = getSchema(kind);
  if (!own || !root || path.length === 0) return undefined;
  const key = String(path[path.length - 1]);
  const lines: string[] = [`**${path.filter((s) => typeof s === 'string').join('.')}**`];
  if (typeof own.markdownDescription === 'string') {
    // dragent schema: the generator already wrote description, type, default, forms and provenance
    lines.push(own.markdownDescription);
  } else {
    if (typeof own.description === 'string') lines.push(own.description);
    const facts: string[] = [];
    const type = typeText(root, own, kind, path);
    if (type) facts.push(`- **Type:** ${type}`);
    if (own.default !== undefined) facts.push(`- **Default:** \`${JSON.stringify(own.default)}\``);
    const all = schemasAtPath(kind, path);
    const en = all.flatMap((s) => (Array.isArray(s.enum) ? s.enum : []));
    if (en.length) facts.push(`- **Accepted:** ${[...new Set(en)].map((v) => `\`${typeof v === 'string' ? v : JSON.stringify(v)}\``).join(', ')}`);
    const forms = all.map((s) => s['x-forms']).find((x) => typeof x === 'string');
    if (forms) facts.push(`- **Forms:** ${forms}`);
    const min = all.map((s) => s.minimum).find((x) => typeof x === 'number');
    const max = all.map((s) => s.maximum).find((x) => typeof x === 'number');
    if (min !== undefined || max !== undefined) facts.push(`- **Range:** ${min ?? '…'} to ${max ?? '…'}`);
    if (facts.length) lines.push(facts.join('\n'));
  }
  const dep = own.deprecationMessage ?? (own.deprecated === true ? `\`${key}\` is deprecated.` : undefined);
  if (typeof dep === 'string' && !(typeof own.markdownDescription === 'string' && own.markdownDescription.includes(dep))) lines.push(`**Deprecated:** ${dep}`);
  return lines.join('\n\n');
}

function typeText(root: JsonSchema, own: JsonSchema, kind: ParsedDocument['kind'], path: readonly (string | number)[]): string | undefined {
  const d = deref(root, own);
  const t = d?.['x-typeName'] ?? d?.title ?? d?.type ?? schemasAtPath(kind, path).map((s) => s.type).find((x) => x !== undefined);
  if (Array.isArray(t)) return t.join(' or ');
  return typeof t === 'string' ? t : undefined;
}
