// Everything that talks to a cluster, in one bundle (dist/cluster-lazy.js) the server loads on first use.
export { clusterCheck } from './cluster-check';
export { deployFollow, deployPlan, deployRollback, deploySend } from './cluster-deploy';
export { clusterScale, clusterStatus } from './cluster-status';
export { clusterList } from './cluster-list';
export { taskLog } from './cluster-task-log';
