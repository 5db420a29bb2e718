/**
 * The dragent.yaml the agent container really runs with (issue 12 §1): what the image's entrypoint writes from the
 * app's environment and ADDITIONAL_CONF (entrypoint.ts; agent-dragent.md §1 item 16, §5), each line with where it
 * came from, secrets masked. Pure: reads the app's model, the ADDITIONAL_CONF values (additional-conf.ts) and what
 * deploy fills (names and booleans: deploy-fills.ts — a filled value never reaches the service).
 *
 * It models a container started without a dragent.yaml (the image ships none: entrypoint.ts), which is when
 * ADDITIONAL_CONF is appended; `persisted` names a volume of the app that can make that false.
 */
import type { MProp, ParsedDocument } from '../documents/model';
import { parseYaml } from '../documents/yaml-document';
import { agentApp, envEntries, type AgentApp, type EnvEntry } from '../rules/marathon/agent';
import { asObject } from '../rules/marathon/util';
import { fillsEntries, fillWords, hasFill, type DeployFills, type FilledName } from '../deploy-fills';
import { MASK, Secrets } from '../secrets';
import { maskLines } from './effective-mask';
import { persistedVolume, type PersistedVolume } from './persisted-volume';
import type { Span } from '../types';
import { additionalConfs, ADDITIONAL_CONF, type EmbeddedConf } from './additional-conf';
import { ENV_STEPS_AFTER_CONF, ENV_STEPS_BEFORE_CONF, EntrypointFile, type EntrypointStep } from './entrypoint';

/** Where a line of the effective dragent.yaml came from. */
export type LineOrigin =
  | {
      kind: 'env';
      name: string;
      source: 'env' | 'parameter';
      /** the entry in the app: the value (env) or the `NAME=value` string (docker parameter) */
      span: Span;
      /** a Marathon secret (value not in the file) or a bare `NAME` parameter (the agent node's environment) */
      value: 'file' | 'secret' | 'host';
    }
  | { kind: 'deploy'; name: FilledName; from: string }
  | {
      kind: 'additional-conf';
      /** 1-based line of the text ADDITIONAL_CONF writes */
      line: number;
      source: 'env' | 'parameter';
      /** the characters of that line inside the JSON string */
      span: Span;
    };

export interface EffectiveLine {
  /** 1-based line in the effective dragent.yaml */
  line: number;
  /** the line as shown: secrets masked */
  text: string;
  origin: LineOrigin;
  /** what the entrypoint's sed replaced on this line (RUN_MODE over an ADDITIONAL_CONF line) */
  replaced?: LineOrigin;
  /** the top-level key this line starts */
  key?: string;
  masked?: boolean;
}

/** A top-level key written more than once: yaml-cpp reads the first (agent-dragent.md §2, "Duplicate keys"). */
export interface DuplicateKey {
  key: string;
  /** 1-based lines, in file order; the first is the one the agent uses */
  lines: number[];
}

export interface EffectiveConfig {
  lines: EffectiveLine[];
  duplicates: DuplicateKey[];
  /** a volume of the app over /opt/draios/etc or dragent.yaml: the file persists, ADDITIONAL_CONF is then skipped */
  persisted?: PersistedVolume;
  /** what the model had to assume or could not read, one sentence each */
  notes: string[];
}

/** The internal model, with the unmasked text: for the rules (which report spans, never values). */
export interface EffectiveModel {
  lines: (EffectiveLine & { raw: string; conf?: { conf: EmbeddedConf; embStart: number } })[];
  /** the unmasked file text (never shown) and its top-level keys, in order */
  raw: string;
  rawLineStarts: number[];
  props: { prop: MProp; line: number }[];
  duplicates: DuplicateKey[];
  /** the ADDITIONAL_CONF the entrypoint uses (the last when set more than once), if any */
  conf?: EmbeddedConf;
  /** the env entry each variable is read from */
  used: Map<string, EnvEntry>;
  persisted?: PersistedVolume;
  notes: string[];
  secrets: Secrets;
}

const memo = new WeakMap<ParsedDocument, Map<DeployFills | undefined, EffectiveModel | null>>();

/**
 * The effective dragent.yaml of an agent app, unmasked (undefined: not a `sysdig/agent` app). Once per parsed
 * document and deploy fills.
 */
export function effectiveModel(doc: ParsedDocument, fills?: DeployFills): EffectiveModel | undefined {
  let byFills = memo.get(doc);
  if (!byFills) memo.set(doc, (byFills = new Map()));
  if (!byFills.has(fills)) {
    const app = doc.kind === 'marathon-app' ? agentApp(doc) : null;
    byFills.set(fills, app ? build(doc, app, fills) : null);
  }
  return byFills.get(fills) ?? undefined;
}

/** The effective dragent.yaml as it may be shown: the lines masked (see maskLines). */
export function effectiveConfig(doc: ParsedDocument, fills?: DeployFills): EffectiveConfig | undefined {
  const m = effectiveModel(doc, fills);
  if (!m) return undefined;
  return {
    lines: m.lines.map(({ raw: _raw, conf: _conf, ...l }) => l),
    duplicates: m.duplicates,
    ...(m.persisted ? { persisted: m.persisted } : {}),
    notes: m.notes.map((n) => m.secrets.maskText(n)),
  };
}

/** The value the container's environment holds for a variable, as the app gives it. */
function valueOf(e: EnvEntry): { text: string; value: 'file' | 'secret' | 'host' } {
  if (e.secret) return { text: MASK, value: 'secret' };
  if (e.value === undefined) return { text: '<from the agent node>', value: 'host' };
  return { text: e.value, value: 'file' };
}

function build(doc: ParsedDocument, app: AgentApp, fills: DeployFills | undefined): EffectiveModel {
  const entries = envEntries(doc, app);
  const notes: string[] = [];
  const secrets = new Secrets();
  // The container gets each variable once. Marathon's `env` reaches Docker as the task's environment and a docker
  // `env` parameter as a later `--env` option, which Docker applies last: the last entry in envEntries' order
  // (env, then parameters). The doc is silent on this; a note says so whenever it decides anything.
  const used = new Map<string, EnvEntry>();
  const count = new Map<string, number>();
  for (const e of entries) {
    used.set(e.name, e);
    count.set(e.name, (count.get(e.name) ?? 0) + 1);
  }
  for (const [name, n] of count) {
    if (n > 1) notes.push(`${name} is set ${n} times; the last one (${used.get(name)!.source === 'parameter' ? 'a docker parameter' : 'env'}) is taken as the one the container sees (Docker applies its --env options last).`);
  }
  const ak = used.get('ACCESS_KEY');
  if (ak?.value) secrets.add(ak.value);

  const file = new EntrypointFile<LineOrigin>();
  const step = (s: EntrypointStep) => {
    const name = s.name as FilledName;
    if ((name === 'ACCESS_KEY' || name === 'COLLECTOR') && fills && fillsEntries(entries, name, hasFill(fills, name))) {
      // deploy writes the value into the app it sends; the service never sees it
      const from = fillWords(fills.door, name).from;
      file.set(s, name === 'ACCESS_KEY' ? MASK : '<filled at deploy>', { kind: 'deploy', name, from });
      return;
    }
    const e = used.get(s.name);
    if (!e) return;
    const v = valueOf(e);
    // `[ ! -z "$VAR" ]`: an empty variable writes nothing
    if (v.value === 'file' && v.text === '') return;
    const span = e.source === 'env' ? e.valueRange : e.keyRange;
    const r = file.set(s, v.text, { kind: 'env', name: s.name, source: e.source, span, value: v.value });
    if (r === 'sed-failed') notes.push(`${s.name}'s value holds a character (\`/\`, a newline, \`\\1\`…) that makes the entrypoint's sed fail: the existing \`${s.key}\` line stays as it was.`);
  };
  ENV_STEPS_BEFORE_CONF.forEach(step);
  const confEntry = used.get(ADDITIONAL_CONF);
  const conf = confEntry ? additionalConfs(doc).find((c) => confEntryOf(c, confEntry)) : undefined;
  const confStart = file.lines.length;
  if (confEntry && confEntry.value && !conf) notes.push('ADDITIONAL_CONF could not be read as the entrypoint writes it (see the JSON problems): its lines are not shown.');
  if (conf && conf.map.contentLength > 0) {
    // line by line, so each line knows its place in the JSON string
    const text = conf.map.text;
    let at = 0;
    let n = 1;
    while (at < text.length) {
      const nl = text.indexOf('\n', at);
      const end = nl < 0 ? text.length : nl + 1;
      const lineEnd = nl < 0 ? text.length : nl;
      file.append(text.slice(at, end), { kind: 'additional-conf', line: n, source: conf.source, span: conf.map.toDocSpan(at, Math.max(lineEnd, at)) });
      at = end;
      n++;
    }
  }
  ENV_STEPS_AFTER_CONF.forEach(step);

  // each ADDITIONAL_CONF line's start in the embedded text, for mapping the rules' findings back
  const embStarts: number[] = [];
  if (conf) {
    let at = 0;
    for (const l of conf.map.text.split('\n')) {
      embStarts.push(at);
      at += l.length + 1;
    }
  }
  const confOf = (o: LineOrigin, i: number) => (conf && o.kind === 'additional-conf' && i >= confStart ? { conf: { conf, embStart: embStarts[o.line - 1] ?? 0 } } : {});
  const lines: EffectiveModel['lines'] = file.lines.map((l, i) => ({
    line: i + 1,
    text: l.text,
    raw: l.text,
    origin: l.origin,
    ...(l.replaced ? { replaced: l.replaced } : {}),
    ...confOf(l.replaced ?? l.origin, i),
  }));
  const raw = lines.map((l) => l.raw + '\n').join('');
  const rawLineStarts: number[] = [];
  let at = 0;
  for (const l of lines) {
    rawLineStarts.push(at);
    at += l.raw.length + 1;
  }
  const lineOf = (offset: number) => {
    let lo = 0;
    let hi = rawLineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (rawLineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const parsed = withoutStacks(() => parseYaml(raw, 'dragent'));
  const root = asObject(parsed.root);
  const props = (root?.props ?? []).map((prop) => ({ prop, line: lineOf(prop.keyRange.start) }));
  for (const { prop, line } of props) if (lines[line] && lines[line].key === undefined) lines[line].key = prop.key;
  const byKey = new Map<string, number[]>();
  for (const { prop, line } of props) {
    const ls = byKey.get(prop.key);
    if (ls) ls.push(line + 1);
    else byKey.set(prop.key, [line + 1]);
  }
  const duplicates = [...byKey].filter(([, ls]) => ls.length > 1).map(([key, ls]) => ({ key, lines: ls }));
  // "line n of the written file" and its origin: the shown layouts number lines differently (effective-format.ts);
  // the agent's log line, not our notes, is what a user can check (agent-dragent.md §2)
  if (parsed.syntaxErrors.length) {
    const at = lineOf(parsed.syntaxErrors[0].start);
    notes.push(`The written dragent.yaml is not valid YAML (line ${at + 1} of the written file, from ${describeLine(lines[at])}): the agent stops at start-up, logging "Unable to load configuration file".`);
  }

  maskLines(lines, parsed, rawLineStarts, lineOf, secrets);
  const persisted = persistedVolume(app);
  return { lines, raw, rawLineStarts, props, duplicates, ...(conf ? { conf } : {}), used, ...(persisted ? { persisted } : {}), notes, secrets };
}

/**
 * The written file's YAML errors are only counted here, never thrown: a value such as `RUN_MODE=x\ny` (sed writes the
 * newline) makes every rewritten line an error, and the parser's error objects capturing a stack each were most of
 * the time on 200 KB (test/security/effective-linear). Synchronous, so the limit is back before anything else runs.
 */
function withoutStacks<T>(fn: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return fn();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/** whether an ADDITIONAL_CONF read by additionalConfs is the one of this env entry */
function confEntryOf(c: EmbeddedConf, e: EnvEntry): boolean {
  return e.source === 'parameter' ? c.literal === e.node : c.source === 'env' && c.literal.range.start === e.valueRange.start;
}

/** How an origin is said: "env ACCESS_KEY", "ADDITIONAL_CONF line 2", "ACCESS_KEY filled at deploy from …". */
export function describeOrigin(o: LineOrigin): string {
  if (o.kind === 'deploy') return `${o.name}, filled at deploy from ${o.from}`;
  if (o.kind === 'additional-conf') return `${ADDITIONAL_CONF} line ${o.line}`;
  const where = o.source === 'env' ? `env ${o.name}` : `docker parameter ${o.name}`;
  if (o.value === 'secret') return `${where} (a Marathon secret)`;
  if (o.value === 'host') return `${where} (the value of the agent node's environment)`;
  return where;
}

/** the origin of a line as said in the annotated file: with what its sed replaced */
export function describeLine(l: Pick<EffectiveLine, 'origin' | 'replaced'>): string {
  return l.replaced ? `${describeOrigin(l.origin)} (replaced ${describeOrigin(l.replaced)})` : describeOrigin(l.origin);
}

export type { PersistedVolume } from './persisted-volume';
