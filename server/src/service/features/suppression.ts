import { getAt, resolve, type MNode, type MProp, type ParsedDocument } from '../documents/model';
import { nearFinder } from './locate';
import { compileGlob, globProblem, normalizeGlob } from '../text/glob';
import { SEVERITIES, type AgentProfile, type Finding, type Settings, type Severity, type TextEdit } from '../types';
import { readClusterList, type NamedCluster } from '../clusters';

/**
 * Suppressions: `# sysdig-mesos-disable-next-line [id[, id…]]` comments in YAML, and the workspace file
 * `.sysdig-mesos.json` (schemas/sysdig-mesos-config.schema.json) for both kinds — Marathon JSON cannot carry
 * comments, so its ignores name a JSON Pointer. Pure: the caller reads the file and passes the parsed value.
 */
export const DISABLE_NEXT_LINE = 'sysdig-mesos-disable-next-line';
export const CONFIG_FILE = '.sysdig-mesos.json';

const DIRECTIVE = /^#\s*sysdig-mesos-disable-next-line(?:\s+(.*?))?\s*$/;

/** Per 0-based line: the rule ids suppressed on it, or `'all'`. */
export function suppressedLines(doc: ParsedDocument): Map<number, Set<string> | 'all'> {
  const out = new Map<number, Set<string> | 'all'>();
  if (doc.kind !== 'dragent') return out;
  for (const c of doc.comments) {
    const text = doc.text.slice(c.start, c.end);
    const m = DIRECTIVE.exec(text);
    if (!m) continue;
    const pos = doc.lines.positionAt(c.start);
    // only a comment on a line of its own speaks for the next line
    if (doc.text.slice(doc.lines.lineStarts[pos.line], c.start).trim() !== '') continue;
    const ids = (m[1] ?? '').split(/[\s,]+/).filter((s) => s && !s.startsWith('--'));
    const line = pos.line + 1;
    if (!ids.length) out.set(line, 'all');
    else {
      const prev = out.get(line);
      if (prev === 'all') continue;
      const set = prev ?? new Set<string>();
      for (const id of ids) set.add(id);
      out.set(line, set);
    }
  }
  return out;
}

/** Drops the findings a disable-next-line comment suppresses (a finding counts by the line it starts on). */
export function applySuppressionComments(doc: ParsedDocument, findings: readonly Finding[]): Finding[] {
  const lines = suppressedLines(doc);
  if (!lines.size) return [...findings];
  return findings.filter((f) => {
    const s = lines.get(doc.lines.positionAt(f.start).line);
    return !(s === 'all' || (s && s.has(f.ruleId)));
  });
}

/**
 * The edit inserting (or extending) a disable-next-line comment above `line`, indented like it; undefined
 * where a comment line cannot go (inside a multi-line scalar or flow collection).
 */
export function disableNextLineEdit(doc: ParsedDocument, line: number, ruleId: string): TextEdit | undefined {
  if (doc.kind !== 'dragent' || line >= doc.lines.lineCount) return undefined;
  const start = doc.lines.lineStarts[line];
  if (insideMultiLineNode(doc.root, start)) return undefined;
  if (line > 0) {
    const prevStart = doc.lines.lineStarts[line - 1];
    const prevEnd = doc.lines.lineEnd(line - 1);
    const prev = doc.text.slice(prevStart, prevEnd);
    const m = /^(\s*)#\s*sysdig-mesos-disable-next-line(?:\s+(.*?))?\s*$/.exec(prev);
    if (m) {
      if (!m[2]) return undefined; // already all rules
      const ids = m[2].split(/[\s,]+/).filter(Boolean);
      if (ids.includes(ruleId)) return undefined;
      return { start: prevEnd - (prev.length - prev.trimEnd().length), end: prevEnd - (prev.length - prev.trimEnd().length), newText: `, ${ruleId}` };
    }
  }
  const lineText = doc.text.slice(start, doc.lines.lineEnd(line));
  const indent = /^[ ]*/.exec(lineText)![0];
  return { start, end: start, newText: `${indent}# ${DISABLE_NEXT_LINE} ${ruleId}${lineEnding(doc)}` };
}

const eols = new WeakMap<ParsedDocument, string>();
/** the document's line ending, looked up once per document (once per finding was a whole-text scan each) */
function lineEnding(doc: ParsedDocument): string {
  let eol = eols.get(doc);
  if (eol === undefined) {
    eol = /\r\n/.test(doc.text) ? '\r\n' : /\r/.test(doc.text) && !/\n/.test(doc.text) ? '\r' : '\n';
    eols.set(doc, eol);
  }
  return eol;
}

const nearProp = nearFinder<MProp>((p) => (p.value ? p.value.range : p.keyRange));
const nearItem = nearFinder<MNode>((n) => n.range);

/** true when `offset` (a line start) lies strictly inside a scalar or flow collection spanning lines */
function insideMultiLineNode(root: MNode | null, offset: number): boolean {
  let found = false;
  const visit = (n: MNode | null, depth: number): void => {
    if (!n || found || depth > 500 || n.range.end < offset || n.range.start >= offset) return;
    if (n.type === 'scalar' || n.type === 'alias' || n.flow) {
      if (n.range.start < offset && offset < n.range.end) found = true;
      return;
    }
    // only the children around the offset (a scan of every child per finding was quadratic in a long list)
    if (n.type === 'object') {
      const [from, to] = nearProp(n.props, offset);
      for (let i = from; i < to; i++) visit(n.props[i].value, depth + 1);
    } else {
      const [from, to] = nearItem(n.items, offset);
      for (let i = from; i < to; i++) visit(n.items[i], depth + 1);
    }
  };
  visit(root, 0);
  return found;
}

// ---- the workspace file ------------------------------------------------------------------------

export interface IgnoreEntry {
  /** glob(s) of paths relative to the workspace folder; a glob without `/` matches the file name anywhere */
  files?: string | string[];
  /** rule ids; absent or empty: every rule */
  rules?: string[];
  /** JSON Pointer (RFC 6901) to a value: findings inside its key and value are ignored */
  pointer?: string;
}

export interface SysdigMesosConfig {
  rules?: Record<string, Severity | 'off'>;
  agentProfile?: AgentProfile;
  ignore?: IgnoreEntry[];
  /** named clusters (service/clusters.ts): the CLI's --cluster NAME, the editor's view, Deploy and Check */
  clusters?: NamedCluster[];
}

/**
 * Checks a parsed `.sysdig-mesos.json` against the rules of schemas/sysdig-mesos-config.schema.json (kept in
 * step by a test). Returns the usable part and one message per problem; never throws.
 */
export function readConfig(raw: unknown): { config: SysdigMesosConfig; problems: string[] } {
  const problems: string[] = [];
  const config: SysdigMesosConfig = {};
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return { config, problems: ['the file must hold a JSON object'] };
  const r = raw as Record<string, unknown>;
  for (const k of Object.keys(r)) if (k !== 'rules' && k !== 'agentProfile' && k !== 'ignore' && k !== 'clusters' && k !== '$schema') problems.push(`unknown property "${k}"`);
  if (r.agentProfile !== undefined) {
    if (r.agentProfile === 'guide-2016' || r.agentProfile === 'latest') config.agentProfile = r.agentProfile;
    else problems.push('agentProfile must be "guide-2016" or "latest"');
  }
  if (r.rules !== undefined) {
    if (!r.rules || typeof r.rules !== 'object' || Array.isArray(r.rules)) problems.push('rules must be an object of rule id → severity');
    else {
      config.rules = {};
      for (const [id, v] of Object.entries(r.rules as Record<string, unknown>)) {
        if (v === 'off' || (SEVERITIES as readonly unknown[]).includes(v)) config.rules[id] = v as Severity | 'off';
        else problems.push(`rules.${id} must be one of error, warning, info, hint, off`);
      }
    }
  }
  if (r.ignore !== undefined) {
    if (!Array.isArray(r.ignore)) problems.push('ignore must be a list');
    else {
      config.ignore = [];
      r.ignore.forEach((e, i) => {
        if (!e || typeof e !== 'object' || Array.isArray(e)) return problems.push(`ignore[${i}] must be an object`);
        const o = e as Record<string, unknown>;
        const entry: IgnoreEntry = {};
        let ok = true;
        for (const k of Object.keys(o)) if (k !== 'files' && k !== 'rules' && k !== 'pointer') (problems.push(`ignore[${i}]: unknown property "${k}"`), (ok = false));
        if (o.files !== undefined) {
          if (typeof o.files === 'string' && o.files) entry.files = o.files;
          else if (Array.isArray(o.files) && o.files.length && o.files.every((g) => typeof g === 'string' && g)) entry.files = o.files as string[];
          else (problems.push(`ignore[${i}].files must be a glob or a list of globs`), (ok = false));
          for (const g of entry.files === undefined ? [] : Array.isArray(entry.files) ? entry.files : [entry.files]) {
            const why = globProblem(g);
            // such a glob matches nothing; the entry stays (its other globs still work) and the file says why
            if (why) problems.push(`ignore[${i}].files: ${why}`);
          }
        }
        if (o.rules !== undefined) {
          if (Array.isArray(o.rules) && o.rules.every((x) => typeof x === 'string')) entry.rules = o.rules as string[];
          else (problems.push(`ignore[${i}].rules must be a list of rule ids`), (ok = false));
        }
        if (o.pointer !== undefined) {
          if (typeof o.pointer === 'string' && (o.pointer === '' || o.pointer.startsWith('/'))) entry.pointer = o.pointer;
          else (problems.push(`ignore[${i}].pointer must be a JSON Pointer such as /container/docker/network`), (ok = false));
        }
        if (ok) config.ignore!.push(entry);
      });
    }
  }
  if (r.clusters !== undefined) {
    const read = readClusterList(r.clusters, 'clusters');
    problems.push(...read.problems);
    config.clusters = read.clusters;
  }
  return { config, problems };
}

/** Settings with the workspace file's `rules` and `agentProfile` on top (the file wins over editor settings). */
export function settingsWithConfig(settings: Settings, config: SysdigMesosConfig | undefined): Settings {
  if (!config) return settings;
  return {
    agentProfile: config.agentProfile ?? settings.agentProfile,
    rules: { ...settings.rules, ...(config.rules ?? {}) },
  };
}

/** `**` spans folders, `*` and `?` stay within one; a glob without `/` matches the file name (linear: text/glob.ts). */
export function globMatch(glob: string, path: string): boolean {
  const p = path.replace(/\\/g, '/').replace(/^\.\//, '');
  return compileGlob(glob, { anchor: normalizeGlob(glob).includes('/') ? 'whole' : 'tail' }).test(p);
}

function pointerPath(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The source span a JSON Pointer names in the model: the entry (key and value) or the list item. */
export function pointerSpan(doc: ParsedDocument, pointer: string): { start: number; end: number } | undefined {
  const segs = pointerPath(pointer);
  if (!segs.length) return doc.root ? doc.root.range : undefined;
  const parent = resolve(getAt(doc.root, segs.slice(0, -1).map((s, i) => seg(doc, segs, i))));
  const last = segs[segs.length - 1];
  if (!parent) return undefined;
  if (parent.type === 'object') {
    const p = parent.props.find((x) => x.key === last);
    return p ? p.range : undefined;
  }
  if (parent.type === 'array' && /^(0|[1-9]\d*)$/.test(last)) return parent.items[Number(last)]?.range;
  return undefined;
}

/** a pointer segment as a path step: an index where the parent is a list */
function seg(doc: ParsedDocument, segs: string[], i: number): string | number {
  const parent = resolve(getAt(doc.root, segs.slice(0, i).map((s, j) => seg(doc, segs, j))));
  return parent && parent.type === 'array' && /^(0|[1-9]\d*)$/.test(segs[i]) ? Number(segs[i]) : segs[i];
}

/**
 * What the CLI and the server do with findings after linting: drop those under a disable-next-line comment,
 * apply the workspace file's rule severities (`off` drops) and its `ignore` entries for this file.
 * `filePath` is relative to the folder holding the workspace file (`/` or `\` separators).
 */
export function applyConfig(findings: readonly Finding[], doc: ParsedDocument, config: SysdigMesosConfig | undefined, filePath: string): Finding[] {
  let out = applySuppressionComments(doc, findings);
  if (!config) return out;
  const rules = config.rules ?? {};
  out = out.flatMap((f) => {
    const s = rules[f.ruleId];
    if (s === 'off') return [];
    return s ? [{ ...f, severity: s }] : [f];
  });
  for (const entry of config.ignore ?? []) {
    const globs = entry.files === undefined ? [] : Array.isArray(entry.files) ? entry.files : [entry.files];
    if (globs.length && !globs.some((g) => globMatch(g, filePath))) continue;
    const span = entry.pointer !== undefined ? pointerSpan(doc, entry.pointer) : undefined;
    if (entry.pointer !== undefined && !span) continue;
    const ids = entry.rules && entry.rules.length ? new Set(entry.rules) : undefined;
    out = out.filter((f) => {
      if (ids && !ids.has(f.ruleId)) return true;
      if (span && !(f.start >= span.start && f.end <= span.end)) return true;
      return false;
    });
  }
  return out;
}
