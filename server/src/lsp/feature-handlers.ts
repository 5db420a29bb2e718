import { CodeActionTriggerKind } from 'vscode-languageserver/node';
import { FILL_PLACEHOLDER_COMMAND, SWITCH_AGENT_PROFILE_COMMAND } from './constants';
import { profileActions } from './profile-action';
import { toCodeAction, toCompletionItem, toDocumentSymbols, toFoldingRanges, toHover, toSelectionRange, toTextEdits } from './features';
import { describeError } from './log';
import { codeLenses } from './code-lens';
import type { ServerContext } from './server-context';

/**
 * The editor features (code actions, hover, completion, code lenses, symbols, folding, selection,
 * formatting): each answers from the document's latest analysis; a failure is logged once and answered
 * with a neutral value.
 */
export function registerFeatureHandlers(ctx: ServerContext): void {
  const { connection, log, analysis, getService } = ctx;

  /** runs a feature handler: a failure is logged once and answered with `fallback` */
  const feature = <T>(name: string, fallback: T, fn: () => T): T => {
    try {
      return fn();
    } catch (e) {
      log.once(`${name}:${describeError(e, 2)}`, `${name} failed: ${describeError(e)}`);
      return fallback;
    }
  };

  connection.onCodeAction((params) =>
    feature('textDocument/codeAction', [], () => {
      const a = analysis(params.textDocument.uri);
      if (!a) return [];
      const { parsed, findings, context } = a.r;
      const start = parsed.lines.offsetAt(params.range.start);
      const end = parsed.lines.offsetAt(params.range.end);
      const automatic = params.context.triggerKind === CodeActionTriggerKind.Automatic;
      const items = getService()
        .codeActions(parsed, findings, { start, end }, { ...context, only: params.context.only, automatic })
        .filter((it) => !it.ask || ctx.clientCommands().has(FILL_PLACEHOLDER_COMMAND));
      const actions = items.map((it) => toCodeAction(params.textDocument.uri, parsed.lines, a.doc.version, it, params.context.diagnostics ?? []));
      if (!ctx.clientCommands().has(SWITCH_AGENT_PROFILE_COMMAND) || !context) return actions;
      const profile = context.config?.agentProfile ?? context.settings.agentProfile;
      return [...actions, ...profileActions(params.textDocument.uri, parsed, a.doc.version, findings, { start, end }, profile, params.context.only, params.context.diagnostics ?? [])];
    }),
  );

  connection.onHover((params) =>
    feature('textDocument/hover', null, () => {
      const a = analysis(params.textDocument.uri);
      if (!a) return null;
      const h = getService().hover(a.r.parsed, a.r.parsed.lines.offsetAt(params.position), a.r.findings);
      return h ? toHover(a.r.parsed.lines, h) : null;
    }),
  );

  connection.onCompletion((params) =>
    feature('textDocument/completion', [], () => {
      const a = analysis(params.textDocument.uri);
      if (!a) return [];
      const entries = getService().complete(a.r.parsed, a.r.parsed.lines.offsetAt(params.position));
      return entries.map((e) => toCompletionItem(a.r.parsed.lines, e, ctx.snippetSupport())).filter((x) => x !== undefined);
    }),
  );

  connection.onCodeLens((params) =>
    feature('textDocument/codeLens', [], () => {
      const a = analysis(params.textDocument.uri);
      return a ? codeLenses(params.textDocument.uri, a.r.parsed, ctx.clientCommands()) : [];
    }),
  );

  connection.onDocumentSymbol((params) =>
    feature('textDocument/documentSymbol', [], () => {
      const a = analysis(params.textDocument.uri);
      return a ? toDocumentSymbols(a.r.parsed.lines, getService().documentSymbols(a.r.parsed)) : [];
    }),
  );

  connection.onFoldingRanges((params) =>
    feature('textDocument/foldingRange', [], () => {
      const a = analysis(params.textDocument.uri);
      return a ? toFoldingRanges(getService().foldingRanges(a.r.parsed)) : [];
    }),
  );

  connection.onSelectionRanges((params) =>
    feature('textDocument/selectionRange', [], () => {
      const a = analysis(params.textDocument.uri);
      if (!a) return [];
      const lines = a.r.parsed.lines;
      return getService()
        .selectionRanges(a.r.parsed, params.positions.map((p) => lines.offsetAt(p)))
        .map((spans) => toSelectionRange(lines, spans));
    }),
  );

  // Format Document / Selection for Marathon apps: registered (onInitialized) for our JSON language only, so
  // that a plain JSON document in the client's selector keeps VS Code's own formatter as its only one.
  connection.onDocumentFormatting((params) =>
    feature('textDocument/formatting', [], () => {
      const a = analysis(params.textDocument.uri);
      if (!a) return [];
      const lines = a.r.parsed.lines;
      return toTextEdits(lines, getService().format(a.doc.getText(), a.r.parsed.kind, params.options));
    }),
  );
  connection.onDocumentRangeFormatting((params) =>
    feature('textDocument/rangeFormatting', [], () => {
      const a = analysis(params.textDocument.uri);
      if (!a) return [];
      const lines = a.r.parsed.lines;
      const range = { start: lines.offsetAt(params.range.start), end: lines.offsetAt(params.range.end) };
      return toTextEdits(lines, getService().format(a.doc.getText(), a.r.parsed.kind, params.options, range));
    }),
  );
}
