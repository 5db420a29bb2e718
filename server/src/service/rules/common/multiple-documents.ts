import type { Rule } from '../rule';

export const multipleDocuments: Rule = {
  id: 'multiple-documents',
  kinds: ['dragent'],
  severity: 'warning',
  title: 'More than one YAML document in dragent.yaml',
  docs:
    'The agent loads the first YAML document of dragent.yaml and never looks past a `---` separator that starts a second one, so every setting after it is silently ignored. Move those settings into the first document.',
  check({ doc, report }) {
    for (const d of doc.extraDocuments) {
      report({ start: d.start, end: Math.min(d.end, doc.lines.lineEnd(doc.lines.positionAt(d.start).line)), message: 'A second YAML document starts here: the agent reads only the first document, so nothing below is used.' });
    }
  },
};
