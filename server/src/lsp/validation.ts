import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocKind, Finding, LanguageService, ParsedDocument } from '../service/index';
import { toDiagnostics } from './diagnostics';
import { CONFIG_FILE_NAME } from './constants';
import { documentKind } from './kind';
import { describeError } from './log';
import { SERVER_NAME } from './capabilities';
import type { ServerSettings } from './settings';
import type { Result, ServerContext, WorkspaceFile } from './server-context';

/**
 * Above this many characters only the `syntax` rule runs (plus a note saying so): real dragent.yaml and
 * Marathon app files are a few hundred KB at most, and a rule that is slow on huge input must not hold the
 * server up. Peers have the same kind of guard (yaml.maxItemsComputed, json.maxItemsComputed).
 */
export const FULL_CHECK_MAX_CHARS = 1_000_000;

export interface ValidationContext extends Pick<ServerContext, 'configFor' | 'getService' | 'log'> {
  /** the cache of results per uri (the server clears it when a document closes or the workspace file changes) */
  results: Map<string, Result>;
}

/** Returns the function that checks a document version with the given settings (cached in `results`). */
export function createCompute(ctx: ValidationContext): (doc: TextDocument, settings: ServerSettings) => Result {
  const { configFor, getService, log, results } = ctx;
  let resultSeq = 0;
  return (doc: TextDocument, settings: ServerSettings): Result => {
    let ws: WorkspaceFile = { filePath: '', stamp: '' };
    try {
      ws = configFor(doc.uri);
    } catch (e) {
      log.once(`wsconfig:${describeError(e, 2)}`, `reading ${CONFIG_FILE_NAME} failed: ${describeError(e)}`);
    }
    const cached = results.get(doc.uri);
    if (cached && cached.version === doc.version && cached.settings === settings && cached.configStamp === ws.stamp) return cached;
    const text = doc.getText();
    let kind: DocKind | undefined;
    try {
      kind = documentKind(doc.uri, doc.languageId, text, settings.patterns);
    } catch (e) {
      log.once(`validate:${describeError(e, 2)}`, `validating ${doc.uri} (version ${doc.version}) failed: ${describeError(e)}`);
    }
    const c = checkText({ getService, log }, { uri: doc.uri, version: doc.version, text, kind }, settings, ws);
    const r: Result = { resultId: `${++resultSeq}`, version: doc.version, settings, configStamp: ws.stamp, ...c };
    results.set(doc.uri, r);
    return r;
  };
}

/** What one check of a text gives (a Result without its id and cache keys). */
export type Checked = Pick<Result, 'kind' | 'items' | 'parsed' | 'findings' | 'context'>;

/**
 * Checks a text of a known kind (undefined: not ours, nothing to check): an open document's version or a
 * file of the workspace read from disk (version null). Never throws: a failure is logged once and gives no items.
 */
export function checkText(
  ctx: Pick<ValidationContext, 'getService' | 'log'>,
  input: { uri: string; version: number | null; text: string; kind: DocKind | undefined },
  settings: ServerSettings,
  ws: WorkspaceFile,
): Checked {
  const { uri, version, text, kind } = input;
  let items: Diagnostic[] = [];
  let parsed: ParsedDocument | undefined;
  let found: Finding[] = [];
  let context: Result['context'];
  try {
    if (kind) {
      const svc = ctx.getService();
      const large = text.length > FULL_CHECK_MAX_CHARS;
      const serviceSettings = large ? syntaxOnly(svc, settings) : settings.service;
      context = { settings: serviceSettings, config: large ? undefined : ws.config, filePath: ws.filePath };
      const { doc: p, findings } = svc.check(text, kind, context);
      parsed = p;
      found = findings;
      // a file read from disk has no version: its fixes (data) say 0, and are not offered before it is opened and pulled again
      items = toDiagnostics(p.lines, findings, version ?? 0, uri);
      if (large) items.unshift(largeFileNote(text.length));
    }
  } catch (e) {
    ctx.log.once(`validate:${describeError(e, 2)}`, `validating ${uri} (version ${version ?? 'on disk'}) failed: ${describeError(e)}`);
    items = [];
  }
  return { kind, items, parsed, findings: found, context };
}

function syntaxOnly(svc: LanguageService, settings: ServerSettings): ServerSettings['service'] {
  const rules: ServerSettings['service']['rules'] = { ...settings.service.rules };
  for (const r of svc.rules) if (r.id !== 'syntax') rules[r.id] = 'off';
  return { ...settings.service, rules };
}

function largeFileNote(chars: number): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Information,
    source: SERVER_NAME,
    message: `This file is large (${Math.round(chars / 1000)} K characters, over ${FULL_CHECK_MAX_CHARS / 1_000_000} M): only syntax is checked here. Run the sysdig-mesos CLI for every rule.`,
  };
}
