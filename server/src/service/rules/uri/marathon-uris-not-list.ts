import { getProps, resolve } from '../../documents/model';
import type { Rule } from '../rule';

export const marathonUrisNotList: Rule = {
  id: 'marathon-uris-not-list',
  kinds: ['dragent'],
  severity: 'warning',
  fixable: true,
  title: '`marathon_uris` given as a single string',
  docs:
    'The agent reads `marathon_uris` as a YAML sequence. Written as a plain string (`marathon_uris: http://10.0.0.1:8080`) it yields no item at all and is silently ignored — the agent then discovers Marathon from the Mesos state or not at all. The fix moves the value onto its own line as the single item of a block sequence (`- http://…`), keeping any comment on the line.',
  check({ doc, report }) {
    const prop = getProps(doc.root, 'marathon_uris')[0];
    const v = resolve(prop?.value);
    if (!prop || !v || v.type !== 'scalar' || v.value === null) return;
    const single = !doc.text.slice(v.range.start, v.range.end).includes('\n') && v.style !== 'block';
    const between = doc.text.slice(prop.keyRange.end, v.range.start);
    const colon = between.indexOf(':');
    const lineStart = doc.text.lastIndexOf('\n', prop.keyRange.start - 1) + 1;
    const indent = ' '.repeat(prop.keyRange.start - lineStart + 2);
    const eol = doc.text.includes('\r\n') ? '\r\n' : '\n';
    report({
      start: v.range.start,
      end: v.range.end,
      message: '`marathon_uris` must be a list: the agent silently ignores a plain string here. Write it as `marathon_uris:` followed by `  - <uri>`.',
      fixes:
        single && colon >= 0 && /^[ \t]*$/.test(between.slice(colon + 1)) && v.value !== ''
          ? [
              {
                title: 'Make it a one-item list',
                edits: [{ start: prop.keyRange.end + colon + 1, end: v.range.start, newText: `${eol}${indent}- ` }],
                preferred: true,
              },
            ]
          : undefined,
    });
  },
};
