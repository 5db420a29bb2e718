// The language status item's content. No `vscode` import (unit-tested under plain Node).
import type { DocumentInfo } from '../../server/src/lsp/constants';

export interface StatusContent {
  /** the item's text (short: it sits in the language status hover) */
  text: string;
  detail: string;
  /** accessibility label */
  accessibility: string;
}

const SCHEMA_NAME: Record<NonNullable<DocumentInfo['kind']>, string> = {
  dragent: 'dragent.yaml schema',
  'marathon-app': 'Marathon app schema',
};

const PROFILE_NAME: Record<NonNullable<DocumentInfo['agentProfile']>, string> = {
  'guide-2016': 'guide-2016 (agents of the 2016 vendor guide)',
  latest: 'latest (agents since late 2016)',
};

/** What the status item shows for the server's answer; undefined: hide it (not one of our documents). */
export function statusContent(info: DocumentInfo | null | undefined): StatusContent | undefined {
  if (!info || !info.kind) return undefined;
  const schema = SCHEMA_NAME[info.kind];
  if (!schema) return undefined;
  const profile = info.agentProfile;
  if (!profile) return { text: schema, detail: 'sysdig-mesos', accessibility: `Sysdig Mesos: ${schema}` };
  const from = info.profileSource === 'workspace-file' ? 'from .sysdig-mesos.json' : 'from settings';
  return {
    text: schema,
    detail: `agent profile ${profile} (${from})`,
    accessibility: `Sysdig Mesos: ${schema}, agent profile ${PROFILE_NAME[profile] ?? profile}, ${from}`,
  };
}

/** Shown while the server has not answered yet (starting, or busy). */
export const PENDING_STATUS: StatusContent = { text: 'sysdig-mesos', detail: 'starting…', accessibility: 'Sysdig Mesos: starting' };
