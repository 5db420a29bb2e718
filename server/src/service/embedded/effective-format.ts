/**
 * The effective dragent.yaml as text, for the CLI's `effective --format yaml` and the editor's read-only document:
 * each run of lines with one origin under a comment line naming it (`# ── ACCESS_KEY (docker parameter)`), the
 * lines as the entrypoint writes them (masked), then the notes.
 *
 * Why origins above, not as trailing comments: the editor opens the view beside the app, half a window (45 columns
 * left of the minimap in the e2e's window), and a comment aligned after the longest line sat off-screen. Every line
 * this layout adds fits in WIDTH columns; the file's own lines are shown as written. It stays YAML the agent reads
 * the same way: only whole comment lines are added, each at column 0 and only above a line that itself starts at
 * column 0 (a key, a comment), never inside a block scalar or an indented value (test/unit/effective-format).
 *
 * One layout for the CLI and the editor: one text to test and to describe (the LSP request returns what
 * `sysdig-mesos effective` prints), a terminal reads the narrow layout as well as the old one, and a script that
 * wants every line with its origin has `--format json` (one object per line), which grep over trailing comments
 * only approximated.
 *
 * Duplicate keys: yaml-cpp returns the first (agent-dragent.md §2), so the footer cites yaml-cpp.
 *
 * Numbering: the document's lines are not the written file's (the origin comments are extra lines), so the text
 * never says "line n" of the written file: an ignored duplicate names the origin of the line the agent reads, and
 * "ADDITIONAL_CONF, line n" counts the lines of ADDITIONAL_CONF's own text. `--format json`'s `line` and
 * `ignored.usedLine` count the written file's lines (the CLI's help says so).
 */
import { describeLine, describeOrigin, type EffectiveConfig, type EffectiveLine, type LineOrigin } from './effective-config';
import { ENTRYPOINT_SOURCE } from '../public-sources';

/**
 * The width the view is written for: what the pane beside the app shows left of the minimap, measured in the e2e
 * (a 1400-pixel window, the side bar open, default font: 45 columns; test/e2e/effective.test.ts checks no line is
 * cut off). Wider windows show more; the headers are short and rarely wrap.
 */
export const WIDTH = 44;
/** What starts every comment line naming an origin (the notes below the file are plain `# ` comments). */
export const ORIGIN_MARK = '# ── ';
const CONTINUED = '#    ';

interface Run {
  lines: EffectiveLine[];
  /** the line the agent reads instead of this run's first (a duplicate key) */
  usedInstead?: EffectiveLine;
}

export function formatEffectiveYaml(c: EffectiveConfig): string {
  const usedBy = new Map<number, number>();
  for (const d of c.duplicates) for (const l of d.lines.slice(1)) usedBy.set(l, d.lines[0]);
  // a run: consecutive lines of one origin; an ignored line starts one of its own, so its comment sits right above
  // it; a line that does not start at column 0 (a value's continuation, a blank line) always joins the run before
  const runs: Run[] = [];
  for (const l of c.lines) {
    const prev = runs[runs.length - 1];
    const used = usedBy.get(l.line);
    const canHead = /^\S/.test(l.text);
    if (prev && (!canHead || (!used && !prev.usedInstead && continues(prev.lines[prev.lines.length - 1], l)))) prev.lines.push(l);
    else runs.push({ lines: [l], ...(used ? { usedInstead: c.lines[used - 1] } : {}) });
  }
  const body: string[] = [];
  for (const r of runs) {
    body.push(...comment(header(r.lines)));
    if (r.usedInstead) body.push(...comment(['ignored: the agent reads', whose(r.usedInstead)]));
    for (const l of r.lines) body.push(l.text);
  }
  const about = [
    `What ${ENTRYPOINT_SOURCE}, writes to /opt/draios/etc/dragent.yaml from this app, in a container started without one; secrets masked.`,
    `A "${ORIGIN_MARK.trim()}" comment names where the lines below it come from; ADDITIONAL_CONF's lines are counted in its own text.`,
    "Keys not set here take the image's dragent.default.yaml values.",
    "A key written twice: the agent reads the first (yaml-cpp, its YAML reader, returns the first match).",
  ];
  if (!c.lines.length) about.unshift('(the entrypoint writes nothing: the app sets none of its variables)');
  if (c.persisted) about.push(`The app mounts a volume at ${c.persisted.containerPath}: once dragent.yaml exists there, ADDITIONAL_CONF is skipped.`);
  for (const n of c.notes) about.push(n.replace(/\n/g, ' '));
  const foot = ['', ...about.flatMap((p) => wrap(p, '# - ', '#   '))];
  return [...body, ...foot].join('\n') + '\n';
}

/** whether `l` continues the run that `prev` ends: the same variable, or the next line of ADDITIONAL_CONF */
function continues(prev: EffectiveLine, l: EffectiveLine): boolean {
  if (prev.replaced || l.replaced) return false;
  const a = prev.origin;
  const b = l.origin;
  if (a.kind === 'additional-conf' || b.kind === 'additional-conf') return a.kind === 'additional-conf' && b.kind === 'additional-conf' && b.line === a.line + 1;
  return describeOrigin(a) === describeOrigin(b);
}

/** An origin comment: on one line when it fits, else each part from a line of its own (and wrapped if need be). */
function comment(parts: string[]): string[] {
  const one = ORIGIN_MARK + parts.join(' ');
  if (one.length <= WIDTH) return [one];
  return parts.flatMap((p, i) => wrap(p, i === 0 ? ORIGIN_MARK : CONTINUED, CONTINUED));
}

/** A run's origin, name first, in parts that may go on lines of their own: "ACCESS_KEY (docker parameter)", "ADDITIONAL_CONF, lines 1–3". */
function header(lines: EffectiveLine[]): string[] {
  const first = lines[0];
  const o = first.origin;
  if (o.kind === 'additional-conf' && !first.replaced) {
    let end = o.line;
    for (const l of lines) if (l.origin.kind === 'additional-conf') end = l.origin.line;
    return [end === o.line ? `ADDITIONAL_CONF, line ${o.line}` : `ADDITIONAL_CONF, lines ${o.line}–${end}`];
  }
  return first.replaced ? [...named(o), `over ${describeOrigin(first.replaced)}`] : named(o);
}

function named(o: LineOrigin): string[] {
  if (o.kind === 'deploy') return [`${o.name}, filled at deploy from`, o.from];
  if (o.kind === 'additional-conf') return [`ADDITIONAL_CONF, line ${o.line}`];
  const where = o.source === 'env' ? 'env' : 'docker parameter';
  if (o.value === 'secret') return [`${o.name} (${where},`, 'a Marathon secret)'];
  if (o.value === 'host') return [`${o.name} (${where},`, "the agent node's value)"];
  return [`${o.name} (${where})`];
}

/** "COLLECTOR's", "ADDITIONAL_CONF line 1's": the line the agent reads (the same key), by its origin, short */
function whose(l: EffectiveLine): string {
  const o = l.origin;
  return o.kind === 'additional-conf' ? `ADDITIONAL_CONF line ${o.line}'s` : `${o.name}'s`;
}

/** Words into comment lines of at most WIDTH columns (a longer word, a URI say, stays whole). */
function wrap(text: string, first: string, rest: string): string[] {
  const out: string[] = [];
  let line = first;
  let empty = true;
  for (const w of text.split(/ +/)) {
    if (!empty && line.length + 1 + w.length > WIDTH) {
      out.push(line);
      line = rest + w;
    } else line += (empty ? '' : ' ') + w;
    empty = false;
  }
  out.push(line);
  return out;
}

/** One line of `effective --format json`, and of the editor request's answer. */
export interface EffectiveJsonLine {
  /** the line of the written /opt/draios/etc/dragent.yaml (the yaml layout's origin comments are not counted) */
  line: number;
  text: string;
  origin: { kind: string; description: string; name?: string; additionalConfLine?: number };
  key?: string;
  masked?: boolean;
  /** the key is written earlier, on that line of the written file: the agent reads that one, not this one */
  ignored?: { usedLine: number };
}

export function effectiveJsonLines(c: EffectiveConfig): EffectiveJsonLine[] {
  const ignoredBy = new Map<number, number>();
  for (const d of c.duplicates) for (const l of d.lines.slice(1)) ignoredBy.set(l, d.lines[0]);
  return c.lines.map((l) => {
    const o = l.origin;
    const used = ignoredBy.get(l.line);
    return {
      line: l.line,
      text: l.text,
      origin: {
        kind: o.kind,
        description: describeLine(l),
        ...(o.kind === 'additional-conf' ? { additionalConfLine: o.line } : { name: o.name }),
      },
      ...(l.key !== undefined ? { key: l.key } : {}),
      ...(l.masked ? { masked: true } : {}),
      ...(used ? { ignored: { usedLine: used } } : {}),
    };
  });
}
