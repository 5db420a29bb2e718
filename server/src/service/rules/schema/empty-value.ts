import type { MNode, MProp, ParsedDocument } from '../../documents/model';
import { defaultClause, displayPath, ownPropertySchema, refName, walkWithSchema, type JsonSchema, type PathSeg } from '../../schema';
import type { Fix } from '../../types';
import type { Rule } from '../rule';

const SCALAR_DEFS: Record<string, 'bool' | 'number' | 'string'> = {
  bool: 'bool',
  int: 'number',
  int64: 'number',
  uint16: 'number',
  uint32: 'number',
  uint64: 'number',
  float: 'number',
  string: 'string',
};

/** Log levels are checked by `log-priority`, which reports an empty level as the error it is. */
const LEFT_TO_OTHER_RULES = new Set(['log.file_priority', 'log.console_priority', 'log.event_priority']);

/** What the text "null" does for a few string keys (agent-dragent.md §2). */
const NULL_STRING_EFFECT: Record<string, string> = {
  collector: 'the agent tries to connect to a collector host named "null"',
  customerid: 'the agent sends "null" as its access key and cannot authenticate',
  mesos_state_uri: 'the agent logs "Error setting Mesos URI: Invalid URI: [null]" and falls back to autodetection',
  k8s_uri: 'the agent tries to use "null" as the Kubernetes API URI',
  tags: 'the host gets the tag text "null"',
  ca_certificate: 'the agent looks for a CA bundle file named "null"',
  k8s_cluster_name: 'the cluster is named "null"',
};

function scalarKind(prop: JsonSchema | undefined): 'bool' | 'number' | 'string' | undefined {
  const def = refName(prop);
  if (def) return SCALAR_DEFS[def];
  // `ssl`: a boolean whose schema also admits the pre-release mapping form
  if (prop && typeof prop['x-expect'] === 'string' && /^a boolean/.test(prop['x-expect'] as string)) return 'bool';
  return undefined;
}

function isEmpty(n: MNode | null): boolean {
  return !n || (n.type === 'scalar' && n.value === null && n.style === 'plain' && !n.tag);
}

/** A YAML rendering of a default value for the fix, or undefined when it is not a simple scalar. */
function yamlScalar(v: unknown): string | undefined {
  if (typeof v === 'boolean' || typeof v === 'number') return String(v);
  if (typeof v !== 'string') return undefined;
  if (v === '') return '""';
  return /^[A-Za-z0-9_./-]+$/.test(v) && !/^(true|false|yes|no|on|off|y|n|null|~)$/i.test(v) && !/^[-+.\d]/.test(v) ? v : JSON.stringify(v);
}

function fixFor(doc: ParsedDocument, prop: MProp, ps: JsonSchema | undefined): Fix[] | undefined {
  if (!ps || !('default' in ps) || 'x-defaultNote' in ps) return undefined;
  const text = yamlScalar(ps.default);
  if (text === undefined) return undefined;
  const v = prop.value;
  let edit;
  if (v && v.range.end > v.range.start) edit = { start: v.range.start, end: v.range.end, newText: text };
  else {
    const colon = doc.text.indexOf(':', prop.keyRange.end);
    if (colon < 0) return undefined;
    // `key:` or `key: # comment` → `key: <default>` (a blank stays before any comment)
    const after = doc.text.slice(colon + 1, colon + 2);
    edit = after === ' ' || after === '\t' ? { start: colon + 2, end: colon + 2, newText: /^\s*#/.test(doc.text.slice(colon + 1)) ? `${text} ` : text } : { start: colon + 1, end: colon + 1, newText: ` ${text}` };
  }
  return [{ title: `Set the default value ${text}`, edits: [edit] }];
}

export const emptyValue: Rule = {
  id: 'empty-value',
  kinds: ['dragent'],
  severity: 'warning',
  title: 'Setting left empty',
  fixable: true,
  docs:
    'Reports a key written without a value (`mesos_timeout_ms:`, `collector: ~`) where the agent expects a single value. An empty value is not the same as leaving the key out: ' +
    'for a boolean or a number the agent cannot convert it, logs "Config file error at key …" and uses the default; for a text setting the agent\'s YAML library hands over the text "null", so `collector:` makes the agent connect to a host named "null" and `mesos_state_uri:` logs "Invalid URI: [null]". ' +
    'Lists and mappings may be empty (`app_checks:` with every item commented out is fine). ' +
    'The quick fix writes the documented default (for a text setting whose default is empty, `""`), which keeps the key visible for later editing; deleting the line works as well.',
  check({ doc, report }) {
    walkWithSchema(doc.root, 'dragent', ({ node, path, known }) => {
      if (node.type !== 'object' || !known) return;
      for (const p of node.props) {
        if (!p.key || !isEmpty(p.value)) continue;
        const full: PathSeg[] = [...path, p.key];
        const name = displayPath(full);
        if (LEFT_TO_OTHER_RULES.has(name)) continue;
        const ps = ownPropertySchema(known, p.key);
        const kind = scalarKind(ps);
        if (!kind) continue;
        const inList = path.some((s) => typeof s === 'number');
        let consequence: string;
        if (kind === 'string') {
          const effect = NULL_STRING_EFFECT[name];
          consequence = effect
            ? `the agent's YAML library reads an empty value as the text "null", so ${effect}`
            : inList
              ? 'the agent\'s YAML library reads an empty value as the text "null"'
              : `the agent's YAML library reads an empty value as the text "null" and the agent uses that instead of its default`;
        } else {
          consequence = inList ? 'the agent cannot convert an empty value' : `the agent cannot convert an empty value, ignores it and ${defaultClause(ps)}`;
        }
        const fixes = fixFor(doc, p, ps);
        report({
          start: p.keyRange.start,
          end: p.keyRange.end,
          message: `${name} has no value: ${consequence}. Write a value or remove the key.`,
          ...(fixes ? { fixes } : {}),
        });
      }
    });
  },
};
