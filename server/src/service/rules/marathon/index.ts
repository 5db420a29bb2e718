import type { Rule } from '../rule';
import { marathonId } from './marathon-id';
import { marathonCmdArgs } from './marathon-cmd-args';
import { marathonConstraint } from './marathon-constraint';
import { marathonNumber } from './marathon-number';
import { marathonNumberAsString } from './marathon-number-as-string';
import { agentAppPrivileged } from './agent-app-privileged';
import { agentAppHostNetwork } from './agent-app-host-network';
import { agentAppPidHost } from './agent-app-pid-host';
import { agentAppVolumes } from './agent-app-volumes';
import { agentAppAccessKey } from './agent-app-access-key';
import { agentAppCollector } from './agent-app-collector';
import { agentAppUniqueHost } from './agent-app-unique-host';
import { agentAppEnvName } from './agent-app-env-name';
import { agentAppUpgradeStrategy } from './agent-app-upgrade-strategy';
import { deployVariable } from './deploy-variable';
import { agentAppDelegatedAgent } from './agent-app-delegated-agent';
import { agentAppEnvConfConflict } from './agent-app-env-conf-conflict';
import { agentAppAdditionalConfPersisted } from './agent-app-additional-conf-persisted';

/** Rules for the Marathon app JSON only: what Marathon refuses, then what the Sysdig agent's app needs. */
export const MARATHON_RULES: Rule[] = [
  marathonId,
  marathonCmdArgs,
  marathonConstraint,
  marathonNumber,
  marathonNumberAsString,
  agentAppPrivileged,
  agentAppHostNetwork,
  agentAppPidHost,
  agentAppVolumes,
  agentAppAccessKey,
  agentAppCollector,
  agentAppUniqueHost,
  agentAppEnvName,
  agentAppUpgradeStrategy,
  agentAppDelegatedAgent,
  agentAppEnvConfConflict,
  agentAppAdditionalConfPersisted,
  deployVariable,
];
