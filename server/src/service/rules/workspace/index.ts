import type { WorkspaceRule } from './workspace-rule';
import { workspaceDelegatedAgents } from './workspace-delegated-agents';
import { workspaceAccessKeyMismatch } from './workspace-access-key-mismatch';
import { workspaceDuplicateAppId } from './workspace-duplicate-app-id';

/** The rules over several files (workspace/check-workspace.ts runs them). */
export const WORKSPACE_RULES: readonly WorkspaceRule[] = [workspaceDelegatedAgents, workspaceAccessKeyMismatch, workspaceDuplicateAppId];
