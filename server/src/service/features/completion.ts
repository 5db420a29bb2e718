import { getLocation } from 'jsonc-parser';
import { getAt, resolve, type ParsedDocument } from '../documents/model';
import { deref, getSchema, knownProperties, propertySchema, schemasAtPath, type JsonSchema, type PathSeg } from '../schema/index';
import type { DocKind, Span } from '../types';
import { locate } from './locate';
import { AGENT_VOLUMES, volumeJson } from '../rules/marathon/agent-app-volumes';

export interface CompletionEntry extends Span {
  label: string;
  kind: 'property' | 'value' | 'snippet';
  /** replaces [start, end) */
  insertText: string;
  /** insertText is an LSP snippet (tab stops `$1`, `${2}`) */
  snippet?: boolean;
  /** markdown */
  documentation?: string;
  detail?: string;
  /** for sorting and filtering: what the client matches the typed prefix against */
  filterText?: string;
  /** the order in the list (the client sorts by it, then by label); absent: by label */
  sortText?: string;
}

/** escapes literal text for an LSP snippet */
export function escapeSnippet(s: string): string {
  return s.replace(/[$}\\]/g, '\\$&');
}

/**
 * The vendor guide's recommended agent app with a tab stop on every value the user must supply
 * (instances, the access key, the collector) — empty tab stops, so no placeholder text can be left behind.
 * It adds the kill-first upgradeStrategy: without it an update of an agent on every node cannot finish
 * (rule agent-app-upgrade-strategy), and a snippet should not start the user off with a warning.
 */
// The six volumes come from the agent-app-volumes rule, so the snippet and the rule cannot disagree
// (plain paths: nothing in them needs snippet escaping).
const VOLUME_LINES = AGENT_VOLUMES.map((v) => {
  const j = volumeJson(v);
  return `      { "containerPath": "${j.containerPath}", "hostPath": "${j.hostPath}", "mode": "${j.mode}" }`;
}).join(',\n');

export const AGENT_APP_SNIPPET = `{
  "id": "\${1:sysdig-agent}",
  "cpus": 1.0,
  "mem": 500.0,
  "instances": \${2},
  "constraints": [["hostname", "UNIQUE"]],
  "container": {
    "type": "DOCKER",
    "docker": {
      "image": "sysdig/agent",
      "forcePullImage": true,
      "network": "HOST",
      "privileged": true,
      "parameters": [
        { "key": "pid", "value": "host" },
        { "key": "env", "value": "ACCESS_KEY=\${3}" },
        { "key": "env", "value": "COLLECTOR=\${4}" }
      ]
    },
    "volumes": [
${VOLUME_LINES}
    ]
  },
  "upgradeStrategy": { "minimumHealthCapacity": 0, "maximumOverCapacity": 0 }
}
`;

/**
 * The keys the vendor guide's dragent.yaml sets, in its order: offered first at the top level, with the
 * Mesos/Marathon block right after them; every other key follows alphabetically.
 */
export const GUIDE_ESSENTIALS = ['customerid', 'tags', 'collector', 'collector_port', 'ssl'] as const;

/** dragent.yaml: the Mesos/Marathon block, a tab stop on each host. */
export const MESOS_BLOCK_SNIPPET = 'mesos_state_uri: http://${1}:5050\nmarathon_uris:\n  - http://${2}:8080\n';

export function complete(doc: ParsedDocument, offset: number): CompletionEntry[] {
  try {
    return doc.kind === 'dragent' ? completeYaml(doc, offset) : completeJson(doc, offset);
  } catch {
    return [];
  }
}

// ---- schema look-ups -----------------------------------------------------------------------------

function description(s: JsonSchema | undefined): string | undefined {
  if (!s) return undefined;
  const d = s.markdownDescription ?? s.description;
  return typeof d === 'string' ? d : undefined;
}

type Shape = 'object' | 'array' | 'string' | 'number' | 'boolean' | 'unknown';

function shapeOf(kind: DocKind, path: readonly PathSeg[]): Shape {
  const all = schemasAtPath(kind, path);
  // The agent's text type lists number and boolean too (yaml-cpp reads `1` or `true` as text): still text.
  if (all.some((s) => Array.isArray(s.type) && ['string', 'number', 'boolean'].every((t) => (s.type as unknown[]).includes(t)) && !(s.type as unknown[]).includes('object'))) return 'string';
  const types = new Set<string>();
  for (const s of all) {
    const t = s.type;
    for (const x of Array.isArray(t) ? t : typeof t === 'string' ? [t] : []) types.add(String(x));
    if ('properties' in s) types.add('object');
    if ('items' in s) types.add('array');
  }
  if (types.has('object')) return 'object';
  if (types.has('array')) return 'array';
  if (types.has('boolean')) return 'boolean';
  if (types.has('integer') || types.has('number')) return 'number';
  if (types.has('string')) return 'string';
  return 'unknown';
}

function isBool(kind: DocKind, path: readonly PathSeg[]): boolean {
  const root = getSchema(kind);
  const own = propertySchema(kind, path);
  const d = root && own ? deref(root, own) : undefined;
  if (d && (d['x-typeName'] === 'boolean' || d.title === 'boolean')) return true;
  return schemasAtPath(kind, path).some((s) => s.type === 'boolean' || (Array.isArray(s.type) && s.type.filter((t) => t !== 'null').join() === 'boolean'));
}

/** the field's type as the schema names it (`log level`, `64-bit integer`), when it names one */
function ownTypeName(kind: DocKind, path: readonly PathSeg[]): string | undefined {
  const root = getSchema(kind);
  const own = propertySchema(kind, path);
  const d = root && own ? deref(root, own) : undefined;
  const t = d?.['x-typeName'];
  return typeof t === 'string' ? t : undefined;
}

interface ValueChoice {
  value: string | number | boolean;
  why: string;
}

function valueChoices(kind: DocKind, path: readonly PathSeg[]): ValueChoice[] {
  const out: ValueChoice[] = [];
  const seen = new Set<string>();
  const add = (value: string | number | boolean, why: string) => {
    const k = JSON.stringify(value);
    if (seen.has(k)) return;
    seen.add(k);
    out.push({ value, why });
  };
  for (const s of schemasAtPath(kind, path)) {
    if (Array.isArray(s.enum)) for (const v of s.enum) if (['string', 'number', 'boolean'].includes(typeof v)) add(v as string, 'accepted value');
  }
  // values the field reads besides the listed ones (the agent's log levels are matched by prefix: not an enum)
  const typeName = ownTypeName(kind, path);
  for (const s of schemasAtPath(kind, path)) {
    if (Array.isArray(s.examples)) for (const v of s.examples) if (['string', 'number', 'boolean'].includes(typeof v)) add(v as string, typeName ?? 'accepted value');
  }
  if (isBool(kind, path)) {
    add(true, 'boolean');
    add(false, 'boolean');
  }
  const own = propertySchema(kind, path);
  const dflt = own?.default;
  if ((typeof dflt === 'number' || typeof dflt === 'boolean' || (typeof dflt === 'string' && dflt !== '')) && !seen.has(JSON.stringify(dflt))) add(dflt, 'default');
  return out;
}

function keyItems(kind: DocKind, path: readonly PathSeg[], existing: ReadonlySet<string>, render: (key: string, shape: Shape) => string, span: Span, snippet: boolean): CompletionEntry[] {
  const known = knownProperties(kind, path);
  if (!known) return [];
  const out: CompletionEntry[] = [];
  for (const key of known.names) {
    if (existing.has(key)) continue;
    const own = propertySchema(kind, [...path, key]);
    if (own?.deprecationMessage || own?.deprecated === true) continue;
    const shape = shapeOf(kind, [...path, key]);
    const detail = ownTypeName(kind, [...path, key]) ?? (shape === 'unknown' ? undefined : shape);
    out.push({ label: key, kind: 'property', insertText: render(key, shape), snippet, documentation: description(own), detail, filterText: key, ...span });
  }
  return out;
}

// ---- YAML ------------------------------------------------------------------------------------------

/**
 * `key: rest` at the start of a line's content: what `/^("[^"]*"|'[^']*'|[^\s#'"\-?:][^#]*?|-[^\s#][^#]*?)\s*:(?:\s+(.*))?$/`
 * matched (the key, quotes kept; the rest after the blanks, undefined after a bare `key:`), in one pass: the lazy
 * key and the blanks before `:` overlapped, quadratic on a long line (issue 10 §4). The key ends at the first `:`
 * before any `#` that is followed by a blank or the end, and for which `.*` can reach the end (no line break after
 * the blanks).
 */
export function keyLine(s: string): { key: string; rest: string | undefined } | undefined {
  const blank = (i: number) => i < s.length && /\s/.test(s[i]);
  // the last character `.` does not match (a line terminator): the rest must start after it
  let lastBreak = -1;
  for (let i = s.length - 1; i >= 0 && lastBreak < 0; i--) if ('\n\r\u2028\u2029'.includes(s[i])) lastBreak = i;
  /** the tail after the `:` at c: undefined when it does not match */
  const tail = (c: number): { rest: string | undefined } | undefined => {
    if (c + 1 === s.length) return { rest: undefined };
    if (!blank(c + 1)) return undefined;
    let runEnd = c + 1;
    while (blank(runEnd)) runEnd++;
    return lastBreak < runEnd ? { rest: s.slice(runEnd) } : undefined;
  };
  const quote = s[0] === '"' || s[0] === "'" ? s[0] : undefined;
  if (quote) {
    const close = s.indexOf(quote, 1);
    if (close < 0) return undefined;
    let c = close + 1;
    while (blank(c)) c++;
    const t = s[c] === ':' ? tail(c) : undefined;
    return t && { key: s.slice(0, close + 1), ...t };
  }
  const minKey = s[0] === '-' ? 2 : 1;
  if (s[0] === '-' ? s.length < 2 || /[\s#]/.test(s[1]) : s === '' || /[\s#'"?:]/.test(s[0])) return undefined;
  for (let c = minKey; c < s.length && s[c] !== '#'; c++) {
    if (s[c] !== ':') continue;
    const t = tail(c);
    if (t) return { key: s.slice(0, c).trimEnd(), ...t };
  }
  return undefined;
}

interface Row {
  /** column of the line's first character that is not a space */
  indent: number;
  /** column of the content after any `- ` markers */
  contentCol: number;
  dashed: boolean;
  key?: string;
  /** the text after `key:` (empty: a nested mapping or list follows) */
  rest?: string;
}

function row(text: string): Row | undefined {
  if (!text.trim() || text.trimStart().startsWith('#')) return undefined;
  const m = /^( *)((?:-(?: +|$))*)/.exec(text)!;
  const contentCol = m[1].length + m[2].length;
  const content = text.slice(contentCol);
  const km = keyLine(content.replace(/(?<!\s)\s+#.*$/, ''));
  let key = km?.key;
  if (key && /^["']/.test(key)) key = key.slice(1, -1);
  return { indent: m[1].length, contentCol, dashed: m[2].length > 0, key, rest: km ? (km.rest ?? '').trim() : undefined };
}

function opensBlock(r: Row): boolean {
  return r.key !== undefined && (r.rest === '' || /^[&!][^\s]*$/.test(r.rest ?? '') || /^#/.test(r.rest ?? ''));
}

/**
 * The mapping path of a key written at column `col` on line `lineNo` (by indentation, the way YAML reads
 * it), and the keys already present at that level. `dashCol` ≥ 0 when the key starts a new list item.
 */
function yamlLevel(doc: ParsedDocument, lineNo: number, col: number, dashCol: number): { path: PathSeg[]; siblings: Set<string> } | undefined {
  const text = (l: number) => doc.text.slice(doc.lines.lineStarts[l], doc.lines.lineEnd(l));
  const path: PathSeg[] = [];
  const siblings = new Set<string>();
  let target = col;
  let firstLevel = true;
  let seqParent = false;
  if (dashCol >= 0) {
    path.unshift(0);
    target = dashCol;
    firstLevel = false;
    seqParent = true;
  }
  for (let l = lineNo - 1; l >= 0; l--) {
    const raw = text(l);
    // a later YAML document: the agent reads only the first one
    if (/^(---|\.\.\.)(\s|$)/.test(raw)) return undefined;
    const r = row(raw);
    if (!r) continue;
    if (seqParent) {
      // looking for the key that holds the list whose items start at column `target`
      if (r.dashed && r.indent === target) continue; // an earlier item
      if (r.contentCol > target) continue;
      if (r.indent <= target && opensBlock(r) && !(r.dashed && r.indent === target)) {
        path.unshift(r.key!);
        seqParent = false;
        if (r.dashed) {
          path.unshift(0);
          target = r.indent;
          seqParent = true;
        } else target = r.contentCol;
        if (target === 0 && !seqParent) break;
        continue;
      }
      return undefined;
    }
    if (r.contentCol > target && r.indent >= target) continue; // deeper content
    if (r.contentCol === target) {
      if (firstLevel && r.key !== undefined) siblings.add(r.key);
      if (r.dashed) {
        // the first key of the list item we are in
        firstLevel = false;
        path.unshift(0);
        target = r.indent;
        seqParent = true;
      }
      continue;
    }
    // less indented: the parent key (possibly written after a `- `)
    if (r.contentCol < target && opensBlock(r)) {
      firstLevel = false;
      path.unshift(r.key!);
      if (r.dashed) {
        path.unshift(0);
        target = r.indent;
        seqParent = true;
      } else target = r.contentCol;
      if (target === 0 && !seqParent) break;
      continue;
    }
    if (r.indent < target) return undefined; // inside a scalar or something we cannot complete
  }
  if (seqParent && target > 0) return undefined;
  // later siblings
  if (dashCol < 0) {
    for (let l = lineNo + 1; l < doc.lines.lineCount; l++) {
      const r = row(text(l));
      if (!r) continue;
      if (r.indent < col && !(r.dashed && r.contentCol === col)) break;
      if (r.dashed && r.contentCol === col) break; // the next list item
      if (r.contentCol === col && r.key !== undefined) siblings.add(r.key);
    }
  }
  return { path, siblings };
}

function completeYaml(doc: ParsedDocument, offset: number): CompletionEntry[] {
  const pos = doc.lines.positionAt(offset);
  const lineStart = doc.lines.lineStarts[pos.line];
  const before = doc.text.slice(lineStart, offset);
  const kind = doc.kind;

  // inside a flow mapping `{a: 1, |}`
  const { chain } = locate(doc, offset);
  for (let i = chain.length - 1; i >= 0; i--) {
    const n = chain[i].node;
    if (n.type === 'object' && n.flow && n.range.start < offset && offset < n.range.end) {
      const m = [trailingWord(doc.text.slice(n.range.start + 1, offset))];
      if (m[0].includes(':')) return flowValue(doc, chain[i].path, m[0], offset);
      const existing = new Set(n.props.filter((p) => !(p.keyRange.start <= offset && offset <= p.keyRange.end)).map((p) => p.key));
      const end = wordEnd(doc.text, offset);
      return keyItems(kind, chain[i].path, existing, (k) => `${k}: `, { start: offset - m[0].length, end }, false);
    }
    if ((n.type === 'object' || n.type === 'array') && n.flow) return [];
  }

  const km = /^( *)((?:- +)*)([A-Za-z0-9_.\-]*)$/.exec(before);
  if (km) {
    const dashCol = km[2] ? km[1].length : -1;
    const col = km[1].length + km[2].length;
    const level = yamlLevel(doc, pos.line, col, dashCol);
    if (!level) return [];
    const span = { start: offset - km[3].length, end: wordEnd(doc.text, offset) };
    const indent = ' '.repeat(col);
    const items = keyItems(
      kind,
      level.path,
      level.siblings,
      (k, shape) => (shape === 'object' ? `${k}:\n${indent}  ` : shape === 'array' ? `${k}:\n${indent}  - ` : `${k}: `),
      span,
      false,
    );
    const topLevel = level.path.length === 0 && col === 0;
    if (topLevel && !level.siblings.has('mesos_state_uri') && !level.siblings.has('marathon_uris')) {
      items.push({
        label: 'Mesos and Marathon',
        kind: 'snippet',
        insertText: MESOS_BLOCK_SNIPPET,
        snippet: true,
        detail: 'mesos_state_uri and marathon_uris',
        documentation: 'The Mesos master API (port 5050) and one Marathon URL (port 8080): the agent reads only the first `marathon_uris` item.',
        filterText: 'mesos_state_uri marathon_uris',
        ...span,
      });
    }
    return topLevel ? items.map(guideOrder) : items;
  }

  const vm = /^( *)((?:- +)*)("[^"]*"|'[^']*'|[^\s#'"][^#:]*?)\s*:( *)([^\s#]*)$/.exec(before);
  if (vm) {
    const dashCol = vm[2] ? vm[1].length : -1;
    const col = vm[1].length + vm[2].length;
    const level = yamlLevel(doc, pos.line, col, dashCol);
    if (!level) return [];
    const key = /^["']/.test(vm[3]) ? vm[3].slice(1, -1) : vm[3];
    const path = [...level.path, key];
    const span = { start: offset - vm[5].length, end: wordEnd(doc.text, offset) };
    const pad = vm[4] ? '' : ' ';
    return valueItems(kind, path, (v) => pad + yamlScalar(v), span);
  }
  return [];
}

/** sortText for a top-level item: the guide's essentials, then the Mesos/Marathon block, then the rest by name */
function guideOrder(it: CompletionEntry): CompletionEntry {
  const i = GUIDE_ESSENTIALS.indexOf(it.label as (typeof GUIDE_ESSENTIALS)[number]);
  const rank = i >= 0 ? String(i) : it.kind === 'snippet' ? String(GUIDE_ESSENTIALS.length) : 'z';
  return { ...it, sortText: `${rank}_${it.label}` };
}

function flowValue(doc: ParsedDocument, objPath: PathSeg[], typed: string, offset: number): CompletionEntry[] {
  const i = typed.indexOf(':');
  const key = typed.slice(0, i).trim().replace(/^["']|["']$/g, '');
  const prefix = typed.slice(i + 1).trimStart();
  return valueItems(doc.kind, [...objPath, key], (v) => yamlScalar(v), { start: offset - prefix.length, end: wordEnd(doc.text, offset) });
}

function yamlScalar(v: string | number | boolean): string {
  if (typeof v !== 'string') return String(v);
  return /^[A-Za-z0-9_./-][^:#{}[\],&*!|>'"%@`]*$/.test(v) && !/^(true|false|yes|no|on|off|y|n|null|~)$/i.test(v) ? v : JSON.stringify(v);
}

function valueItems(kind: DocKind, path: PathSeg[], render: (v: string | number | boolean) => string, span: Span): CompletionEntry[] {
  const doc = description(propertySchema(kind, path));
  return valueChoices(kind, path).map((c) => ({
    label: String(c.value),
    kind: 'value' as const,
    insertText: render(c.value),
    detail: c.why,
    documentation: doc,
    filterText: String(c.value),
    ...span,
  }));
}

function wordEnd(text: string, offset: number): number {
  let e = offset;
  while (e < text.length && /[A-Za-z0-9_.\-]/.test(text[e])) e++;
  return e;
}

// ---- JSON ------------------------------------------------------------------------------------------

function completeJson(doc: ParsedDocument, offset: number): CompletionEntry[] {
  const text = doc.text;
  const kind = doc.kind;
  if (/^\s*(\{\s*\}\s*)?$/.test(text)) {
    return [
      {
        label: 'Sysdig agent app (vendor guide)',
        kind: 'snippet',
        insertText: AGENT_APP_SNIPPET,
        snippet: true,
        detail: 'sysdig/agent, privileged, HOST network, pid=host, six volumes, one per host',
        documentation: 'The Marathon app the vendor guide recommends for the agent, with tab stops on the instance count, the access key and the collector.',
        filterText: '{ sysdig agent',
        start: 0,
        end: text.length,
      },
    ];
  }
  const loc = getLocation(text, offset);
  const prev = loc.previousNode;
  if (loc.isAtPropertyKey) {
    const objPath = loc.path.slice(0, -1) as PathSeg[];
    const obj = resolve(getAt(doc.root, objPath));
    const existing = new Set<string>();
    if (obj && obj.type === 'object') for (const p of obj.props) if (!(p.keyRange.start <= offset && offset <= p.keyRange.end)) existing.add(p.key);
    let span: Span;
    if (prev && prev.type === 'string' && prev.offset <= offset && offset <= prev.offset + prev.length) span = { start: prev.offset, end: prev.offset + prev.length };
    else {
      let s = offset;
      while (s > 0 && /[A-Za-z0-9_]/.test(text[s - 1])) s--;
      let e = wordEnd(text, offset);
      if (text[s - 1] === '"') {
        s--;
        if (text[e] === '"') e++;
      }
      span = { start: s, end: e };
    }
    const hasColon = /^\s*:/.test(text.slice(span.end));
    return keyItems(
      kind,
      objPath,
      existing,
      (k, shape) => {
        const key = escapeSnippet(JSON.stringify(k));
        if (hasColon) return key;
        const value = shape === 'object' ? '{$1}' : shape === 'array' ? '[$1]' : shape === 'string' ? '"$1"' : '$1';
        return `${key}: ${value}`;
      },
      span,
      true,
    ).map((it) => ({ ...it, filterText: JSON.stringify(it.label) }));
  }
  const path = loc.path as PathSeg[];
  if (!path.length) return [];
  let span: Span = { start: offset, end: offset };
  if (prev && (prev.type === 'string' || prev.type === 'number' || prev.type === 'boolean' || prev.type === 'null') && prev.offset <= offset && offset <= prev.offset + prev.length) {
    span = { start: prev.offset, end: prev.offset + prev.length };
  }
  return valueItems(kind, path, (v) => JSON.stringify(v), span).map((it) => ({ ...it, filterText: it.insertText }));
}

/**
 * The text after the last blank, `{` or `,` (what `/[^\s{,]*$/` matched, without its re-reading of the run from
 * every position: quadratic on a long flow mapping line).
 */
export function trailingWord(s: string): string {
  let i = s.length;
  while (i > 0 && !/[\s{,]/.test(s[i - 1])) i--;
  return s.slice(i);
}
