// Names shared by the extension and its tests (no `vscode` import). The commands the server puts in code
// actions and lenses are named once, in the server's constants.
import { CHECK_MARATHON_COMMAND, CHECK_MESOS_COMMAND, DEPLOY_APP_COMMAND, FILL_PLACEHOLDER_COMMAND, SHOW_EFFECTIVE_CONFIG_COMMAND, SWITCH_AGENT_PROFILE_COMMAND } from '../../server/src/lsp/constants';

/** The language client's id: VS Code reads the `sysdig-mesos.trace.server` setting for it. */
export const CLIENT_ID = 'sysdig-mesos';
/** The output channel, and the client's name in VS Code's UI. */
export const CLIENT_NAME = 'Sysdig Mesos';
/** The settings section (the server reads the same one through workspace/configuration). */
export const SECTION = 'sysdig-mesos';
/** Opens the log (the language status item's link, and the Command Palette). */
export const SHOW_OUTPUT_COMMAND = 'sysdig-mesos.showOutput';
/** The language status item's id. */
export const STATUS_ITEM_ID = 'sysdig-mesos.status';
/** The bundled server, relative to the extension's folder (it sits next to dist/client.js). */
export const SERVER_MODULE = 'dist/server.js';

/** The commands the extension contributes (package.json `contributes.commands`; a test keeps them equal). */
export const COMMANDS = {
  showOutput: SHOW_OUTPUT_COMMAND,
  checkMesos: CHECK_MESOS_COMMAND,
  checkMarathon: CHECK_MARATHON_COMMAND,
  deployApp: DEPLOY_APP_COMMAND,
  setAccessKey: 'sysdig-mesos.setAccessKey',
  clearAccessKey: 'sysdig-mesos.clearAccessKey',
  setMarathonCredentials: 'sysdig-mesos.setMarathonCredentials',
  setClusterCredentials: 'sysdig-mesos.setClusterCredentials',
  clearClusterCredentials: 'sysdig-mesos.clearClusterCredentials',
  fillPlaceholder: FILL_PLACEHOLDER_COMMAND,
  findPlaceholders: 'sysdig-mesos.findPlaceholders',
  openApp: 'sysdig-mesos.openApp',
  confirmAgents: 'sysdig-mesos.confirmAgents',
  switchAgentProfile: SWITCH_AGENT_PROFILE_COMMAND,
  showEffectiveConfig: SHOW_EFFECTIVE_CONFIG_COMMAND,
} as const;

/** `setContext` keys: the walkthrough's steps complete on them. */
export const CONTEXT_KEYS = {
  placeholdersFilled: 'sysdig-mesos.placeholdersFilled',
  mesosChecked: 'sysdig-mesos.mesosChecked',
  marathonChecked: 'sysdig-mesos.marathonChecked',
  appReviewed: 'sysdig-mesos.appReviewed',
  deployed: 'sysdig-mesos.deployed',
  agentsRunning: 'sysdig-mesos.agentsRunning',
} as const;

/** SecretStorage key of the Sysdig access key (filled into ACCESS_KEY at deploy time, never into a file). */
export const ACCESS_KEY_SECRET = 'sysdig-mesos.accessKey';
/** SecretStorage key of the deploying user's Marathon credentials (JSON {user, password}). */
export const MARATHON_CREDENTIALS_SECRET = 'sysdig-mesos.marathonCredentials';
/** SecretStorage key prefix of a named cluster's credentials (JSON {mesos?, marathon?}, each {user, password}); + the name */
export const CLUSTER_CREDENTIALS_SECRET_PREFIX = 'sysdig-mesos.cluster.';
/** the setting that lists named clusters (the shape of `.sysdig-mesos.json`'s `clusters`) */
export const CLUSTERS_SETTING = 'clusters';
