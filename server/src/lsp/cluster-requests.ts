// The custom requests behind the editor's cluster commands. The work is in a bundle loaded on first use
// (dist/cluster-lazy.js): the language server starts and answers `initialize` without undici or the
// cluster code. The client asks for workspace trust before it sends any of these.
import { ResponseError, type CancellationToken, type Connection } from 'vscode-languageserver/node';
import {
  CLUSTER_CHECK_REQUEST,
  DEPLOY_FOLLOW_REQUEST,
  DEPLOY_PLAN_REQUEST,
  DEPLOY_PROGRESS_NOTIFICATION,
  DEPLOY_ROLLBACK_REQUEST,
  DEPLOY_SEND_REQUEST,
  type ClusterCheckParams,
  type ClusterCheckResult,
  type DeployFollowParams,
  type DeployFollowResult,
  type DeployPlanParams,
  type DeployPlanResult,
  type DeployRollbackParams,
  type DeployRollbackResult,
  type DeploySendParams,
  type DeploySendResult,
} from './constants';
import { describeError } from './log';
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

export function registerClusterRequests(connection: Connection, log: RequestLog, contextFor: ContextFor): void {
  /** runs one request: failures become one line for the user (masked), logged once here */
  const run = async <T>(method: string, what: string, fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (e) {
      // masked before describeError cuts it short: a cut could leave half a URI that no longer looks like one
      if (e instanceof Error) e.message = maskUserInfo(e.message);
      const msg = e instanceof Error ? e.message : maskUserInfo(String(e));
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

  connection.onRequest(DEPLOY_PLAN_REQUEST, async (params: DeployPlanParams): Promise<DeployPlanResult> => {
    if (typeof params?.app?.uri !== 'string' || typeof params.app.text !== 'string') throw new ResponseError(-32602, `${DEPLOY_PLAN_REQUEST}: app {uri, text} is required`);
    // deploy refuses on what the editor shows as errors: the same settings and .sysdig-mesos.json
    const context = await contextFor(params.app.uri).catch(() => undefined);
    const r = await run(DEPLOY_PLAN_REQUEST, 'deploy', () => lazy().deployPlan(params, context));
    log.info(r.kind === 'plan' ? `deploy plan: ${r.action} ${r.appId} on ${r.marathon} (leader ${r.leader})` : `deploy refused: ${r.problems.length} problem(s) in the app`);
    return r;
  });

  connection.onRequest(DEPLOY_SEND_REQUEST, async (params: DeploySendParams): Promise<DeploySendResult> => {
    const r = await run(DEPLOY_SEND_REQUEST, 'deploy', () => lazy().deploySend(params));
    log.info(r.kind === 'sent' ? `deploy sent: deployment ${r.deploymentId}, version ${r.version}` : `deploy not sent (${r.kind}): ${r.message}`);
    return r;
  });

  connection.onRequest(DEPLOY_FOLLOW_REQUEST, async (params: DeployFollowParams, token: CancellationToken): Promise<DeployFollowResult> => {
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

  connection.onRequest(DEPLOY_ROLLBACK_REQUEST, async (params: DeployRollbackParams): Promise<DeployRollbackResult> => {
    const r = await run(DEPLOY_ROLLBACK_REQUEST, 'rollback', () => lazy().deployRollback(params));
    log.info(`rollback of ${params.deploymentId}: ${r.kind}`);
    return r;
  });
}
