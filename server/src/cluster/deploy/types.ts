import type { Credentials } from '../http';

/**
 * Types at the deploy engine's boundaries. The engine is a set of step functions (prepare → plan → send →
 * follow, and rollback) that the CLI composes without UI and the editor composes with its diff view,
 * modal confirmation and cancellable progress. No step prints, prompts or reads the environment itself.
 */

/** A Marathon to talk to: the base URL (no credentials in it) and what to authenticate with. */
export interface MarathonTarget {
  /** scheme://host:port[/prefix], no user-info, no trailing `/` */
  base: string;
  credentials?: Credentials;
  /** the URI as it may be shown (password masked) */
  shown: string;
  timeoutMs?: number;
  connectTimeoutMs?: number;
  insecure?: boolean;
  /** where the user sets the credentials, named by a 401's advice (default: the URI or the dragent.yaml keys) */
  credentialsHint?: string;
}

/** One reason the file cannot be deployed as it is (0-based line/character, as LSP). */
export interface DeployProblem {
  ruleId: string;
  message: string;
  line: number;
  character: number;
}

export interface DeploySecrets {
  /** fills ACCESS_KEY when the file leaves it empty, a placeholder, or out */
  accessKey?: string;
  /** fills COLLECTOR likewise */
  collector?: string;
}

export type PreparedApp =
  | {
      ok: false;
      problems: DeployProblem[];
      /** the ${VAR}s without a value (each is also a `deploy-variable` problem) */
      missing: string[];
    }
  | {
      ok: true;
      /** canonical (absolute) app id */
      appId: string;
      instances: number;
      /** the JSON text to send: secrets and ${VAR}s filled. Never log or show it: use `redacted`. */
      body: string;
      /** `body` with every secret shown as `***` */
      redacted: string;
      /** what was filled, by name (ACCESS_KEY, COLLECTOR, and each ${VAR}) */
      filled: string[];
      /** always empty when ok (a ${VAR} without a value is a problem) */
      missing: string[];
      /** the values to mask wherever text leaves the engine */
      secretValues: string[];
    };

/** A Mesos master to ask about the agents' free resources (the stall prediction); credentials never shown. */
export interface MesosTarget {
  base: string;
  credentials?: Credentials;
  shown: string;
  timeoutMs?: number;
  insecure?: boolean;
}

/**
 * Whether an update of a one-task-per-node app can finish (predict.ts). `stalls`: no node can take a new task, the
 * deployment would never finish — the doors refuse it unless told to go on; `may-stall`: only some nodes have room;
 * `finishes`: there is room; `unknown`: Mesos could not be asked (the rule's warning stands).
 */
export interface StallPrediction {
  verdict: 'stalls' | 'may-stall' | 'finishes' | 'unknown';
  reason: string;
  /** what to change so that it finishes (empty when it finishes) */
  fix: string;
}

/** Where a deploy goes and what it changes. */
export type DeployPlan = {
  target: MarathonTarget;
  /** `host:port` of the Marathon leader (from `/v2/leader`) */
  leader: string;
  /** `host:port` of the standby that proxied the requests, when the URI is not the leader */
  via?: string;
  /** the Marathon URI without password */
  marathon: string;
  appId: string;
  instances: number;
  body: string;
  redacted: string;
  secretValues: string[];
  /** fields of the file Marathon drops (JSON pointers): never stored, so not part of the diff */
  ignored: string[];
} & (
  | { action: 'create' }
  | {
      action: 'update';
      /** the app as Marathon has it now (server answer, secrets included: never show it) */
      current: Record<string, unknown>;
      /** normalised pretty JSON, secrets masked; identical texts when nothing changes */
      diff: { before: string; after: string };
      unchanged: boolean;
      /** secret variables (ACCESS_KEY, …) whose values change: masked, the texts look alike */
      secretsChanged: string[];
      /** deployments running for the app now: a PUT without force answers 409 locked */
      runningDeployments: string[];
      /** something other than `instances` changes: every task is replaced (else a scale or nothing) */
      configChanged: boolean;
      /** the one-task-per-node replacement, when it applies (predict.ts) */
      stall?: StallPrediction;
    }
);

export interface SendResult {
  deploymentId: string;
  /** the app version the deployment creates */
  version: string;
  /** 201 POST / 201 PUT (created) / 200 PUT (updated) */
  status: number;
}

/** One `details` entry of a 400/422, in one shape whatever the Marathon version. */
export interface RejectionDetail {
  /** 1.0+ path (`/container/docker/network`, `/constraints(0)`, `/`), or the 0.15 attribute as given */
  path: string;
  errors: string[];
}

export interface ProgressEvent {
  /** 1-based, from `/v2/deployments`; undefined while the deployment is not listed */
  step?: number;
  steps?: number;
  /** the current step's action(s), e.g. `ScaleApplication` */
  action?: string;
  instances: number;
  /** tasks of the new version */
  running: number;
  healthy: number;
  staged: number;
  /** tasks being killed (TASK_KILLING; a scale-down or a replacement): neither running nor staged */
  killing: number;
  /** does the app have health checks (then healthy counts) */
  healthChecked: boolean;
  /** why nothing moves, when it does not: lastTaskFailure, queue back-off, declined offers */
  stalled?: string;
  /** one line for a person */
  message: string;
  elapsedMs: number;
}

export type FollowOutcome =
  /** `unchanged`: Marathon treated the PUT as a no-op (the app kept its version): nothing was deployed, the tasks run */
  | { outcome: 'success'; progress: ProgressEvent; elapsedMs: number; unchanged?: boolean }
  /**
   * the deployment cannot go on: offers are declined for want of a node (a one-task-per-node replacement that stops no
   * old task first). It stays on Marathon; `reason` says why, with the queue's decline reasons, and what gets out.
   */
  | { outcome: 'blocked'; reason: string; progress?: ProgressEvent; elapsedMs: number }
  | { outcome: 'failed'; reason: string; progress?: ProgressEvent; elapsedMs: number }
  | { outcome: 'timeout'; reason: string; progress?: ProgressEvent; elapsedMs: number }
  | { outcome: 'cancelled'; progress?: ProgressEvent; elapsedMs: number };

export type RollbackResult =
  /** Marathon started a deployment that reverts the change (for a new app: removes it) */
  | { kind: 'rollback'; deploymentId: string; version: string }
  /** `force`: the deployment was only stopped; the app stays as far as it got */
  | { kind: 'cancelled' };
