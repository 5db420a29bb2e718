import type { Connection, Diagnostic, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocKind, Finding, LanguageService, ParsedDocument, SysdigMesosConfig } from '../service/index';
import type { ServerSettings } from './settings';

/** The server's log (see startLanguageServer): never document text. */
export interface ServerLog {
  error(msg: string): void;
  warn(msg: string): void;
  info(msg: string): void;
  /** details for whoever debugs the extension (the client's log shows them at its Debug level) */
  debug(msg: string): void;
  /** logs a message once per server lifetime (a rule failing on every keystroke is said once) */
  once(key: string, msg: string): void;
}

/** The workspace file for a document, checked by the service. */
export interface WorkspaceFile {
  config?: SysdigMesosConfig;
  filePath: string;
  stamp: string;
}

/** One document version's analysis (cached per uri). */
export interface Result {
  resultId: string;
  version: number;
  settings: ServerSettings;
  /** identifies the workspace file's content the findings were computed with */
  configStamp: string;
  kind: DocKind | undefined;
  items: Diagnostic[];
  /** the model and findings (after the workspace file and suppression comments), for the editor features */
  parsed?: ParsedDocument;
  findings: Finding[];
  /** what the findings depend on besides the text (re-used by fix-all) */
  context?: { settings: ServerSettings['service']; config?: SysdigMesosConfig; filePath: string };
}

/** The latest analysis of an open document of ours. */
export interface Analysis {
  doc: TextDocument;
  r: Result & { parsed: ParsedDocument };
}

/**
 * What the feature handlers and custom requests share with the server's state. Mutable state is read
 * through functions, at the time a request is handled.
 */
export interface ServerContext {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  log: ServerLog;
  /** the language service, loaded on first use */
  getService(): LanguageService;
  configFor(uri: string): WorkspaceFile;
  /** the workspace folders' URIs (initialize, then didChangeWorkspaceFolders) */
  folders(): readonly string[];
  fetchSettings(uri: string): Promise<ServerSettings>;
  /** the latest analysis of an open document of ours (settings: known ones, else the defaults) */
  analysis(uri: string): Analysis | undefined;
  isShuttingDown(): boolean;
  /** commands the client said it runs (initializationOptions.clientCommands) */
  clientCommands(): ReadonlySet<string>;
  snippetSupport(): boolean;
}
