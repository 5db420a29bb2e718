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
import { ABANDONED, runToEnd, runWhileWanted } from './latest-only';

/**
 * Above this many characters only the `syntax` rule runs (plus a note saying so): real dragent.yaml and
 * Marathon app files are a few hundred KB at most, and a rule that is slow on huge input must not hold the
 * server up. Peers have the same kind of guard (yaml.maxItemsComputed, json.maxItemsComputed).
 */
export const FULL_CHECK_MAX_CHARS = 1_000_000;

export interface ValidationContext extends Pick<ServerContext, 'configFor' | 'getService' | 'log'> {
  /** the cache of results per uri (the server clears it when a document closes or the workspace file changes) */
  results: Map<string, Result>;
  /** the version of the open document now (undefined: closed); a check of another version is abandoned */
  versionOf(uri: string): number | undefined;
}

export interface Compute {
  /** the check of this document version with these settings, now (cached in `results`) */
  (doc: TextDocument, settings: ServerSettings): Result;
  /**
   * the same check across event-loop turns, abandoned (undefined) as soon as the document has a newer version
   * or `wanted` says no (a cancelled pull): a superseded version is never checked to the end. Callers that want
   * the same version, settings and workspace file share one check.
   */
  latest(doc: TextDocument, settings: ServerSettings, wanted: () => boolean): Promise<Result | undefined>;
}

interface Job {
  version: number;
  settings: ServerSettings;
  configStamp: string;
  /** each caller's "still wanted?": the check goes on while one of them says yes */
  waiters: Set<() => boolean>;
  done: Promise<Result | typeof ABANDONED>;
}

/** Returns the function that checks a document version with the given settings (cached in `results`). */
export function createCompute(ctx: ValidationContext): Compute {
  const { configFor, getService, log, results } = ctx;
  let resultSeq = 0;
  const jobs = new Map<string, Job>();

  const prepare = (doc: TextDocument, settings: ServerSettings) => {
    let ws: WorkspaceFile = { filePath: '', stamp: '' };
    try {
      ws = configFor(doc.uri);
    } catch (e) {
      log.once(`wsconfig:${describeError(e, 2)}`, `reading ${CONFIG_FILE_NAME} failed: ${describeError(e)}`);
    }
    const cached = results.get(doc.uri);
    if (cached && cached.version === doc.version && cached.settings === settings && cached.configStamp === ws.stamp) return { ws, cached };
    const text = doc.getText();
    let kind: DocKind | undefined;
    try {
      kind = documentKind(doc.uri, doc.languageId, text, settings.patterns);
    } catch (e) {
      log.once(`validate:${describeError(e, 2)}`, `validating ${doc.uri} (version ${doc.version}) failed: ${describeError(e)}`);
    }
    return { ws, input: { uri: doc.uri, version: doc.version, text, kind } };
  };
  const store = (uri: string, version: number, settings: ServerSettings, ws: WorkspaceFile, c: Checked): Result => {
    const r: Result = { resultId: `${++resultSeq}`, version, settings, configStamp: ws.stamp, ...c };
    results.set(uri, r);
    return r;
  };

  /** the cached result of that version, settings and workspace file, if any */
  const cachedFor = (uri: string, k: Pick<Job, 'version' | 'settings' | 'configStamp'>): Result | undefined => {
    const r = results.get(uri);
    return r && r.version === k.version && r.settings === k.settings && r.configStamp === k.configStamp ? r : undefined;
  };

  const compute = (doc: TextDocument, settings: ServerSettings): Result => {
    const p = prepare(doc, settings);
    if (p.cached) return p.cached;
    return store(doc.uri, doc.version, settings, p.ws, checkText({ getService, log }, p.input, settings, p.ws));
  };

  const latest = async (doc: TextDocument, settings: ServerSettings, wanted: () => boolean): Promise<Result | undefined> => {
    const uri = doc.uri;
    const p = prepare(doc, settings);
    if (p.cached) return p.cached;
    let job = jobs.get(uri);
    if (!job || job.version !== doc.version || job.settings !== settings || job.configStamp !== p.ws.stamp) {
      // a newer version (or other settings) replaces the running check: it stops at its next slice
      const j: Job = { version: doc.version, settings, configStamp: p.ws.stamp, waiters: new Set([wanted]), done: Promise.resolve(ABANDONED) };
      const stillWanted = () => jobs.get(uri) === j && ctx.versionOf(uri) === j.version && !cachedFor(uri, j) && [...j.waiters].some((w) => w());
      jobs.set(uri, j);
      j.done = runWhileWanted(checkTextSteps({ getService, log }, p.input, settings, p.ws), stillWanted).then((c) => {
        if (jobs.get(uri) === j) jobs.delete(uri);
        // still the document's version: the result is cached like a synchronous check's
        return c === ABANDONED || ctx.versionOf(uri) !== j.version ? ABANDONED : store(uri, j.version, settings, p.ws, c);
      });
      job = j;
    } else {
      job.waiters.add(wanted);
    }
    try {
      const r = await job.done;
      if (!wanted()) return undefined;
      if (r !== ABANDONED) return r;
      // another caller may have checked this very version meanwhile (a hover computes synchronously)
      return cachedFor(uri, job);
    } finally {
      job.waiters.delete(wanted);
    }
  };

  return Object.assign(compute, { latest });
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
  return runToEnd(checkTextSteps(ctx, input, settings, ws));
}

/** checkText one step at a time (the service's checkSteps): it pauses after the parse and after each rule */
export function* checkTextSteps(
  ctx: Pick<ValidationContext, 'getService' | 'log'>,
  input: { uri: string; version: number | null; text: string; kind: DocKind | undefined },
  settings: ServerSettings,
  ws: WorkspaceFile,
): Generator<void, Checked> {
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
      const { doc: p, findings } = yield* svc.checkSteps(text, kind, context);
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
