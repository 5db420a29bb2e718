import { getProp, type MNode, type MScalar, type ParsedDocument } from '../documents/model';
import { asObject, asString, rootObject } from '../rules/marathon/util';
import { parseYaml } from '../documents/yaml-document';
import { agentApp, envEntries } from '../rules/marathon/agent';
import { decodeJsonString } from './json-string';
import { echoE, type EchoUnit } from './echo-e';
import { EmbeddedText, type NewlineStyle } from './embedded-text';

/** The variable whose value the agent image's entrypoint appends to dragent.yaml (agent-dragent.md §1 item 16, §5). */
export const ADDITIONAL_CONF = 'ADDITIONAL_CONF';

/** One ADDITIONAL_CONF of an agent app: the dragent.yaml text the entrypoint writes, parsed, and its offset map. */
export interface EmbeddedConf {
  source: 'env' | 'parameter';
  /** the JSON string literal holding the value */
  literal: MScalar;
  map: EmbeddedText;
  /** the written text as a dragent.yaml document */
  doc: ParsedDocument;
}

const memo = new WeakMap<ParsedDocument, EmbeddedConf[]>();

/**
 * Every ADDITIONAL_CONF of a Marathon agent app (`env` or a docker `env` parameter), once per parsed document. A
 * value that does not read back exactly (a string the tolerant parser repaired, an invalid escape) is left out:
 * the JSON's own syntax finding comes first.
 */
export function additionalConfs(doc: ParsedDocument): EmbeddedConf[] {
  if (doc.kind !== 'marathon-app') return [];
  let found = memo.get(doc);
  if (found) return found;
  found = [];
  const app = agentApp(doc);
  for (const e of app ? envEntries(doc, app) : []) {
    if (e.name !== ADDITIONAL_CONF || e.value === undefined) continue;
    const literal = e.source === 'parameter' ? e.node : asString(envValue(doc, e.keyRange));
    if (!literal) continue;
    const conf = embed(doc, literal, e.source);
    if (conf) found.push(conf);
  }
  memo.set(doc, found);
  return found;
}

/** the value node of the `env` member whose key is at `keyRange` */
function envValue(doc: ParsedDocument, keyRange: { start: number }): MNode | null {
  const env = asObject(getProp(rootObject(doc), 'env')?.value);
  return env?.props.find((p) => p.keyRange.start === keyRange.start)?.value ?? null;
}

function embed(doc: ParsedDocument, literal: MScalar, source: 'env' | 'parameter'): EmbeddedConf | undefined {
  const { start, end } = literal.range;
  if (end - start < 2 || doc.text[start] !== '"' || doc.text[end - 1] !== '"') return undefined;
  if (doc.repairs.some((r) => start <= r.offset && r.offset < end)) return undefined;
  const decoded = decodeJsonString(doc.text, start + 1, end - 1);
  if (!decoded || decoded.value !== literal.value) return undefined;
  let from = 0;
  if (source === 'parameter') {
    const eq = decoded.value.indexOf('=');
    if (eq < 0) return undefined;
    from = eq + 1;
  }
  const value = decoded.value.slice(from);
  const echo = echoE(value, decoded.starts.slice(from), decoded.ends.slice(from), end - 1);
  if (!echo) return undefined;
  const contentStart = from < decoded.starts.length ? decoded.starts[from] : end - 1;
  const map = new EmbeddedText(echo, contentStart, newlineStyle(echo.units));
  return { source, literal, map, doc: parseYaml(map.text, 'dragent') };
}

/** `echo` when most newlines are written `\\n` (for echo to expand), else `json` (the JSON escape `\n`). */
function newlineStyle(units: readonly EchoUnit[]): NewlineStyle {
  let json = 0;
  let echo = 0;
  for (const u of units) {
    if (u.out !== '\n') continue;
    if (u.escape) echo++;
    else json++;
  }
  return echo > json ? 'echo' : 'json';
}

/** The ADDITIONAL_CONF whose text holds a document offset (from its first character to its closing quote). */
export function confAt(doc: ParsedDocument, offset: number): EmbeddedConf | undefined {
  return additionalConfs(doc).find((c) => c.map.contains(offset));
}
