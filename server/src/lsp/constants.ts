// Names the server needs before the language service is loaded (the service bundle is loaded lazily).
// Kept equal to the service's CONFIG_FILE and FIX_ALL_KIND by a test.

/** The workspace file. */
export const CONFIG_FILE_NAME = '.sysdig-mesos.json';
/** The "fix all" source action kind. */
export const FIX_ALL_KIND = 'source.fixAll.sysdig-mesos';

/**
 * Custom request from the VS Code client (for its language status item): what the server makes of an open
 * document — its kind and the agent profile in effect (the settings', or `.sysdig-mesos.json`'s, which wins).
 * Answered with `null` for a document the server does not hold.
 */
export const DOCUMENT_INFO_REQUEST = 'sysdig-mesos/documentInfo';

export interface DocumentInfoParams {
  uri: string;
}

export interface DocumentInfo {
  /** null: not one of our documents */
  kind: 'dragent' | 'marathon-app' | null;
  agentProfile?: 'guide-2016' | 'latest';
  /** where agentProfile came from */
  profileSource?: 'settings' | 'workspace-file';
}
