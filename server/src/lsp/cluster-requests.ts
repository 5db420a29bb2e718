// The custom requests behind the editor's cluster commands. The work is in a bundle loaded on first use
// (dist/cluster-lazy.js): the language server starts and answers `initialize` without undici or the
// cluster code. The client asks for workspace trust before it sends any of these.
import { LSPErrorCodes, ResponseError, type CancellationToken, type Connection } from 'vscode-languageserver/node';
import {
  CLUSTER_CHECK_REQUEST,
  CLUSTER_LIST_REQUEST,
  CLUSTER_SCALE_REQUEST,
  CLUSTER_STATUS_REQUEST,
  DEPLOY_FOLLOW_REQUEST,
  DEPLOY_PLAN_REQUEST,
  DEPLOY_PROGRESS_NOTIFICATION,
  DEPLOY_ROLLBACK_REQUEST,
  DEPLOY_SEND_REQUEST,
  TASK_LOG_REQUEST,
  TASK_LOG_TEXT_NOTIFICATION,
  type TaskLogParams,
  type TaskLogResult,
  type ClusterCheckParams,
  type ClusterCheckResult,
  type ClusterListParams,
  type ClusterListResult,
  type ClusterScaleParams,
  type ClusterScaleResult,
  type ClusterStatusParams,
  type ClusterStatusResult,
  type DeployFollowParams,
  type DeployFollowResult,
  type DeployPlanParams,
  type DeployPlanResult,
  type DeployRollbackParams,
  type DeployRollbackResult,
  type DeploySendParams,
  type DeploySendResult,
} from './constants';
import { describeError, describeMessage } from './log';
import { isExpectedFailure } from './expected-failure';
import type { LintContext } from '../service/index';
import { maskUserInfo } from '../service/agent-uri';

export interface RequestLog {
  error(msg: string): void;
  info(msg: string): void;
}

type Lazy = typeof import('./cluster-lazy');
const lazy = (): Lazy => require('./cluster-lazy') as Lazy;

/** the settings and workspace file that apply to a document (what its diagnostics are computed with) */
export type ContextFor = (uri: string) => Promise<LintContext>;

/** each workspace folder's `.sysdig-mesos.json` clusters, checked (cluster-list.ts) */
export type ClusterSources = () => import('./cluster-list').ClusterListSource[];

export function registerClusterRequests(connection: Connection, log: RequestLog, contextFor: ContextFor, clusterSources: ClusterSources = () => []): void {
  /**
   * Runs one request: failures become one line for the user (masked), logged once here. An expected failure
   * (the cluster's answer, a refusal) is said as it is, in the log too; anything else is a bug: the log gets
   * its class and stack frames, and the user `what` failed.
   */
  const run = async <T>(method: string, what: string, fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (e) {
      // masked before describeError cuts it short: a cut could leave half a URI that no longer looks like one
      if (e instanceof Error) e.message = maskUserInfo(e.message);
      const msg = e instanceof Error ? e.message : maskUserInfo(String(e));
      if (isExpectedFailure(e)) {
        log.error(`${what}: ${maskUserInfo(describeMessage(e))}`);
        throw new ResponseError(-32603, msg);
      }
      log.error(`${method} failed: ${maskUserInfo(describeError(e))}`);
      throw new ResponseError(-32603, `${what}: ${msg}`);
    }
  };

  connection.onRequest(CLUSTER_CHECK_REQUEST, async (params: ClusterCheckParams): Promise<ClusterCheckResult> => {
    if (!params || (params.target !== 'mesos' && params.target !== 'marathon')) throw new ResponseError(-32602, `${CLUSTER_CHECK_REQUEST}: target must be mesos or marathon`);
    const result = await run(CLUSTER_CHECK_REQUEST, `the ${params.target} check failed`, () => lazy().clusterCheck(params));
    log.info(maskUserInfo(`check ${params.target}: ${result.summary}`));
    return result;
  });

  // named clusters (issue 13 §2): the list the view, Deploy and Check choose from; no network
  connection.onRequest(CLUSTER_LIST_REQUEST, async (params: ClusterListParams): Promise<ClusterListResult> => run(CLUSTER_LIST_REQUEST, 'reading the clusters list', async () => lazy().clusterList(params ?? {}, clusterSources())));

  // the view (issue 13 §1): a cluster that cannot be read is an answer (`failed`), drawn as an item; cancel aborts the
  // requests in flight (a refresh that replaces this one, the view hidden)
  // the view reads every 30 s while visible: the log says what changed, not every read
  let lastStatus = '';
  connection.onRequest(CLUSTER_STATUS_REQUEST, async (params: ClusterStatusParams, token: CancellationToken): Promise<ClusterStatusResult> => {
    const r = await cancellable(CLUSTER_STATUS_REQUEST, token, (signal) => run(CLUSTER_STATUS_REQUEST, 'reading the cluster', () => lazy().clusterStatus(params ?? {}, signal)));
    const line = maskUserInfo(
      r.kind === 'status'
        ? `cluster status: ${r.coverage.counts.agents} agent node(s), ${r.coverage.counts.monitored} monitored, ${r.coverage.counts.notMonitored} not monitored (Mesos ${r.mesos.uri}, Marathon ${r.marathon.uri})`
        : `cluster status: ${r.kind}: ${r.message}`,
    );
    if (line !== lastStatus) log.info(line);
    lastStatus = line;
    return r;
  });

  connection.onRequest(CLUSTER_SCALE_REQUEST, async (params: ClusterScaleParams, token: CancellationToken): Promise<ClusterScaleResult> => {
    if (typeof params?.appId !== 'string' || typeof params.instances !== 'number' || typeof params.from !== 'number') throw new ResponseError(-32602, `${CLUSTER_SCALE_REQUEST}: appId, from and instances are required`);
    const r = await cancellable(CLUSTER_SCALE_REQUEST, token, (signal) => run(CLUSTER_SCALE_REQUEST, 'scale', () => lazy().clusterScale(params, signal)));
    log.info(maskUserInfo(r.kind === 'scaled' ? `scale ${params.appId} ${params.from} → ${params.instances}: deployment ${r.deploymentId}` : `scale ${params.appId} refused: ${r.message}`));
    return r;
  });

  connection.onRequest(DEPLOY_PLAN_REQUEST, async (params: DeployPlanParams, token: CancellationToken): Promise<DeployPlanResult> => {
    if (typeof params?.app?.uri !== 'string' || typeof params.app.text !== 'string') throw new ResponseError(-32602, `${DEPLOY_PLAN_REQUEST}: app {uri, text} is required`);
    // deploy refuses on what the editor shows as errors: the same settings and .sysdig-mesos.json
    const context = await contextFor(params.app.uri).catch(() => undefined);
    const r = await cancellable(DEPLOY_PLAN_REQUEST, token, (signal) => run(DEPLOY_PLAN_REQUEST, 'deploy', () => lazy().deployPlan(params, context, signal)));
    log.info(r.kind === 'plan' ? `deploy plan: ${r.action} ${r.appId} on ${r.marathon} (leader ${r.leader})` : `deploy refused: ${r.problems.length} problem(s) in the app`);
    return r;
  });

  connection.onRequest(DEPLOY_SEND_REQUEST, async (params: DeploySendParams, token: CancellationToken): Promise<DeploySendResult> => {
    const r = await cancellable(DEPLOY_SEND_REQUEST, token, (signal) => run(DEPLOY_SEND_REQUEST, 'deploy', () => lazy().deploySend(params, signal)));
    log.info(r.kind === 'sent' ? `deploy sent: deployment ${r.deploymentId}, version ${r.version}` : `deploy not sent (${r.kind}): ${r.message}`);
    return r;
  });

  connection.onRequest(DEPLOY_FOLLOW_REQUEST, async (params: DeployFollowParams, token: CancellationToken): Promise<DeployFollowResult> => {
    // a cancelled follow answers its own 'cancelled' outcome (how far it got), not RequestCancelled
    const abort = new AbortController();
    const sub = token.onCancellationRequested(() => abort.abort());
    try {
      const r = await run(DEPLOY_FOLLOW_REQUEST, 'following the deployment', () =>
        lazy().deployFollow(params, abort.signal, (p) => {
          connection.sendNotification(DEPLOY_PROGRESS_NOTIFICATION, p).catch(() => undefined);
        }),
      );
      log.info(`deployment ${params.deploymentId}: ${r.outcome} — ${r.message}`);
      return r;
    } finally {
      sub.dispose();
    }
  });

  // "Show Task Log" (issue 13 §1): the text as notifications while the request runs; a cancel ends a follow with the
  // answer `stopped: 'aborted'` (the log tab was closed), not RequestCancelled
  connection.onRequest(TASK_LOG_REQUEST, async (params: TaskLogParams, token: CancellationToken): Promise<TaskLogResult> => {
    const abort = new AbortController();
    const sub = token.onCancellationRequested(() => abort.abort());
    try {
      const r = await run(TASK_LOG_REQUEST, 'reading the task log', () =>
        lazy().taskLog(params, abort.signal, (p) => {
          connection.sendNotification(TASK_LOG_TEXT_NOTIFICATION, p).catch(() => undefined);
        }),
      );
      // the task id only: the text is the user's to read in the tab, not the server log's
      log.info(maskUserInfo(r.kind === 'log' ? `task log ${params.taskId} (${params.stream}): ${r.stopped === 'aborted' ? 'follow stopped' : 'read'}` : `task log ${params.taskId}: ${r.message}`));
      return r;
    } finally {
      sub.dispose();
    }
  });

  connection.onRequest(DEPLOY_ROLLBACK_REQUEST, async (params: DeployRollbackParams, token: CancellationToken): Promise<DeployRollbackResult> => {
    const r = await cancellable(DEPLOY_ROLLBACK_REQUEST, token, (signal) => run(DEPLOY_ROLLBACK_REQUEST, 'rollback', () => lazy().deployRollback(params, signal)));
    log.info(`rollback of ${params.deploymentId}: ${r.kind}`);
    return r;
  });

  /**
   * `$/cancelRequest` → the request's AbortSignal: the Marathon request in flight is aborted and nothing
   * more is sent (a plan cancelled while Marathon is slow is never kept, so it can never be sent). Work
   * that failed because of the cancel answers LSP's RequestCancelled; an answer that was complete anyway
   * (a send Marathon took before the cancel) is returned as it is: its deployment id must not be lost.
   */
  async function cancellable<T>(method: string, token: CancellationToken, fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const abort = new AbortController();
    const sub = token.onCancellationRequested(() => abort.abort());
    try {
      return await fn(abort.signal);
    } catch (e) {
      if (!abort.signal.aborted) throw e;
      log.info(`${method}: cancelled`);
      throw new ResponseError(LSPErrorCodes.RequestCancelled, `${method}: cancelled`);
    } finally {
      sub.dispose();
    }
  }
}
