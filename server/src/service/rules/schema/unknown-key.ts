import { resolve, type MNode, type MProp, type ParsedDocument } from '../../documents/model';
import { displayPath, expand, getSchema, ownPropertySchema, propertySchema, walkWithSchema, type JsonSchema, type KnownProperties, type PathSeg } from '../../schema';
import { knownFrom, knownPropertiesAt } from '../../schema/walk';
import type { Fix, Severity, TextEdit } from '../../types';
import type { Rule } from '../rule';
import { suggestKey } from './suggest';

/**
 * Well-known wrong names in dragent.yaml (agent-dragent.md §1.11, §1.16, §6 R20), matched after lower-casing
 * and dropping `_`, `-`, `.` and blanks. `suggest`: the key meant; `message`: when no single key replaces it.
 */
const WRONG_NAMES: Record<string, { suggest?: string; message?: string }> = {
  mesoscredentials: { message: 'Mesos credentials go in `mesos_user` and `mesos_password` (or in the URI, `http://user:password@host:5050`)' },
  marathoncredentials: { message: 'Marathon credentials go in `marathon_user` and `marathon_password`' },
  dcoscredentials: { message: 'DC/OS Enterprise credentials go in `dcos_user` and `dcos_password`' },
  mesosusername: { suggest: 'mesos_user' },
  marathonusername: { suggest: 'marathon_user' },
  dcosusername: { suggest: 'dcos_user' },
  dcosuid: { suggest: 'dcos_user' },
  mesospass: { suggest: 'mesos_password' },
  mesospasswd: { suggest: 'mesos_password' },
  mesospwd: { suggest: 'mesos_password' },
  marathonpass: { suggest: 'marathon_password' },
  marathonpasswd: { suggest: 'marathon_password' },
  marathonpwd: { suggest: 'marathon_password' },
  mesosuri: { suggest: 'mesos_state_uri' },
  mesosurl: { suggest: 'mesos_state_uri' },
  mesosmaster: { suggest: 'mesos_state_uri' },
  mesosmasteruri: { suggest: 'mesos_state_uri' },
  mesosmasterurl: { suggest: 'mesos_state_uri' },
  mesosapi: { suggest: 'mesos_state_uri' },
  mesosstateurl: { suggest: 'mesos_state_uri' },
  marathonuri: { suggest: 'marathon_uris' },
  marathonurl: { suggest: 'marathon_uris' },
  marathonurls: { suggest: 'marathon_uris' },
  marathonapi: { suggest: 'marathon_uris' },
  accesskey: { suggest: 'customerid' },
  sysdigaccesskey: { suggest: 'customerid' },
  customerkey: { suggest: 'customerid' },
  collectoraddress: { suggest: 'collector' },
  collectorhost: { suggest: 'collector' },
  collectorurl: { suggest: 'collector' },
  secure: { suggest: 'ssl' },
  checkcertificate: { suggest: 'ssl_verify_certificate' },
  checkcert: { suggest: 'ssl_verify_certificate' },
};

function normalise(k: string): string {
  return k.toLowerCase().replace(/[-_\s.]/g, '');
}

function renameEdit(doc: ParsedDocument, p: MProp, name: string): TextEdit {
  const src = doc.text.slice(p.keyRange.start, p.keyRange.end);
  const q = src[0];
  let newText = name;
  if (doc.kind === 'marathon-app' || q === '"') newText = JSON.stringify(name);
  else if (q === "'") newText = `'${name.replace(/'/g, "''")}'`;
  return { start: p.keyRange.start, end: p.keyRange.end, newText };
}

/**
 * A suggestion among the known keys not already present in the mapping. The common case (the best
 * match is free) uses the memoised full-list answer; otherwise the free list is computed.
 */
function suggestFree(key: string, candidates: readonly string[], container: MNode) {
  const best = suggestKey(key, candidates);
  if (!best || !hasKey(container, best.name)) return best;
  return suggestKey(key, candidates.filter((c) => !hasKey(container, c)));
}

const keySets = new WeakMap<MNode, Set<string>>();

/** Keys present in a mapping; built once per mapping (a large file has thousands of keys per level). */
function hasKey(container: MNode, key: string): boolean {
  if (container.type !== 'object') return false;
  let set = keySets.get(container);
  if (!set) {
    set = new Set(container.props.map((p) => p.key));
    keySets.set(container, set);
  }
  return set.has(key);
}

function overlapsSyntaxError(doc: ParsedDocument, p: MProp): boolean {
  return doc.syntaxErrors.some((e) => e.start <= p.range.end && e.end >= p.range.start);
}

export const unknownKey: Rule = {
  id: 'unknown-key',
  kinds: ['dragent', 'marathon-app'],
  severity: 'warning',
  severities: [
    { severity: 'warning', when: 'for a key the agent never reads, a Marathon field it ignores, or a retired key' },
    { severity: 'info', when: 'for a retired key still read in December 2016, with the agent profile guide-2016', kind: 'dragent' },
  ],
  title: 'Key the agent never reads, or field Marathon ignores',
  fixable: true,
  docs:
    'Reports keys that nothing reads. The agent looks up the settings it knows and never complains about anything else, so a typo such as `mesos_state_url` or `nmemdump` silently leaves the real setting at its default; likewise Marathon drops fields that are not part of the app definition. ' +
    'In dragent.yaml every level built from the agent\'s own key list is checked (top level, `log`, `statsd`, `security`, …); free-form maps such as `app_checks[].conf`, `jmx` or `events` are not. ' +
    'Keys written with a dot (`log.file_priority: debug`) are reported too, because the agent only looks up nested keys; so are YAML merge keys (`<<`), which the agent\'s parser does not support. ' +
    'Keys that were only read by early agents (`marathon_apps_uri`, `dcos_uid`, `k8s_timeout_ms`, `ssl: {enabled: …}`, …) are reported with what replaced them (as information only when the selected agent profile still read them). ' +
    'The quick fix renames the key to the closest known one (only the key text changes, quotes are kept), or to its replacement when the value keeps its meaning; `k8s_timeout_ms` is converted to seconds.',
  check(ctx) {
    const { doc, settings } = ctx;
    if (!doc.root || !getSchema(doc.kind)) return;
    const kind = doc.kind;
    // once the cap of findings per rule is reached, no more suggestions are computed (each compares the key
    // with every known one: 50,000 unknown keys took seconds)
    let full = false;
    const report: Report = (f) => {
      if (!ctx.report(f)) full = true;
      return !full;
    };
    walkWithSchema(doc.root, kind, ({ node, path, known }) => {
      if (node.type !== 'object' || !known || full) return;
      for (const p of node.props) {
        if (full) return;
        if (!p.key || overlapsSyntaxError(doc, p)) continue;
        if (known.set.has(p.key)) {
          if (kind === 'dragent') checkDeprecated(doc, node, p, [...path, p.key], ownPropertySchema(known, p.key), settings.agentProfile, report);
          continue;
        }
        if (!known.closed) continue;
        reportUnknown(doc, node, p, path, known, report);
      }
    });
  },
};

type Report = Parameters<Rule['check']>[0]['report'];

function checkDeprecated(doc: ParsedDocument, container: MNode, p: MProp, path: PathSeg[], ps: JsonSchema | undefined, profile: string, report: Report): void {
  const dep = ps?.deprecationMessage;
  if (typeof dep !== 'string') return;
  const lastSeen = typeof ps?.['x-lastSeen'] === 'string' ? (ps['x-lastSeen'] as string) : '';
  // Keys still read at the end of 2016 are right for the 2016 guide's agents: information only there.
  const severity: Severity | undefined = profile === 'guide-2016' && lastSeen >= '2016-12' ? 'info' : undefined;
  const replacedBy = typeof ps?.['x-replacedBy'] === 'string' ? (ps['x-replacedBy'] as string) : undefined;
  const mode = ps?.['x-renameFix'];
  const fixes: Fix[] = [];
  if (replacedBy && mode) {
    const newName = replacedBy.split('.').pop()!;
    const sameParent = replacedBy.split('.').slice(0, -1).join('.') === path.slice(0, -1).join('.');
    if (sameParent && !hasKey(container, newName)) {
      if (mode === true) {
        fixes.push({ title: `Rename to \`${newName}\``, edits: [renameEdit(doc, p, newName)], preferred: true });
      } else if (mode === 'ms-to-s') {
        const v = resolve(p.value);
        const ms = v && v.type === 'scalar' && /^\d+$/.test(v.text.trim()) && p.value === v ? Number(v.text.trim()) : NaN;
        if (Number.isSafeInteger(ms) && ms % 1000 === 0) {
          fixes.push({
            title: `Replace with \`${newName}: ${ms / 1000}\``,
            edits: [renameEdit(doc, p, newName), { start: v!.range.start, end: v!.range.end, newText: String(ms / 1000) }],
            preferred: true,
          });
        }
      }
    }
  }
  report({
    start: p.keyRange.start,
    end: p.keyRange.end,
    message: `Deprecated key \`${displayPath(path)}\`. ${dep}`,
    ...(severity ? { severity } : {}),
    ...(fixes.length ? { fixes } : {}),
  });
}

/**
 * Where else the key is known: at an enclosing level or one level down (`forcePullImage` under `container` belongs
 * in `container.docker`). Up to three places are named; more would not help.
 */
const grandchildIndex = new WeakMap<KnownProperties, Map<string, string[]>>();

/** For one schema level: grandchild key → the children that accept it. Built once per level, not per key. */
function childrenHaving(schema: JsonSchema, known: KnownProperties): Map<string, string[]> {
  let index = grandchildIndex.get(known);
  if (index) return index;
  index = new Map();
  for (const child of known.names) {
    const own = ownPropertySchema(known, child);
    const sub = own ? knownFrom(expand(schema, own)) : undefined;
    for (const g of sub?.names ?? []) {
      const list = index.get(g);
      if (list) list.push(child);
      else index.set(g, [child]);
    }
  }
  grandchildIndex.set(known, index);
  return index;
}

function elsewhere(kind: ParsedDocument['kind'], path: PathSeg[], known: KnownProperties, key: string): string | undefined {
  const schema = getSchema(kind)!;
  const found: string[] = [];
  for (const child of childrenHaving(schema, known).get(key) ?? []) found.push(displayPath([...path, child]));
  for (let n = path.length - 1; n >= 0; n--) {
    if (typeof path[n] !== 'string') break;
    const up = knownPropertiesAt(schema, path.slice(0, n));
    if (up?.set.has(key)) {
      found.push(n === 0 ? 'the top level' : `\`${displayPath(path.slice(0, n))}\``);
      break;
    }
  }
  if (found.length === 0 || found.length > 3) return undefined;
  const places = found.map((f) => (f === 'the top level' || f.startsWith('`') ? f : `\`${f}\``));
  const list = places.length === 1 ? places[0] : `${places.slice(0, -1).join(', ')} or ${places[places.length - 1]}`;
  return list === 'the top level' ? 'at the top level' : `in ${list}`;
}

function reportUnknown(doc: ParsedDocument, container: MNode, p: MProp, path: PathSeg[], known: KnownProperties, report: Report): void {
  const candidates = known.names;
  const name = displayPath([...path, p.key]);
  const at = { start: p.keyRange.start, end: p.keyRange.end };
  const there = elsewhere(doc.kind, path, known, p.key);
  if (doc.kind === 'marathon-app') {
    const where = path.length ? `of \`${displayPath(path)}\`` : 'of a Marathon app definition';
    const s = there ? undefined : suggestFree(p.key, candidates, container);
    const hint = there ? `; it belongs ${there}.` : s ? `; did you mean \`${s.name}\`?` : '.';
    report({
      ...at,
      message: `\`${p.key}\` is not a field ${where}: Marathon ignores it${hint}`,
      ...(s ? { fixes: [{ title: `Rename to \`${s.name}\``, edits: [renameEdit(doc, p, s.name)], preferred: s.confidence === 'same' }] } : {}),
    });
    return;
  }
  const prefix = `\`${name}\` is not a setting the agent reads, so it is silently ignored`;
  if (p.key === '<<') {
    report({
      ...at,
      message: "`<<` (a YAML merge key) is not supported by yaml-cpp, the agent's YAML parser: the agent sees a key named `<<` and ignores it, so the merged settings do not apply. Write the keys out.",
    });
    return;
  }
  if (path.length === 0 && (p.key === 'kubectl.configmap' || (p.key === 'kubectl' && isMarkerMap(p)))) {
    report({
      ...at,
      message: `\`${p.key === 'kubectl' ? 'kubectl.configmap' : p.key}\` is a marker written by Sysdig's Kubernetes ConfigMap template, not an agent setting: the agent never reads it. It is harmless and can be removed.`,
    });
    return;
  }
  if (p.key.includes('.')) {
    const nested = p.key.split('.');
    if (propertySchema('dragent', [...path, ...nested])) {
      const [head, ...rest] = nested;
      report({
        ...at,
        message: `${prefix}: the agent looks up nested keys and never splits a key at dots. Write \`${head}:\` and under it \`${rest.join('.')}:\` (indented).`,
      });
      return;
    }
  }
  if (there) {
    report({ ...at, message: `${prefix} here: it belongs ${there}.` });
    return;
  }
  const wrong = path.length === 0 ? WRONG_NAMES[normalise(p.key)] : undefined;
  if (wrong?.message) {
    report({ ...at, message: `${prefix}: ${wrong.message}.` });
    return;
  }
  const s =
    wrong?.suggest && candidates.includes(wrong.suggest) && !hasKey(container, wrong.suggest)
      ? { name: wrong.suggest, confidence: 'close' as const }
      : suggestFree(p.key, candidates, container);
  if (!s) {
    report({ ...at, message: `${prefix}.` });
    return;
  }
  report({
    ...at,
    message: `${prefix}; did you mean \`${s.name}\`?`,
    fixes: [{ title: `Rename to \`${s.name}\``, edits: [renameEdit(doc, p, s.name)], preferred: s.confidence === 'same' }],
  });
}

function isMarkerMap(p: MProp): boolean {
  const v = resolve(p.value);
  return !!v && v.type === 'object' && v.props.length === 1 && v.props[0].key === 'configmap';
}
