import type { MNode, MProp, ParsedDocument } from '../documents/model';
import { resolve, walk } from '../documents/model';
import type { Span, TextEdit } from '../types';

/**
 * The vendor guide's "Turning Off Meta Data Reception" as a pair of code actions on dragent.yaml: comment out the
 * Mesos parameters and add `mesos_autodetect: false`, and the exact reverse.
 *
 * Which keys (../shared/docs/agent-dragent.md §1 items 11–13, §3, §4.7; agent-keys.json): the agent reaches
 * Mesos/Marathon through `mesos_state_uri` and `marathon_uris` (the 2015 agents: `marathon_apps_uri`,
 * `marathon_groups_uri`), with the credentials `mesos_user`/`mesos_password`, `marathon_user`/`marathon_password`,
 * `dcos_user`/`dcos_password` (`dcos_uid`: the Oct-2016 pre-release spelling). Without a `mesos_state_uri` it
 * autodetects a local Mesos process unless `mesos_autodetect` is false. The tuning keys (`mesos_timeout_ms`,
 * `*_follow_leader`, `marathon_skip_labels`) open no connection and are left as they are; the action is offered
 * on them too, as they are Mesos parameters a user may stand on.
 *
 * The marker design makes the reverse exact and safe: every commented line gets `OFF_PREFIX` at its very start
 * (after a BOM), so taking the prefix away gives back the line byte for byte — indentation, trailing comment,
 * list items, CR LF; the two lines the action adds are whole lines whose text (after their indentation) is one
 * of two fixed texts, removed with their own line break. The reverse touches no other line.
 */

/** the keys commented out: the connection and its credentials */
export const MESOS_CONNECTION_KEYS: readonly string[] = [
  'mesos_state_uri',
  'marathon_uris',
  'marathon_apps_uri',
  'marathon_groups_uri',
  'mesos_user',
  'mesos_password',
  'marathon_user',
  'marathon_password',
  'dcos_user',
  'dcos_password',
  'dcos_uid',
];

/** the keys the actions are offered on */
export const MESOS_PARAMETER_KEYS: readonly string[] = [
  ...MESOS_CONNECTION_KEYS,
  'mesos_autodetect',
  'mesos_timeout_ms',
  'mesos_follow_leader',
  'marathon_follow_leader',
  'marathon_skip_labels',
  'marathon_ports',
];

export const TURN_OFF_TITLE = 'Turn off Mesos metadata reception (troubleshooting)';
export const TURN_ON_TITLE = 'Turn Mesos metadata reception back on';

/** put before every line the action comments out */
export const OFF_PREFIX = '# sysdig-mesos off: ';
/** the comment line the action adds above its `mesos_autodetect: false` */
export const OFF_HEADER = `# sysdig-mesos: Mesos metadata reception turned off for troubleshooting (undo: "${TURN_ON_TITLE}")`;
/** the setting line the action adds */
export const OFF_SETTING = 'mesos_autodetect: false # sysdig-mesos: added by "Turn off Mesos metadata reception"';

/** yaml-cpp's false (its bool conversion: lower, Capitalised or UPPER case; quoted forms convert too) */
const YAML_CPP_FALSE = new Set(['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']);

export type TurnOff = { edits: TextEdit[] } | { refused: string } | undefined;

/** where each line's text starts: after a byte order mark on the first line, which must stay first */
function contentStart(doc: ParsedDocument, line: number): number {
  const s = doc.lines.lineStarts[line];
  return line === 0 && doc.text.charCodeAt(0) === 0xfeff ? s + 1 : s;
}

function lineText(doc: ParsedDocument, line: number): string {
  return doc.text.slice(contentStart(doc, line), doc.lines.lineEnd(line));
}

/** the document's line break (its first one), `\n` in a one-line file */
function lineBreak(text: string): string {
  const m = /\r\n|\r|\n/.exec(text);
  return m ? m[0] : '\n';
}

/** the top-level block mapping the agent reads, or why the action cannot work on it line by line */
function topMapping(doc: ParsedDocument): { props: MProp[] } | { refused: string } {
  if (doc.kind !== 'dragent') return { refused: 'not a dragent.yaml' };
  if (doc.syntaxErrors.length) return { refused: 'the file has a syntax error' };
  const root = doc.root;
  if (!root) return { props: [] };
  if (root.type !== 'object') return { refused: 'the file is not a mapping of settings' };
  if (root.flow) return { refused: 'the settings are one flow mapping `{…}`: no line holds one setting alone' };
  return { props: root.props };
}

/** the last offset before `end` that is neither white space nor inside a comment (the value's real end) */
function contentEnd(doc: ParsedDocument, from: number, end: number): number {
  const comments = doc.comments;
  let i = end - 1;
  while (i >= from) {
    const c = doc.text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) {
      i--;
      continue;
    }
    const inComment = commentAt(comments, i);
    if (inComment) {
      i = inComment.start - 1;
      continue;
    }
    return i;
  }
  return from;
}

/** the comment holding `offset` (comments are in text order: binary search) */
function commentAt(comments: readonly Span[], offset: number): Span | undefined {
  let lo = 0;
  let hi = comments.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const c = comments[mid];
    if (offset < c.start) hi = mid - 1;
    else if (offset >= c.end) lo = mid + 1;
    else return c;
  }
  return undefined;
}

/** the lines a setting occupies, or undefined when another setting shares them (then no line can be commented) */
function propLines(doc: ParsedDocument, p: MProp): { first: number; last: number } | undefined {
  const first = doc.lines.positionAt(p.keyRange.start).line;
  if (doc.text.slice(contentStart(doc, first), p.keyRange.start).trim() !== '') return undefined;
  const last = doc.lines.positionAt(contentEnd(doc, p.keyRange.start, p.range.end)).line;
  return { first, last };
}

function isFalse(n: MNode | null): boolean {
  const r = resolve(n);
  return !!r && r.type === 'scalar' && r.style !== 'block' && YAML_CPP_FALSE.has(r.text);
}

/** every alias and the anchored node it stands for */
function aliases(root: MNode | null): { alias: Span; target: Span }[] {
  const out: { alias: Span; target: Span }[] = [];
  walk(root, (n) => {
    if (n.type === 'alias' && n.target) out.push({ alias: n.range, target: n.target.range });
  });
  return out;
}

/**
 * The turn-off edits: every Mesos connection key commented out with `OFF_PREFIX`, and — unless the first
 * `mesos_autodetect` (the one yaml-cpp reads) is already false — every `mesos_autodetect` commented out too and
 * `OFF_HEADER` + `OFF_SETTING` added above the first commented line (at the end of the file when there is none).
 * `undefined`: nothing to turn off; `refused`: the file cannot be edited line by line safely.
 */
export function turnOffEdits(doc: ParsedDocument): TurnOff {
  const top = topMapping(doc);
  if ('refused' in top) return top;
  const connection = top.props.filter((p) => MESOS_CONNECTION_KEYS.includes(p.key));
  const autodetect = top.props.filter((p) => p.key === 'mesos_autodetect');
  const alreadyOff = autodetect.length > 0 && isFalse(autodetect[0].value);
  const commented = alreadyOff ? connection : [...connection, ...autodetect];
  if (!commented.length && alreadyOff) return undefined;
  const spans: { first: number; last: number; range: Span }[] = [];
  for (const p of commented) {
    const lines = propLines(doc, p);
    if (!lines) return { refused: `\`${p.key}\` shares its line with other text` };
    spans.push({ ...lines, range: { start: doc.lines.lineStarts[lines.first], end: doc.lines.lineEnd(lines.last) } });
  }
  spans.sort((a, b) => a.first - b.first);
  // an anchor inside a commented line that a kept alias refers to would leave that alias undefined
  const inside = (s: Span) => spans.some((x) => x.range.start <= s.start && s.end <= x.range.end);
  for (const a of aliases(doc.root)) {
    if (inside(a.target) && !inside(a.alias)) return { refused: 'an alias elsewhere refers to an anchor in a Mesos setting' };
  }
  const inserts = new Map<number, string>();
  const add = (at: number, text: string) => inserts.set(at, (inserts.get(at) ?? '') + text);
  if (!alreadyOff) {
    const eol = lineBreak(doc.text);
    if (spans.length) {
      const line = spans[0].first;
      const at = contentStart(doc, line);
      const indent = doc.text.slice(at, commented.find((p) => doc.lines.positionAt(p.keyRange.start).line === line)!.keyRange.start);
      add(at, `${indent}${OFF_HEADER}${eol}${indent}${OFF_SETTING}${eol}`);
    } else {
      const k = top.props[0]?.keyRange.start;
      const indent = k === undefined ? '' : doc.text.slice(contentStart(doc, doc.lines.positionAt(k).line), k);
      const text = doc.text;
      const endsWithBreak = text.length === 0 || /[\r\n]$/.test(text) || (text.length === 1 && text.charCodeAt(0) === 0xfeff);
      add(text.length, endsWithBreak ? `${indent}${OFF_HEADER}${eol}${indent}${OFF_SETTING}${eol}` : `${eol}${indent}${OFF_HEADER}${eol}${indent}${OFF_SETTING}`);
    }
  }
  const done = new Set<number>();
  for (const s of spans) {
    for (let l = s.first; l <= s.last; l++) {
      if (done.has(l)) continue;
      done.add(l);
      add(contentStart(doc, l), OFF_PREFIX);
    }
  }
  return { edits: [...inserts].sort((a, b) => a[0] - b[0]).map(([at, newText]) => ({ start: at, end: at, newText })) };
}

/** a line the turn-off action added: its whole text (after indentation) is `OFF_HEADER` or `OFF_SETTING` */
function isAddedLine(text: string): boolean {
  const t = text.replace(/^[ \t]+/, '');
  return t === OFF_HEADER || t === OFF_SETTING;
}

function isMarkerLine(text: string): boolean {
  return text.startsWith(OFF_PREFIX) || isAddedLine(text);
}

/**
 * The turn-on edits: `OFF_PREFIX` taken off every line that starts with it, and the added lines removed with
 * their line break (with the break before them when the action appended them to a file without a final one).
 * `undefined` when the file carries no marker.
 */
export function turnOnEdits(doc: ParsedDocument): TextEdit[] | undefined {
  if (doc.kind !== 'dragent' || !doc.text.includes('sysdig-mesos')) return undefined;
  const edits: TextEdit[] = [];
  const count = doc.lines.lineCount;
  let l = 0;
  while (l < count) {
    const text = lineText(doc, l);
    if (text.startsWith(OFF_PREFIX)) {
      const at = contentStart(doc, l);
      edits.push({ start: at, end: at + OFF_PREFIX.length, newText: '' });
      l++;
      continue;
    }
    if (!isAddedLine(text)) {
      l++;
      continue;
    }
    const first = l;
    while (l + 1 < count && isAddedLine(lineText(doc, l + 1))) l++;
    let start = contentStart(doc, first);
    const end = l + 1 < count ? doc.lines.lineStarts[l + 1] : doc.text.length;
    // appended to a file without a final line break: the break the action put before them goes too
    if (end === doc.text.length && doc.lines.lineEnd(l) === end && first > 0) start = doc.lines.lineEnd(first - 1);
    edits.push({ start, end, newText: '' });
    l++;
  }
  return edits.length ? edits : undefined;
}

export interface ReceptionAction {
  title: string;
  edits: TextEdit[];
}

/**
 * The actions for a cursor or selection in a dragent.yaml: offered where the range touches a top-level Mesos
 * parameter or a line the turn-off action made. Turn off when it would change something and can be done line by
 * line; turn back on when the file carries its markers.
 */
export function receptionActions(doc: ParsedDocument, range: Span): ReceptionAction[] {
  if (doc.kind !== 'dragent') return [];
  const root = doc.root;
  const onParameter =
    !!root && root.type === 'object' && root.props.some((p) => MESOS_PARAMETER_KEYS.includes(p.key) && p.range.start <= range.end && range.start <= p.range.end);
  let onMarker = false;
  if (!onParameter && doc.text.includes('sysdig-mesos')) {
    const first = doc.lines.positionAt(range.start).line;
    const last = doc.lines.positionAt(range.end).line;
    // a selection of the whole file is one look per line: linear, as the edits themselves are
    for (let l = first; l <= last && !onMarker; l++) onMarker = isMarkerLine(lineText(doc, l));
  }
  if (!onParameter && !onMarker) return [];
  const out: ReceptionAction[] = [];
  const off = turnOffEdits(doc);
  if (off && 'edits' in off) out.push({ title: TURN_OFF_TITLE, edits: off.edits });
  const on = turnOnEdits(doc);
  if (on) out.push({ title: TURN_ON_TITLE, edits: on });
  return out;
}

/** Hover paragraph on `mesos_autodetect`: when the setting matters, and the guide's troubleshooting use. */
export const MESOS_AUTODETECT_HOVER = [
  '**When it matters:** only while no `mesos_state_uri` is set. Then, every few seconds, the agent looks for a local',
  '`mesos-master` process (and, since Dec 2016, `mesos-slave`/`mesos-agent`) and probes it on port 5050 (5051 for an',
  'agent node). On a **master node** that is how the agent finds the Mesos API and follows the leader with no',
  'configuration at all — the guide\'s default install; on an agent (slave) node the address found only serves the',
  'app checks, and cluster metadata comes from the agents on the masters. With `mesos_state_uri` set, autodetection',
  'does not run; it still decides whether `marathon_follow_leader` defaults to on when `marathon_uris` is empty.',
  '',
  '`false` turns metadata reception off on an agent that runs on the API server — the guide\'s troubleshooting step',
  '"Turning Off Meta Data Reception". The code action *' + TURN_OFF_TITLE + '* does it (and comments out the Mesos',
  'parameters); *' + TURN_ON_TITLE + '* restores the previous text.',
].join('\n');
