// Switch agent profile: the choices and where the value is written. No `vscode` import (unit-tested).
import type { DocumentInfo } from '../../server/src/lsp/constants';

export type AgentProfile = NonNullable<DocumentInfo['agentProfile']>;

export const AGENT_PROFILES: readonly AgentProfile[] = ['guide-2016', 'latest'];

const EXPLAINED: Record<AgentProfile, { description: string; detail: string }> = {
  'guide-2016': {
    description: 'agents of the 2016 vendor guide (the default)',
    detail: 'Agents up to October 2016: no https to Mesos or Marathon (an https URI is an error), credentials in the URI only.',
  },
  latest: {
    description: 'agents since late 2016',
    detail: 'Newer agents: https is accepted but never verified (a warning), mesos_user/mesos_password are read.',
  },
};

export interface ProfileItem {
  profile: AgentProfile;
  label: string;
  description: string;
  detail: string;
  picked: boolean;
}

/** The quick pick's items: both profiles explained, the current one marked (and picked). */
export function profileItems(current: AgentProfile | undefined): ProfileItem[] {
  return AGENT_PROFILES.map((p) => ({
    profile: p,
    label: p === current ? `$(check) ${p}` : p,
    description: p === current ? `${EXPLAINED[p].description} — current` : EXPLAINED[p].description,
    detail: EXPLAINED[p].detail,
    picked: p === current,
  }));
}

/** A command argument that names a profile, else undefined (the quick pick asks). */
export function profileArg(arg: unknown): AgentProfile | undefined {
  return AGENT_PROFILES.find((p) => p === arg);
}

/**
 * Where the switch is written: where the value comes from. `.sysdig-mesos.json` wins over the settings when it
 * sets agentProfile, so writing the setting then would change nothing; otherwise the setting, at the level of the
 * document's workspace folder (the workspace's settings when there is no folder, the user's without a workspace).
 */
export function profileTarget(info: DocumentInfo | null | undefined, hasFolder: boolean, hasWorkspace: boolean): 'workspace-file' | 'folder-setting' | 'workspace-setting' | 'user-setting' {
  if (info?.profileSource === 'workspace-file' && hasFolder) return 'workspace-file';
  return hasFolder ? 'folder-setting' : hasWorkspace ? 'workspace-setting' : 'user-setting';
}
