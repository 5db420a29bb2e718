// Shared by the extension-host suite and the Node test that reads its results.
export const HOST_RESULTS_FILE = 'host-results.json';
/** the files the suite writes into the (empty) workspace: relative path -> text */
export const HOST_FIXTURES_FILE = 'host-fixtures.json';

export interface HostResult {
  name: string;
  ok: boolean;
  error?: string;
  data?: unknown;
}
