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
    const template = /\{\{[^}\n]*\}\}|\{%[^%\n]*%\}/.test(doc.text);
    let first = true;
    for (const e of [...doc.syntaxErrors].sort((a, b) => a.start - b.start)) {
      let consequence = doc.kind === 'dragent' ? 'the agent will not start with this file' : 'Marathon rejects the app as invalid JSON';
      if (template && first) consequence += '; this looks like a template ({{ }} / {% %}): lint the rendered file instead';
      first = false;
      report({ start: e.start, end: e.end, message: `${e.message} (${consequence}).` });
    }
  },
};
