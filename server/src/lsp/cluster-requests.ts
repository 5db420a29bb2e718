// The custom requests behind the editor's cluster commands. The work is in modules loaded on first use
// (their own bundles): the language server starts and answers `initialize` without undici or the
// cluster code. The client asks for workspace trust before it sends any of these.
import { ResponseError, type Connection } from 'vscode-languageserver/node';
import { CLUSTER_CHECK_REQUEST, type ClusterCheckParams, type ClusterCheckResult } from './constants';
import { describeError } from './log';
import { maskUserInfo } from './mask';

export interface RequestLog {
  error(msg: string): void;
  info(msg: string): void;
}

export function registerClusterRequests(connection: Connection, log: RequestLog): void {
  connection.onRequest(CLUSTER_CHECK_REQUEST, async (params: ClusterCheckParams): Promise<ClusterCheckResult> => {
    if (!params || (params.target !== 'mesos' && params.target !== 'marathon')) throw new ResponseError(-32602, `${CLUSTER_CHECK_REQUEST}: target must be mesos or marathon`);
    try {
      const { clusterCheck } = require('./cluster-check') as typeof import('./cluster-check');
      const result = await clusterCheck(params);
      log.info(maskUserInfo(`check ${params.target}: ${result.summary}`));
      return result;
    } catch (e) {
      const d = maskUserInfo(describeError(e));
      log.error(`${CLUSTER_CHECK_REQUEST} failed: ${d}`);
      throw new ResponseError(-32603, `the ${params.target} check failed: ${d}`);
    }
  });
}
