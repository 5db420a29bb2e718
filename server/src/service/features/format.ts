// Format Document / Format Selection for Marathon apps. Our own language id (marathon-app-json) keeps VS Code's
// built-in JSON service away from these files (see ARCHITECTURE.md, "One voice per file"), so its formatter
// is gone too: this is the one that replaces it, with the same engine (jsonc-parser's `format`, which the
// built-in JSON service uses) and so the same result. dragent.yaml gets none: VS Code has no built-in YAML
// formatter to replace, and re-indenting YAML can change what the agent reads.
import { format, parse as parseJsonc, type ParseError } from 'jsonc-parser';
import type { DocKind, Span, TextEdit } from '../types';

export interface FormatOptions {
  tabSize: number;
  insertSpaces: boolean;
  /** true: end the text with one line break (VS Code's files.insertFinalNewline) */
  insertFinalNewline?: boolean;
}

/**
 * The smallest edits (white space between tokens only) that format `text`, or only `range` of it.
 * None when the text has a syntax error: with typographic quotes the tokens are not what the user sees
 * (`“a b”` is two bare words), and re-spacing them would change the text inside what reads as a string.
 */
export function formatEdits(text: string, kind: DocKind, options: FormatOptions, range?: Span): TextEdit[] {
  if (kind !== 'marathon-app') return [];
  const errors: ParseError[] = [];
  parseJsonc(text, errors, { allowTrailingComma: false, disallowComments: false });
  if (errors.length) return [];
  const eol = /\r\n/.test(text) ? '\r\n' : /\r/.test(text) ? '\r' : '\n';
  const edits = format(text, range ? { offset: range.start, length: range.end - range.start } : undefined, {
    tabSize: options.tabSize,
    insertSpaces: options.insertSpaces,
    insertFinalNewline: options.insertFinalNewline ?? false,
    eol,
  });
  return edits.map((e) => ({ start: e.offset, end: e.offset + e.length, newText: e.content }));
}
