/**
 * Text output that outside data cannot forge. A Mesos or Marathon answer (version, host names, leader,
 * error text), a key or value of a YAML file, a file name: any of them may carry a newline, a carriage
 * return or an escape sequence, and printed raw it could start a line of its own (`PASS  mesos.auth`),
 * overwrite one (`\r`), recolour or hide text (ESC, CSI), or hand a CI runner a workflow command
 * (GitHub's `::error ::…` at the start of a line). Here every control character becomes a visible
 * escape, and a line never starts with `::`.
 *
 * Strict on purpose: TAB too (it can only fake alignment, but outside data has no business aligning
 * our columns), DEL, all of C1 (U+0080–U+009F: U+009B is a one-byte CSI for some terminals, U+0085 a
 * newline), U+2028/U+2029 (line and paragraph separators that editors and some log viewers break on)
 * and the bidirectional overrides and isolates (they reorder what a line shows). Backslashes are kept:
 * an escape shown twice is still harmless, and Windows paths stay readable.
 *
 * JSON and SARIF output do not go through here: JSON escapes what it must, and a line of pretty-printed
 * JSON starts with indentation and a quote or bracket, never with outside data.
 */

const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escape(c: string): string {
  const code = c.charCodeAt(0);
  return NAMED[c] ?? (code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`);
}

/** A string from outside, made safe to put inside one line of text output. */
export function safeText(s: string): string {
  return s.replace(UNSAFE, escape);
}

/**
 * One whole line of text output (ours, with outside data in it): control characters escaped, and a
 * line that would start with `::` — after leading blanks too, as runners trim them — starts with `\x3a:`
 * instead, so no CI runner reads it as a workflow command.
 */
export function safeLine(line: string): string {
  const s = safeText(line);
  return /^\s*::/.test(s) ? s.replace(':', '\\x3a') : s;
}

/** Several lines, split where the text itself (ours) put its newlines, each made safe with `safeLine`. */
export function safeLines(text: string): string {
  return text.split('\n').map(safeLine).join('\n');
}

const UNSAFE_IN_LOG = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * A log's text (`sysdig-mesos logs`: a task's stdout or stderr) as it may be printed: its own newlines and tabs kept —
 * they are the log's — every other control character escaped as safeText does (an escape sequence in a task's output
 * must not recolour, hide or rewrite the terminal), and a line starting with `::` defused as safeLine does.
 */
export function safeLogText(s: string): string {
  return s.replace(UNSAFE_IN_LOG, escape).replace(/(^|\n)([ \t]*):/g, (m, nl: string, sp: string, off: number, all: string) => (all[off + m.length] === ':' ? `${nl}${sp}\\x3a` : m));
}
