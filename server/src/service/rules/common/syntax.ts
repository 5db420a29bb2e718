import type { Rule } from '../rule';

export const syntax: Rule = {
  id: 'syntax',
  kinds: ['dragent', 'marathon-app'],
  severity: 'error',
  title: 'YAML or JSON syntax error',
  docs:
    'The file does not parse. The agent refuses to start on a dragent.yaml it cannot parse ("Unable to load configuration file"), and Marathon answers `400 Invalid JSON` to a body that is not strict JSON (no comments, no trailing commas, no typographic quotes). The other rules still run on whatever could be read, so one typo does not hide every other finding.',
  check({ doc, report }) {
    // A Jinja/Ansible or Mustache template is not YAML/JSON until rendered; say so once instead of puzzling.
    const template = looksLikeTemplate(doc.text);
    let first = true;
    for (const e of [...doc.syntaxErrors].sort((a, b) => a.start - b.start)) {
      let consequence = doc.kind === 'dragent' ? 'the agent will not start with this file' : 'Marathon rejects the app as invalid JSON';
      if (template && first) consequence += '; this looks like a template ({{ }} / {% %}): lint the rendered file instead';
      first = false;
      report({ start: e.start, end: e.end, message: `${e.message} (${consequence}).` });
    }
  },
};

/**
 * Whether the text holds `{{ … }}` or `{% … %}` on one line: what `/\{\{[^}\n]*\}\}|\{%[^%\n]*%\}/` finds,
 * in one pass. That regex read from every `{{` to the next `}` — quadratic on a line of `{{{{…` (issue 10 §4).
 * Only the latest opener matters: every earlier one reaches the same first `}` (or `%`).
 */
export function looksLikeTemplate(text: string): boolean {
  let brace = false; // a `{{` since the last `}` or line end
  let pct = false; // a `{%` since the last `%` or line end
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) brace = pct = false;
    else if (c === 0x7b /* { */) {
      if (text.charCodeAt(i + 1) === 0x7b) brace = true;
    } else if (c === 0x7d /* } */) {
      if (brace && text.charCodeAt(i + 1) === 0x7d) return true;
      brace = false;
    } else if (c === 0x25 /* % */) {
      // a `%` closes an open `{%` when `}` follows, and opens one when `{` precedes
      if (pct && text.charCodeAt(i + 1) === 0x7d) return true;
      pct = text.charCodeAt(i - 1) === 0x7b;
    }
  }
  return false;
}
