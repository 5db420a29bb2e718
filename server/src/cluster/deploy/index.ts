/** The deploy engine: prepare → plan → send → follow (→ rollback). See types.ts. */
export * from './types';
export { prepareApp, maskValues, type PrepareOptions } from './prepare';
export { normaliseApp, diffApps, SERVER_OWNED, type AppDiff } from './normalise';
export { planDeploy, marathonTarget, type TargetOptions } from './plan';
export { sendApp } from './send';
export { followDeployment, type FollowOptions } from './follow';
export { rollbackDeployment, deploymentListed } from './rollback';
export { DeployError, normaliseDetails, type DeployErrorKind } from './api';
export { stallReason } from './stall';
export { configTarget, mesosTargetOf, DEFAULT_MARATHON } from './config-target';
export { predictUpgrade, KILL_FIRST_FIX, type PredictInput } from './predict';
export { dropUnknownFields } from './dropped';
export { blockedReason } from './blocked';
