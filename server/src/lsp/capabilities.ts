// The answer to `initialize`, as a pure function of the client's params. Kept free of the LSP library
// (types only) so that server.ts can answer `initialize` over stdio before loading it (see early-init.ts);
// the full server answers with the same function, so both answers are equal by construction.
import type { InitializeParams, InitializeResult } from 'vscode-languageserver-protocol';
import { CHECK_MARATHON_COMMAND, CHECK_MESOS_COMMAND, DEPLOY_APP_COMMAND, FIX_ALL_KIND } from './constants';

export const SERVER_NAME = 'sysdig-mesos';
export const SERVER_VERSION = '0.1.0';

/** the client commands a client says it runs (`initializationOptions.clientCommands`) */
export function clientCommandsOf(params: InitializeParams | undefined): Set<string> {
  const init = params?.initializationOptions as Record<string, unknown> | null | undefined;
  const list = init && typeof init === 'object' && Array.isArray(init.clientCommands) ? init.clientCommands : [];
  return new Set(list.filter((c): c is string => typeof c === 'string'));
}

/**
 * Whether to offer workspace diagnostics: yes, unless `initializationOptions.workspaceDiagnostics` is false (our
 * VS Code client says so when `sysdig-mesos.diagnostics.workspace` is off everywhere).
 */
export function offersWorkspaceDiagnostics(params: InitializeParams | undefined): boolean {
  const init = params?.initializationOptions as Record<string, unknown> | null | undefined;
  return !(init && typeof init === 'object' && init.workspaceDiagnostics === false);
}

export function initializeResult(params: InitializeParams | undefined): InitializeResult {
  const workspaceFolders = !!params?.capabilities?.workspace?.workspaceFolders;
  const commands = clientCommandsOf(params);
  const lenses = [CHECK_MESOS_COMMAND, CHECK_MARATHON_COMMAND, DEPLOY_APP_COMMAND].some((c) => commands.has(c));
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: 2 /* TextDocumentSyncKind.Incremental */ },
      diagnosticProvider: { identifier: SERVER_NAME, interFileDependencies: false, workspaceDiagnostics: offersWorkspaceDiagnostics(params) },
      codeActionProvider: { codeActionKinds: ['quickfix', 'refactor.rewrite', 'source.fixAll', FIX_ALL_KIND] },
      hoverProvider: true,
      completionProvider: { triggerCharacters: ['"', ':'] },
      documentSymbolProvider: { label: SERVER_NAME },
      foldingRangeProvider: true,
      selectionRangeProvider: true,
      ...(lenses ? { codeLensProvider: { resolveProvider: false } } : {}),
      ...(workspaceFolders ? { workspace: { workspaceFolders: { supported: true, changeNotifications: true } } } : {}),
    },
    serverInfo: { name: SERVER_NAME, version: SERVER_VERSION },
  };
}
