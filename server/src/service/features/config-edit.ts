// Switching the agent profile in `.sysdig-mesos.json` (issue 11 §10): the smallest edit that sets `agentProfile`,
// keeping the file's formatting and comments — the value replaced where it is, else one member added after the
// `{` in the file's own indentation.
import { findNodeAtLocation, parseTree, type ParseError } from 'jsonc-parser';
import type { AgentProfile, TextEdit } from '../types';

export function agentProfileEdit(text: string, profile: AgentProfile): TextEdit[] | { error: string } {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (!root || root.type !== 'object' || errors.length) return { error: 'the workspace file is not a JSON object without syntax errors: fix it first' };
  const value = JSON.stringify(profile);
  const node = findNodeAtLocation(root, ['agentProfile']);
  if (node) return text.slice(node.offset, node.offset + node.length) === value ? [] : [{ start: node.offset, end: node.offset + node.length, newText: value }];
  const open = root.offset + 1;
  const first = root.children?.[0];
  if (!first) return [{ start: open, end: root.offset + root.length - 1, newText: ` "agentProfile": ${value} ` }];
  // as the first member, indented as the member that is first now (on its line, or inline)
  const lineStart = text.lastIndexOf('\n', first.offset - 1) + 1;
  const onOwnLine = lineStart > open;
  const indent = onOwnLine ? /^[ \t]*/.exec(text.slice(lineStart))![0] : ' ';
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  return [{ start: open, end: open, newText: onOwnLine ? `${eol}${indent}"agentProfile": ${value},` : `${indent}"agentProfile": ${value},` }];
}
