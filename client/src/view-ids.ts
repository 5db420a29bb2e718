// Names of the "Sysdig on Mesos" view (issue 13 §1), shared by the view, its model, the manifest generator and the
// tests (no `vscode` import). scripts/manifest.ts writes the view container, the view, its commands, menus and
// setting from these.

/** the activity bar's view container */
export const VIEW_CONTAINER_ID = 'sysdig-mesos';
export const VIEW_CONTAINER_TITLE = 'Sysdig on Mesos';
/** its icon (a monochrome SVG, as the activity bar wants) */
export const VIEW_CONTAINER_ICON = 'images/sysdig-mesos-view.svg';
/** the tree view of the clusters */
export const VIEW_ID = 'sysdig-mesos.cluster';
export const VIEW_NAME = 'Clusters';

/** the view's own commands (the title actions also run the existing Check and Deploy commands) */
export const VIEW_COMMANDS = {
  refresh: 'sysdig-mesos.view.refresh',
  checkConnectivity: 'sysdig-mesos.view.checkConnectivity',
  scaleToAgents: 'sysdig-mesos.view.scaleToAgents',
  /** the item's task log: stderr for a failed task (it says why), stdout otherwise */
  showTaskLog: 'sysdig-mesos.view.showTaskLog',
  showTaskStdout: 'sysdig-mesos.view.showTaskStdout',
  showTaskStderr: 'sysdig-mesos.view.showTaskStderr',
} as const;

/** the read-only documents of "Show Task Log" (task-log-view.ts) */
export const TASK_LOG_SCHEME = 'sysdig-mesos-log';

/** `sysdig-mesos.view.refreshSeconds`: between refreshes while the view is visible; 0 = only on demand */
export const REFRESH_SETTING = 'view.refreshSeconds';
export const REFRESH_DEFAULT_SECONDS = 30;

/** items' contextValue (menus match on them): the app item is `app.scalable` when Scale applies */
export const CONTEXT_VALUES = {
  cluster: 'cluster',
  group: 'group',
  master: 'master',
  agentNode: 'agent-node',
  /** an agent app's task: where "Show task log" is to attach (its item carries `task`) */
  task: 'task',
  app: 'app',
  appScalable: 'app.scalable',
  deployment: 'deployment',
  failure: 'task-failure',
  /** the last failure when it names its task and agent: "Show task log" applies (its item carries `task`) */
  failureWithLog: 'task-failure.log',
  message: 'message',
  nextStep: 'next-step',
} as const;
