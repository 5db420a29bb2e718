import {
  CodeActionKind,
  CompletionItemKind,
  FoldingRangeKind,
  InsertTextFormat,
  MarkupKind,
  SymbolKind,
  type CodeAction,
  type CompletionItem,
  type Diagnostic,
  type DocumentSymbol,
  type FoldingRange,
  type Hover,
  type SelectionRange,
  type TextEdit,
} from 'vscode-languageserver/node';
import type { CodeActionItem, CompletionEntry, FoldingEntry, Finding, HoverResult, Span, SymbolEntry } from '../service/index';
import type { LineIndex } from '../service/text/line-index';
import { toDiagnostic, toRange } from './diagnostics';
import { plainText } from '../service/text/plain-text';
import { FILL_PLACEHOLDER_COMMAND, type FillPlaceholderArgs } from './constants';

/** LSP shapes for the service's feature results (offsets → ranges). */

export function toCodeAction(uri: string, lines: LineIndex, version: number, item: CodeActionItem, context: readonly Diagnostic[]): CodeAction {
  const diagnostics = item.findings.map((f) => matchDiagnostic(lines, f, version, context));
  if (item.ask) {
    const args: FillPlaceholderArgs = {
      uri,
      version,
      range: toRange(lines, item.ask.start, item.ask.end),
      placeholder: item.ask.placeholder,
      ...(item.ask.key !== undefined ? { key: item.ask.key } : {}),
      expects: item.ask.expects,
      prompt: item.ask.prompt,
      ...(item.ask.uriSteps ? { uriSteps: item.ask.uriSteps } : {}),
    };
    return {
      title: plainText(item.title),
      kind: CodeActionKind.QuickFix,
      ...(diagnostics.length ? { diagnostics } : {}),
      ...(item.preferred ? { isPreferred: true } : {}),
      command: { title: plainText(item.title), command: FILL_PLACEHOLDER_COMMAND, arguments: [args] },
    };
  }
  return {
    title: plainText(item.title),
    kind: item.kind === 'quickfix' ? CodeActionKind.QuickFix : item.kind,
    ...(diagnostics.length ? { diagnostics } : {}),
    ...(item.preferred ? { isPreferred: true } : {}),
    edit: { changes: { [uri]: item.edits.map((e) => ({ range: toRange(lines, e.start, e.end), newText: e.newText })) } },
  };
}

/** the client's own diagnostic for a finding when it sent one (same code and range), else ours */
function matchDiagnostic(lines: LineIndex, f: Finding, version: number, context: readonly Diagnostic[]): Diagnostic {
  const d = toDiagnostic(lines, f, version);
  return contextIndex(context).get(diagnosticKey(d)) ?? d;
}

const contextIndexes = new WeakMap<readonly Diagnostic[], Map<string, Diagnostic>>();
/**
 * The request's diagnostics by code and range, built once per request: a search of all of them per finding
 * made a select-all request on a file with 10,000 findings quadratic (issue 10 §4). The first one wins, as
 * `find` did.
 */
function contextIndex(context: readonly Diagnostic[]): Map<string, Diagnostic> {
  let index = contextIndexes.get(context);
  if (!index) {
    index = new Map();
    for (const c of context) {
      const k = diagnosticKey(c);
      if (!index.has(k)) index.set(k, c);
    }
    contextIndexes.set(context, index);
  }
  return index;
}

function diagnosticKey(d: Diagnostic): string {
  const r = d.range;
  return `${typeof d.code}:${String(d.code)}:${r.start.line}:${r.start.character}:${r.end.line}:${r.end.character}`;
}

export function toHover(lines: LineIndex, h: HoverResult): Hover {
  return { contents: { kind: MarkupKind.Markdown, value: h.contents }, range: toRange(lines, h.start, h.end) };
}

const ITEM_KIND: Record<CompletionEntry['kind'], CompletionItemKind> = {
  property: CompletionItemKind.Property,
  value: CompletionItemKind.Value,
  snippet: CompletionItemKind.Snippet,
};

export function toCompletionItem(lines: LineIndex, e: CompletionEntry, snippets: boolean): CompletionItem | undefined {
  if (e.snippet && !snippets && e.kind === 'snippet') return undefined;
  const newText = e.snippet && !snippets ? e.insertText.replace(/\$\{\d+(?::([^}]*))?\}|\$\d+/g, (_m, dflt: string | undefined) => dflt ?? '').replace(/\\([$}\\])/g, '$1') : e.insertText;
  return {
    label: e.label,
    kind: ITEM_KIND[e.kind],
    ...(e.detail ? { detail: e.detail } : {}),
    ...(e.documentation ? { documentation: { kind: MarkupKind.Markdown, value: e.documentation } } : {}),
    ...(e.filterText ? { filterText: e.filterText } : {}),
    ...(e.sortText ? { sortText: e.sortText } : {}),
    insertTextFormat: e.snippet && snippets ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    textEdit: { range: toRange(lines, e.start, e.end), newText },
  };
}

const SYMBOL_KIND: Record<SymbolEntry['kind'], SymbolKind> = {
  object: SymbolKind.Module,
  array: SymbolKind.Array,
  string: SymbolKind.String,
  number: SymbolKind.Number,
  boolean: SymbolKind.Boolean,
  null: SymbolKind.Null,
  key: SymbolKind.Key,
};

export function toDocumentSymbols(lines: LineIndex, symbols: readonly SymbolEntry[]): DocumentSymbol[] {
  return symbols.map((s) => {
    const range = toRange(lines, s.range.start, s.range.end);
    let selectionRange = toRange(lines, s.selectionRange.start, s.selectionRange.end);
    // LSP: the selection range must be inside the range
    if (s.selectionRange.start < s.range.start || s.selectionRange.end > s.range.end) selectionRange = range;
    return { name: s.name || ' ', detail: s.detail, kind: SYMBOL_KIND[s.kind], range, selectionRange, children: toDocumentSymbols(lines, s.children) };
  });
}

export function toFoldingRanges(ranges: readonly FoldingEntry[]): FoldingRange[] {
  return ranges.map((r) => ({ startLine: r.startLine, endLine: r.endLine, ...(r.kind === 'comment' ? { kind: FoldingRangeKind.Comment } : {}) }));
}

export function toSelectionRange(lines: LineIndex, spans: readonly Span[]): SelectionRange {
  let parent: SelectionRange | undefined;
  for (let i = spans.length - 1; i >= 0; i--) parent = { range: toRange(lines, spans[i].start, spans[i].end), ...(parent ? { parent } : {}) };
  return parent ?? { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };
}

/** Formatting edits (offsets) → LSP text edits. */
export function toTextEdits(lines: LineIndex, edits: readonly { start: number; end: number; newText: string }[]): TextEdit[] {
  return edits.map((e) => ({ range: toRange(lines, e.start, e.end), newText: e.newText }));
}
