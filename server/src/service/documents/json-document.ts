import { parseTree, printParseErrorCode, type Node as JNode, type ParseError } from 'jsonc-parser';
import type { DocKind } from '../types';
import { LineIndex } from '../text/line-index';
import { flowDepthExceeds, MAX_NESTING } from './nesting';
import type { MNode, ParsedDocument, Repair, SyntaxProblem } from './model';

/** Typographic double quotes that people paste where JSON needs `"` (each one UTF-16 unit). */
const TYPO_DOUBLE_QUOTES = /[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g;

/**
 * JSON text → model, tolerant: jsonc-parser recovers after errors, and when typographic quotes broke
 * the syntax (the vendor guide's own sysdig.json ends two strings with `”`) a same-length shadow text
 * with ASCII quotes is parsed instead, so every later value keeps its exact range.
 * Marathon's Jackson parser allows neither comments nor trailing commas: both are syntax errors here.
 */
export function parseJson(text: string, kind: DocKind = 'marathon-app'): ParsedDocument {
  try {
    if (flowDepthExceeds(text, MAX_NESTING, false)) throw new RangeError('too deep');
    return parseJsonUnguarded(text, kind);
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    // jsonc-parser recurses per nesting level; thousands of `[` exhaust the stack.
    const at = Math.max(0, text.search(/[[{]/));
    return {
      kind,
      text,
      lines: new LineIndex(text),
      root: null,
      syntaxErrors: [{ start: at, end: Math.min(text.length, at + 1), message: `The file is nested more than ${MAX_NESTING} levels deep and is not read further` }],
      comments: [],
      repairs: [],
      extraDocuments: [],
    };
  }
}

function parseJsonUnguarded(text: string, kind: DocKind): ParsedDocument {
  const lines = new LineIndex(text);
  // Jackson skips a UTF-8 byte order mark in a request body, so it is read as whitespace here.
  let shadow = text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text;
  let first = parse(shadow);
  let repairs: Repair[] = [];
  if (first.errors.length > 0 && TYPO_DOUBLE_QUOTES.test(shadow)) {
    const candidate: Repair[] = [];
    const repaired = shadow.replace(TYPO_DOUBLE_QUOTES, (m, offset: number) => {
      candidate.push({ offset, original: m, replacement: '"' });
      return '"';
    });
    const second = parse(repaired);
    if (second.errors.length < first.errors.length) {
      shadow = repaired;
      first = second;
      repairs = candidate;
    }
  }
  TYPO_DOUBLE_QUOTES.lastIndex = 0;
  const syntaxErrors: SyntaxProblem[] = [];
  for (const e of first.errors) {
    const p = toProblem(e, text);
    const prev = syntaxErrors[syntaxErrors.length - 1];
    if (prev && prev.start === p.start && prev.end === p.end) continue;
    // After a bare word jsonc-parser also complains about the next token; one finding is enough.
    if (prev && prev.message.startsWith('Invalid symbol') && /^\s*$/.test(text.slice(prev.end, p.start))) continue;
    syntaxErrors.push(p);
  }
  const root = first.tree ? convert(first.tree) : null;
  return { kind, text, lines, root, syntaxErrors, comments: [], repairs, extraDocuments: [] };
}

function parse(text: string): { tree: JNode | undefined; errors: ParseError[] } {
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: true });
  return { tree, errors };
}

const MESSAGES: Record<string, string> = {
  InvalidSymbol: 'Invalid symbol: not a JSON value (strings need double quotes)',
  InvalidNumberFormat: 'Invalid number format',
  PropertyNameExpected: 'Property name expected (a double-quoted string)',
  ValueExpected: 'Value expected',
  ColonExpected: 'Colon expected',
  CommaExpected: 'Comma expected',
  CloseBraceExpected: 'Closing brace } expected',
  CloseBracketExpected: 'Closing bracket ] expected',
  EndOfFileExpected: 'End of file expected: only one JSON value is allowed',
  InvalidCommentToken: 'Comments are not allowed in JSON: Marathon rejects the body',
  UnexpectedEndOfComment: 'Unexpected end of comment',
  UnexpectedEndOfString: 'Unterminated string',
  UnexpectedEndOfNumber: 'Unexpected end of number',
  InvalidUnicode: 'Invalid unicode escape sequence',
  InvalidEscapeCharacter: 'Invalid escape character in string',
  InvalidCharacter: 'Invalid character in string (control characters must be escaped)',
};

function toProblem(e: ParseError, text: string): SyntaxProblem {
  const name = printParseErrorCode(e.error);
  let message = MESSAGES[name] ?? name;
  let start = e.offset;
  let end = e.offset + Math.max(e.length, 0);
  if (name === 'InvalidSymbol') {
    // Report the whole bare word (e.g. an unquoted placeholder), not just its first character.
    const m = /^[^\s,:{}[\]"]+/.exec(text.slice(start));
    if (m) end = start + m[0].length;
    message = `Invalid symbol ${JSON.stringify(text.slice(start, end))}: not a JSON value (strings need double quotes)`;
  }
  if (name === 'ValueExpected' || name === 'CommaExpected') {
    // jsonc-parser sometimes reports at a trailing comma; keep at least one character when possible.
    if (end === start && start < text.length) end = start + 1;
  }
  if (name === 'PropertyNameExpected' || name === 'ValueExpected') {
    // `,` followed only by whitespace and a closer: point at the comma itself.
    const before = /,\s*$/.exec(text.slice(Math.max(0, start - 200), start));
    if (before && /^[}\]]/.test(text.slice(start, start + 1))) {
      const comma = start - before[0].length;
      return { start: comma, end: comma + 1, message: 'Trailing comma: Marathon (Jackson) rejects it' };
    }
  }
  return { start, end: Math.min(end, text.length), message };
}

/** Deeper values are not converted: rules never need them, and recursion stays far from the stack limit. */
const MAX_DEPTH = 500;

function convert(n: JNode, depth = 0): MNode {
  const range = { start: n.offset, end: n.offset + n.length };
  if (depth >= MAX_DEPTH) return { type: 'scalar', range, value: null, text: '', style: 'json' };
  switch (n.type) {
    case 'object': {
      const props = [];
      for (const p of n.children ?? []) {
        const [k, v] = p.children ?? [];
        if (!k) continue;
        const value = v ? convert(v, depth + 1) : null;
        const keyRange = { start: k.offset, end: k.offset + k.length };
        props.push({ key: String(k.value ?? ''), keyRange, value, range: { start: p.offset, end: value ? value.range.end : keyRange.end } });
      }
      return { type: 'object', range, props, flow: true };
    }
    case 'array':
      return { type: 'array', range, items: (n.children ?? []).map((c) => convert(c, depth + 1)), flow: true };
    case 'string':
      return { type: 'scalar', range, value: n.value as string, text: n.value as string, style: 'double' };
    case 'number':
    case 'boolean':
    case 'null':
      return { type: 'scalar', range, value: n.value as number | boolean | null, text: String(n.value), style: 'json' };
    default:
      return { type: 'scalar', range, value: null, text: '', style: 'json' };
  }
}
