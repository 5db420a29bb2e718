// Names the server needs before the language service is loaded (the service bundle is loaded lazily).
// Kept equal to the service's CONFIG_FILE and FIX_ALL_KIND by a test.

/** The workspace file. */
/** The `source` of every diagnostic the extension shows, lint and cluster checks alike. */
export const DIAGNOSTIC_SOURCE = 'sysdig-mesos';
/** Each rule's paragraph (a diagnostic's code links to its anchor). */
export const RULES_DOC = 'https://github.com/sysdig-mesos/sysdig-mesos/blob/main/docs/rules.md';

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

/**
 * Custom request from the VS Code client ("Show the agent's effective dragent.yaml"): the dragent.yaml the agent
 * image's entrypoint writes from an open agent app (issue 12 §1), each line with its origin, secrets masked —
 * the same text as `sysdig-mesos effective`. Deploy fills known to the server (an access key in secret storage,
 * the collector setting) are shown as filled at deploy.
 */
export const EFFECTIVE_CONFIG_REQUEST = 'sysdig-mesos/effectiveConfig';
/** The client's command that shows it (package.json, written by scripts/manifest.ts: editor title and context menu). */
export const SHOW_EFFECTIVE_CONFIG_COMMAND = 'sysdig-mesos.showEffectiveConfig';

export interface EffectiveConfigParams {
  uri: string;
}

/**
 * `text`: the annotated dragent.yaml (origin comments above the lines: effective-format.ts); `lines`: one entry per
 * line of the written file (as `effective --format json`; `line` counts the written file's lines, not `text`'s)
 */
export type EffectiveConfigResult =
  | { text: string; lines: { line: number; text: string; origin: { kind: string; description: string }; key?: string; masked?: boolean }[] }
  | { error: string };

/**
 * Custom request from the VS Code client: runs the cluster check (Mesos, or every Marathon URI) with the
 * URIs and credentials of the given dragent.yaml text, and maps failures onto the lines they come from.
 * The client needs a trusted workspace before it sends this (it contacts the network).
 */
export const CLUSTER_CHECK_REQUEST = 'sysdig-mesos/clusterCheck';

export interface ClusterCheckParams {
  /** 'mesos': Mesos (plus the app checks when `app` is given); 'marathon': every `marathon_uris` item */
  target: 'mesos' | 'marathon';
  /** the dragent.yaml to take URIs and credentials from (the editor's text: it may be unsaved) */
  config?: { uri: string; text: string };
  /** the agent's Marathon app, for `instances` against the agents and the master-and-agent check */
  app?: { uri: string; text: string };
  timeoutMs?: number;
  /** a named cluster (issue 13 §2): its URIs and credentials instead of the dragent.yaml's (whose lines get no diagnostics) */
  named?: NamedClusterParams;
}

export type CheckStatus = 'pass' | 'warn' | 'fail' | 'skip';

export interface ClusterCheckResult {
  ok: boolean;
  /** one short line for a notification */
  summary: string;
  /** the checks, grouped by the URI they concern; passwords masked */
  sections: { title: string; checks: { id: string; status: CheckStatus; message: string }[] }[];
  /** `host:port` of the leaders found */
  mesosLeader: string | null;
  marathonLeaders: string[];
  agents: number | null;
  /** with an app (Mesos check): whether Marathon knows it, and how many tasks it runs */
  appDeployed: boolean | null;
  appTasks: number | null;
  /** diagnostics for failed and warning checks, per document: shown until the next check or edit */
  diagnostics: {
    uri: string;
    items: {
      range: { start: { line: number; character: number }; end: { line: number; character: number } };
      severity: 1 | 2 | 3 | 4;
      message: string;
      code: string;
      /** DIAGNOSTIC_SOURCE, like the lint diagnostics */
      source: string;
      /** what the check means (docs/checks.md#id): the diagnostic's code links there */
      href: string;
    }[];
  }[];
}

/**
 * Custom request from the VS Code client (walkthrough, deploy): the guide's placeholders left in the given
 * texts, which need not be open. Documents that are not ours give nothing.
 */
export const PLACEHOLDERS_REQUEST = 'sysdig-mesos/placeholders';

export interface PlaceholdersParams {
  documents: { uri: string; text: string }[];
}

export interface PlaceholdersResult {
  items: { uri: string; range: { start: { line: number; character: number }; end: { line: number; character: number } }; message: string }[];
}

/**
 * A client command (the VS Code client registers it) that asks the user for a placeholder's value and then
 * sends FILL_PLACEHOLDER_REQUEST. The server offers actions that use it only to clients that list it in
 * `initializationOptions.clientCommands`; other editors get no action they cannot run.
 */
export const FILL_PLACEHOLDER_COMMAND = 'sysdig-mesos.fillPlaceholder';
export const FILL_PLACEHOLDER_REQUEST = 'sysdig-mesos/fillPlaceholder';

/** The argument of FILL_PLACEHOLDER_COMMAND (from the code action). */
export interface FillPlaceholderArgs {
  uri: string;
  version: number;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  placeholder: string;
  key?: string;
  expects: 'number' | 'access-key' | 'collector' | 'uri' | 'text';
  prompt: string;
  /**
   * a URI placeholder: the steps to ask it in — `host` (host[:port], a plain box), `credentials` (a user name,
   * optional, then the password in a hidden box); the value then goes as `parts`
   */
  uriSteps?: ('host' | 'credentials')[];
}

export interface FillPlaceholderParams {
  uri: string;
  /** the version the range refers to: a newer document gets no edit */
  version: number;
  range: FillPlaceholderArgs['range'];
  /** the typed value; for a URI asked in steps, `parts` and `step` instead */
  value?: string;
  parts?: { host?: string; user?: string; password?: string };
  /** the step the box is on: its value is checked, with the parts before it */
  step?: 'host' | 'user' | 'password';
  /**
   * only check (the box asks while the user types): the answer is `{ ok: true }` or the error the Enter would
   * give, and the edits are not computed for use
   */
  dryRun?: boolean;
}

export type FillPlaceholderResult =
  | { edits: { range: FillPlaceholderArgs['range']; newText: string }[] }
  | { ok: true }
  /** `moved`: credentials typed into the host box, split off: the box shows `host`, the next steps the rest */
  | { error: string; moved?: { host: string; user: string; password: string } };

/**
 * A client command: switches the agent profile where its value comes from (the folder's setting, or
 * `agentProfile` in `.sysdig-mesos.json` when that file sets it). Arguments: the profile (else a quick pick
 * asks) and the document's URI. The server offers it on https-unsupported under guide-2016 only to clients that
 * list it in `initializationOptions.clientCommands`.
 */
export const SWITCH_AGENT_PROFILE_COMMAND = 'sysdig-mesos.switchAgentProfile';

/** Custom request: the edit of a `.sysdig-mesos.json` text that sets its agentProfile (the client applies it). */
export const AGENT_PROFILE_EDIT_REQUEST = 'sysdig-mesos/agentProfileEdit';

export interface AgentProfileEditParams {
  text: string;
  profile: 'guide-2016' | 'latest';
}

export type AgentProfileEditResult = { edits: { range: FillPlaceholderArgs['range']; newText: string }[] } | { error: string };

/** Client commands the server may put in code lenses (dragent.yaml URI lines, the agent's Marathon app). */
export const CHECK_MESOS_COMMAND = 'sysdig-mesos.checkMesos';
export const CHECK_MARATHON_COMMAND = 'sysdig-mesos.checkMarathon';
export const DEPLOY_APP_COMMAND = 'sysdig-mesos.deployApp';

// ---- deploy (the VS Code client composes these with its diff view, modal and progress) -------------

type LspRange = { start: { line: number; character: number }; end: { line: number; character: number } };

export const DEPLOY_PLAN_REQUEST = 'sysdig-mesos/deployPlan';
export const DEPLOY_SEND_REQUEST = 'sysdig-mesos/deploySend';
export const DEPLOY_FOLLOW_REQUEST = 'sysdig-mesos/deployFollow';
export const DEPLOY_ROLLBACK_REQUEST = 'sysdig-mesos/deployRollback';
/** server → client notification while DEPLOY_FOLLOW_REQUEST runs */
export const DEPLOY_PROGRESS_NOTIFICATION = 'sysdig-mesos/deployProgress';

/**
 * Client → server: whether VS Code's secret storage holds the Sysdig access key (never the key). The
 * findings then say what deploy fills (an information instead of an error on `ACCESS_KEY`).
 */
export const SECRET_STATE_NOTIFICATION = 'sysdig-mesos/secretState';
export interface SecretStateParams {
  accessKey: boolean;
}

export interface DeployPlanParams {
  app: { uri: string; text: string };
  /** the dragent.yaml whose first marathon_uris item (and marathon_user/password) is used */
  config?: { uri: string; text: string };
  /** a Marathon URI that wins over the config's */
  marathon?: string;
  /** from VS Code's SecretStorage; filled into ACCESS_KEY at send time, never written or logged */
  accessKey?: string;
  /**
   * the deploying user's Marathon credentials (VS Code's SecretStorage): they win over the dragent.yaml's
   * (which are the agent's own, often read-only); a `marathon` URI with user-info wins over them
   */
  credentials?: { user: string; password: string };
  collector?: string;
  /** values for ${VAR}s in the app */
  variables?: Record<string, string>;
  timeoutMs?: number;
  /** a Mesos URI asked for free resources (the stall prediction); else the config's mesos_state_uri */
  mesos?: string;
  /** a named cluster: its Marathon and Mesos with its own credentials, instead of config, marathon, mesos and credentials */
  named?: NamedClusterParams;
}

export type DeployPlanResult =
  | { kind: 'refused'; problems: { ruleId: string; message: string; range: LspRange }[] }
  | {
      kind: 'plan';
      /** names the plan (and its filled body) kept by the server for the following requests */
      planId: string;
      action: 'create' | 'update';
      appId: string;
      instances: number;
      marathon: string;
      source: 'setting' | 'config' | 'default';
      leader: string;
      via?: string;
      filled: string[];
      /** update: normalised JSON, secrets masked */
      diff?: { before: string; after: string };
      unchanged?: boolean;
      secretsChanged?: string[];
      runningDeployments?: string[];
      /** unchanged update: the tasks running now */
      tasksRunning?: number;
      /** create: the app as it will be sent, secrets masked */
      redacted?: string;
      /** fields of the file Marathon drops (JSON pointers): named before sending, left out of the diff */
      ignored?: string[];
      /** update of a one-task-per-node app: whether it can finish (`stalls`: it never would) */
      stall?: { verdict: 'stalls' | 'may-stall' | 'finishes' | 'unknown'; reason: string; fix: string };
      /** update: the app's version on Marathon before this deploy (what a rollback returns to) */
      currentVersion?: string;
      /**
       * a rollback this server started for this app on this Marathon, still listed: it holds the app's lock until it
       * ends, so the client follows it (deployFollow with `rollback`) before sending
       */
      pendingRollback?: { deploymentId: string; version: string };
    };

export interface DeploySendParams {
  planId: string;
  force?: boolean;
}

export type DeploySendResult =
  | { kind: 'sent'; deploymentId: string; version: string }
  | { kind: 'locked'; message: string; deployments: string[] }
  | { kind: 'exists'; message: string }
  | { kind: 'rejected'; message: string; diagnostics: { uri: string; items: { range: LspRange; severity: 1; message: string; code: string; source: string; href: string }[] }[] }
  | { kind: 'error'; message: string };

export interface DeployFollowParams {
  planId: string;
  deploymentId: string;
  version: string;
  /** echoed in each progress notification */
  progressToken: string;
  timeoutMs?: number;
  /** between polls of /v2/deployments (default 2000 ms) */
  pollMs?: number;
  /** the deployment is a rollback (the id and version DEPLOY_ROLLBACK_REQUEST answered) */
  rollback?: boolean;
}

export interface DeployProgressParams {
  progressToken: string;
  message: string;
  step?: number;
  steps?: number;
  running: number;
  healthy: number;
  instances: number;
  stalled?: string;
}

export type DeployFollowResult = {
  /** `blocked`: a one-task-per-node replacement no node can take; the message says what gets out (not a rollback) */
  outcome: 'success' | 'failed' | 'timeout' | 'cancelled' | 'blocked';
  message: string;
  running: number;
  instances: number;
  /** success: Marathon treated the write as a no-op, the app kept its version */
  unchanged?: boolean;
  /** the deployment exists as far as the follow knows (not yet polled, or listed at the last poll): a rollback or cancel can reach it */
  listed?: boolean;
};

export interface DeployRollbackParams {
  planId: string;
  deploymentId: string;
  /** cancel only (DELETE ?force=true: 202, no revert) */
  force?: boolean;
}

export type DeployRollbackResult = { kind: 'rollback'; deploymentId: string; version: string } | { kind: 'cancelled' } | { kind: 'error'; message: string };

// ---- the "Sysdig on Mesos" view (issue 13 §1) -------------------------------------------------------

/**
 * Client → server: the cluster's coverage (`sysdig-mesos status`'s model, cluster/coverage.ts) for one cluster — where
 * the agent app runs, where it does not. Cancellable: `$/cancelRequest` aborts the requests in flight. The answer is
 * masked (no password or key in it). A cluster that cannot be read answers `failed` (one line and the next step), not
 * an error: the view draws it as an item. The client asks for workspace trust before it sends this.
 */
export const CLUSTER_STATUS_REQUEST = 'sysdig-mesos/clusterStatus';

/**
 * The named clusters (issue 13 §2): the workspace folders' `.sysdig-mesos.json` lists and the `sysdig-mesos.clusters`
 * setting's, merged by name (the file wins: service/clusters.ts mergeClusterLists).
 */
export const CLUSTER_LIST_REQUEST = 'sysdig-mesos/clusterList';

export interface ClusterListParams {
  /** the `sysdig-mesos.clusters` setting's value, as VS Code holds it (checked by the server) */
  settings?: unknown;
  /** the workspace's dragent.yaml: which named cluster has its Marathon (the view shows it once) */
  config?: { uri: string; text: string };
}

export interface ClusterListEntry {
  name: string;
  mesos: string;
  marathon: string;
  mesosUser?: string;
  marathonUser?: string;
  /** the entry's agent app, resolved (a file: URI) against its `.sysdig-mesos.json` or the first workspace folder */
  appUri?: string;
  from: 'file' | 'settings';
}

export interface ClusterListResult {
  clusters: ClusterListEntry[];
  /** the setting's problems (the file's are VS Code's JSON diagnostics on it, and the log) */
  problems: string[];
  /** the named cluster whose Marathon is the dragent.yaml's first marathon_uris item, if any */
  configCluster: string | null;
}

/** A named cluster as a request carries it: the list's entry and the credentials from SecretStorage. */
export interface NamedClusterParams {
  name: string;
  mesos: string;
  marathon: string;
  mesosUser?: string;
  marathonUser?: string;
  credentials?: { mesos?: { user: string; password: string }; marathon?: { user: string; password: string } };
}

/** Which cluster, as Check and Deploy find it: today the workspace's dragent.yaml and the deploy settings. */
export interface ClusterTargetParams {
  /** the dragent.yaml to take `mesos_state_uri`, `marathon_uris` and their credentials from (the editor's text) */
  config?: { uri: string; text: string };
  /** a Mesos URI that wins over the config's (a named cluster, later) */
  mesos?: string;
  /** a Marathon URI that wins over the config's: the `sysdig-mesos.deploy.marathonUri` setting */
  marathon?: string;
  /** the deploying user's Marathon credentials (VS Code's SecretStorage): they win over dragent.yaml's */
  credentials?: { user: string; password: string };
  timeoutMs?: number;
  /** a named cluster: its URIs and its own credentials, instead of config, mesos, marathon and credentials */
  named?: NamedClusterParams;
}

export interface ClusterStatusParams extends ClusterTargetParams {
  /** the agent's Marathon app file (its `id`); without one, the guide's `/sysdig-agent` */
  app?: { uri: string; text: string };
}

/** What one node is for the agent: cluster/coverage.ts `NodeKind`. */
export type ClusterNodeKind = 'monitored' | 'starting' | 'not-monitored' | 'master-agent-app' | 'master-agent' | 'master';

/** cluster/coverage.ts `ClusterCoverage`, as the request answers it (kept equal by a test). */
export interface ClusterCoverageView {
  nodes: {
    hostname: string;
    ip: string | null;
    agentId: string | null;
    master: boolean;
    leader: boolean;
    agent: boolean;
    kind: ClusterNodeKind;
    tasks: { id: string | null; state: string; version: string | null; current: boolean | null; health: 'healthy' | 'unhealthy' | 'unknown' | 'no-checks'; since: string | null }[];
    text: string;
    detail: string | null;
    problem: boolean;
  }[];
  app: {
    id: string;
    deployed: boolean;
    instances: number | null;
    running: number | null;
    healthy: number | null;
    staged: number | null;
    healthChecks: boolean;
    hostnameUnique: boolean;
    agentNodes: number;
    deployment: { id: string; step: number | null; totalSteps: number | null; actions: string[] } | null;
    lastTaskFailure: { host?: string; message?: string; state?: string; taskId?: string; timestamp?: string; version?: string; slaveId?: string } | null | undefined;
    strayTasks: ClusterCoverageView['nodes'][number]['tasks'];
    text: string;
  };
  ok: boolean;
  counts: { agents: number; monitored: number; notMonitored: number; masterAgentApp: number; masters: number };
}

export type ClusterStatusResult =
  | {
      kind: 'status';
      mesos: { uri: string; leader: string | null; version: string | null };
      /** cluster: a named cluster's (ClusterTargetParams.named) */
      marathon: { uri: string; source: 'setting' | 'config' | 'default' | 'cluster' };
      /** the app file's name, or null (the guide's id) */
      appFile: string | null;
      coverage: ClusterCoverageView;
    }
  /** neither the config nor the settings name a Mesos master or a Marathon: nothing to read */
  | { kind: 'unconfigured'; message: string }
  | {
      kind: 'failed';
      /** which service failed (null: a value the user gave, before any request) */
      service: 'mesos' | 'marathon' | null;
      /** `unauthorized`: credentials refused; `unreachable`: network, DNS, TLS, timeout; `usage`: a URI or app file that cannot be used */
      reason: 'unauthorized' | 'unreachable' | 'usage' | 'answer';
      /** one line, masked, naming the URL and what Mesos or Marathon answered */
      message: string;
      /** a usage failure: the file whose value cannot be used (an app file without an id, a URI in dragent.yaml) */
      file?: 'config' | 'app';
    };

/**
 * Client → server: "Scale to the number of agents": `PUT /v2/apps/{id}` `{"instances": n}` on the Marathon the view
 * read (same target and credentials). The server reads the app first and refuses when it is not deployed, does not use
 * `hostname UNIQUE`, or no longer has `from` instances (the view was out of date). Never forces: a deployment that
 * holds the app's lock is a `refused` answer that names it.
 */
export const CLUSTER_SCALE_REQUEST = 'sysdig-mesos/clusterScale';

export interface ClusterScaleParams extends ClusterTargetParams {
  appId: string;
  /** the instances the person saw (and confirmed to change) */
  from: number;
  instances: number;
}

export type ClusterScaleResult = { kind: 'scaled'; deploymentId: string; version: string } | { kind: 'refused'; message: string };

// ---- "Show Task Log" in the view (issue 13 §1) ------------------------------------------------------

/**
 * Client → server: one task's stdout or stderr from its sandbox on the Mesos agent (cluster/logs.ts runLogs, as
 * `sysdig-mesos logs --task ID` reads it), the last `tail` lines, then with `follow` what is appended, every second,
 * until the client cancels (`$/cancelRequest`: the answer is then `{kind: 'log', stopped: 'aborted'}`). The text goes
 * to the client as TASK_LOG_TEXT_NOTIFICATIONs carrying the request's `logId`, masked in whole lines (the access key,
 * the passwords). A failure is an answer (`failed`: one line and the next step), never a toast from here.
 */
export const TASK_LOG_REQUEST = 'sysdig-mesos/taskLog';
/** Server → client: `TaskLogTextParams`, while a TASK_LOG_REQUEST runs */
export const TASK_LOG_TEXT_NOTIFICATION = 'sysdig-mesos/taskLogText';

export interface TaskLogParams extends ClusterStatusParams {
  /** the client's name for this read: its notifications carry it */
  logId: string;
  taskId: string;
  stream: 'stdout' | 'stderr';
  /** lines of the tail (default 100) */
  tail?: number;
  follow?: boolean;
}

export interface TaskLogSourceView {
  taskId: string;
  hostname: string;
  /** the agent's ip:port */
  address: string;
  path: string;
  stream: 'stdout' | 'stderr';
  taskState: string | null;
  /** the executor ended: the file no longer grows */
  completed: boolean;
  size: number;
}

/** one of: where the log is (first), text (whole lines, masked), a note (a truncation, why this task) */
export interface TaskLogTextParams {
  logId: string;
  source?: TaskLogSourceView;
  text?: string;
  note?: string;
}

export type TaskLogResult = { kind: 'log'; stopped: 'end' | 'aborted' } | { kind: 'failed'; message: string };
