/**
 * The effective dragent.yaml as text, for the CLI's `effective --format yaml` and the editor's read-only document:
 * each line as the entrypoint writes it (masked) with its origin as an aligned trailing comment, then the notes.
 * The body keeps its line numbers (line n of the output is line n of the file), so the comments can name lines.
 */
import { describeLine, type EffectiveConfig } from './effective-config';

/** Origins are aligned to the longest line, but a very long line does not push every comment off screen. */
const MAX_ALIGN = 60;

export function formatEffectiveYaml(c: EffectiveConfig): string {
  const ignoredBy = new Map<number, number>();
  for (const d of c.duplicates) for (const l of d.lines.slice(1)) ignoredBy.set(l, d.lines[0]);
  // a loop, not Math.max(...lines): a spread of 100,000 lengths overflows the stack
  let width = 0;
  for (const l of c.lines) width = Math.max(width, Math.min(MAX_ALIGN, l.text.length));
  const body = c.lines.map((l) => {
    const pad = ' '.repeat(Math.max(0, width - l.text.length));
    const used = ignoredBy.get(l.line);
    const tail = used ? ` — ignored: the agent reads \`${l.key}\` on line ${used}` : '';
    return `${l.text}${pad}  # from ${describeLine(l)}${tail}`;
  });
  const foot = [
    '',
    "# What the agent image's entrypoint writes to /opt/draios/etc/dragent.yaml from this app, in a container",
    '# started without one (agent-dragent.md §1 item 16, §5); secrets masked. Keys not set here take the',
    "# image's dragent.default.yaml values. A key written twice: the agent (yaml-cpp) reads the first (§2).",
  ];
  if (!c.lines.length) foot.unshift('# (the entrypoint writes nothing: the app sets none of its variables)');
  if (c.persisted) foot.push(`# The app mounts a volume at ${c.persisted.containerPath}: once dragent.yaml exists there, ADDITIONAL_CONF is skipped.`);
  for (const n of c.notes) foot.push(`# ${n.replace(/\n/g, ' ')}`);
  return [...body, ...foot].join('\n') + '\n';
}

/** One line of `effective --format json`, and of the editor request's answer. */
export interface EffectiveJsonLine {
  line: number;
  text: string;
  origin: { kind: string; description: string; name?: string; additionalConfLine?: number };
  key?: string;
  masked?: boolean;
  /** the key is written again earlier: the agent reads that line, not this one */
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
