import { walk } from '../../documents/model';
import type { Rule } from '../rule';

export const duplicateKey: Rule = {
  id: 'duplicate-key',
  kinds: ['dragent', 'marathon-app'],
  severity: 'warning',
  title: 'The same key twice in one mapping',
  docs:
    'A key given twice in the same mapping is not merged. In dragent.yaml the agent\'s YAML reader (yaml-cpp) keeps both and every lookup finds the first, so a later line — typically one appended through `ADDITIONAL_CONF` or pasted at the end of the file — silently has no effect. In sysdig.json Marathon\'s JSON reader keeps only one of the two values. Remove or merge the duplicate.',
  check({ doc, report }) {
    walk(doc.root, (node) => {
      if (node.type !== 'object') return;
      const first = new Map<string, number>();
      for (const p of node.props) {
        // `''` stands for a key that is not a plain scalar (a broken template's `{%`, a complex key): not comparable
        if (p.key === '' && p.keyRange.end === p.keyRange.start) continue;
        if (p.key === '' && !/^['"]{2}$/.test(doc.text.slice(p.keyRange.start, p.keyRange.end))) continue;
        const at = first.get(p.key);
        if (at === undefined) {
          first.set(p.key, p.keyRange.start);
          continue;
        }
        const line = doc.lines.positionAt(at).line + 1;
        report({
          start: p.keyRange.start,
          end: p.keyRange.end,
          message:
            doc.kind === 'dragent'
              ? `\`${p.key}\` is already set on line ${line}: the agent reads that first value and ignores this one.`
              : `\`${p.key}\` is already given on line ${line}: Marathon keeps only one of the two values; remove one.`,
        });
      }
    });
  },
};
