import { getProps, resolve, type MNode, type MProp, type MScalar, type ParsedDocument } from '../documents/model';

export type UriKey = 'mesos_state_uri' | 'marathon_uris';

export interface UriEntry {
  key: UriKey;
  /** index in marathon_uris */
  index?: number;
  scalar: MScalar;
}

/**
 * The URIs the agent reads from dragent.yaml: the first `mesos_state_uri` and every item of the first
 * `marathon_uris` sequence (the agent reads the first of duplicate keys). Empty items are skipped,
 * as the agent skips them.
 */
export function collectUris(doc: ParsedDocument): { entries: UriEntry[]; mesos?: MProp; marathon?: MProp; marathonItems: MNode[] } {
  const entries: UriEntry[] = [];
  const mesos = getProps(doc.root, 'mesos_state_uri')[0];
  const marathon = getProps(doc.root, 'marathon_uris')[0];
  const m = resolve(mesos?.value);
  if (m && m.type === 'scalar' && m.value !== null && m.text.trim() !== '') entries.push({ key: 'mesos_state_uri', scalar: m });
  const list = resolve(marathon?.value);
  const marathonItems: MNode[] = [];
  if (list && list.type === 'array') {
    list.items.forEach((item, index) => {
      marathonItems.push(item);
      const s = resolve(item);
      if (s && s.type === 'scalar' && s.value !== null && s.text.trim() !== '') entries.push({ key: 'marathon_uris', index, scalar: s });
    });
  }
  return { entries, mesos, marathon, marathonItems };
}

export function uriLabel(e: UriEntry): string {
  return e.key === 'mesos_state_uri' ? '`mesos_state_uri`' : `\`marathon_uris\` item ${e.index! + 1}`;
}
