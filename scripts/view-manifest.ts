// The "Sysdig on Mesos" view's part of the manifest (issue 13 §1), from client/src/view-ids.ts: its activity-bar
// container, the tree view, the view's commands, its title and item menus, and `sysdig-mesos.view.refreshSeconds`.
// scripts/manifest.ts `applyManifest` writes it; test/client/manifest.test.ts fails when package.json has drifted.
import { CHECK_MARATHON_COMMAND, CHECK_MESOS_COMMAND, DEPLOY_APP_COMMAND } from '../server/src/lsp/constants';
import { CONTEXT_VALUES, REFRESH_DEFAULT_SECONDS, REFRESH_SETTING, VIEW_COMMANDS, VIEW_CONTAINER_ICON, VIEW_CONTAINER_ID, VIEW_CONTAINER_TITLE, VIEW_ID, VIEW_NAME } from '../client/src/view-ids';

const CATEGORY = 'Sysdig Mesos';
const inView = `view == ${VIEW_ID}`;

export const VIEW_COMMAND_CONTRIBUTIONS = [
  { command: VIEW_COMMANDS.refresh, title: 'Refresh the cluster view', category: CATEGORY, icon: '$(refresh)', enablement: '!virtualWorkspace' },
  { command: VIEW_COMMANDS.checkConnectivity, title: 'Check Mesos and Marathon connectivity', category: CATEGORY, icon: '$(plug)', enablement: '!virtualWorkspace' },
  { command: VIEW_COMMANDS.scaleToAgents, title: 'Scale to the number of agents', category: CATEGORY, icon: '$(arrow-both)', enablement: '!virtualWorkspace' },
  { command: VIEW_COMMANDS.showTaskLog, title: 'Show Task Log', category: CATEGORY, icon: '$(output)', enablement: '!virtualWorkspace' },
  { command: VIEW_COMMANDS.showTaskStdout, title: 'Show Task Log (stdout)', category: CATEGORY, enablement: '!virtualWorkspace' },
  { command: VIEW_COMMANDS.showTaskStderr, title: 'Show Task Log (stderr)', category: CATEGORY, enablement: '!virtualWorkspace' },
];

/** the items "Show Task Log" acts on: a task, the last failure when it names its task and agent */
const withTask = `${inView} && (viewItem == ${CONTEXT_VALUES.task} || viewItem == ${CONTEXT_VALUES.failureWithLog})`;
const LOG_COMMANDS = [VIEW_COMMANDS.showTaskLog, VIEW_COMMANDS.showTaskStdout, VIEW_COMMANDS.showTaskStderr];

/** Writes the view's contributions into a parsed package.json (in place). */
export function applyViewManifest(pkg: Record<string, any>): void {
  const c = pkg.contributes;
  const ours = new Set<string>(VIEW_COMMAND_CONTRIBUTIONS.map((x) => x.command));
  c.commands = [...c.commands.filter((x: { command: string }) => !ours.has(x.command)), ...VIEW_COMMAND_CONTRIBUTIONS];
  c.viewsContainers = { activitybar: [{ id: VIEW_CONTAINER_ID, title: VIEW_CONTAINER_TITLE, icon: VIEW_CONTAINER_ICON }] };
  c.views = { [VIEW_CONTAINER_ID]: [{ id: VIEW_ID, name: VIEW_NAME, icon: VIEW_CONTAINER_ICON, contextualTitle: VIEW_CONTAINER_TITLE }] };
  // the view's menus only: applyManifest has already written other parts' (the effective view's editor/title and
  // editor/context), which a whole new `menus` object dropped
  c.menus = {
    ...c.menus,
    'view/title': [
      { command: VIEW_COMMANDS.refresh, when: inView, group: 'navigation@1' },
      { command: VIEW_COMMANDS.checkConnectivity, when: inView, group: 'navigation@2' },
      { command: DEPLOY_APP_COMMAND, when: inView, group: 'navigation@3' },
      { command: CHECK_MESOS_COMMAND, when: inView, group: '1_check@1' },
      { command: CHECK_MARATHON_COMMAND, when: inView, group: '1_check@2' },
    ],
    'view/item/context': [
      { command: VIEW_COMMANDS.scaleToAgents, when: `${inView} && viewItem == ${CONTEXT_VALUES.appScalable}`, group: 'inline' },
      { command: VIEW_COMMANDS.scaleToAgents, when: `${inView} && viewItem == ${CONTEXT_VALUES.appScalable}`, group: '1_app' },
      { command: VIEW_COMMANDS.showTaskLog, when: withTask, group: 'inline' },
      { command: VIEW_COMMANDS.showTaskLog, when: withTask, group: '2_log@1' },
      { command: VIEW_COMMANDS.showTaskStdout, when: withTask, group: '2_log@2' },
      { command: VIEW_COMMANDS.showTaskStderr, when: withTask, group: '2_log@3' },
    ],
    // they need the item they act on
    commandPalette: [VIEW_COMMANDS.scaleToAgents, ...LOG_COMMANDS].map((command) => ({ command, when: 'false' })),
  };
  c.configuration.properties[`sysdig-mesos.${REFRESH_SETTING}`] = {
    type: 'number',
    default: REFRESH_DEFAULT_SECONDS,
    minimum: 0,
    scope: 'window',
    markdownDescription: `Seconds between refreshes of the **${VIEW_CONTAINER_TITLE}** view while it is visible (each reads Mesos' state and the agent app from Marathon). \`0\`: only on demand (the Refresh action, after a deploy). Nothing is read while the view is hidden.`,
  };
}
