import type { Fix } from '../../types';
import type { Rule } from '../rule';
import { numericValues } from './numeric-fields';
import { asScalar, marathonPath, rootObject } from './util';

const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

export const marathonNumberAsString: Rule = {
  id: 'marathon-number-as-string',
  kinds: ['marathon-app'],
  severity: 'error',
  title: 'Number written as a JSON string',
  fixable: true,
  docs:
    'Marathon reads numeric fields strictly: `"instances": "3"` or `"cpus": "0.5"` is a string, not a number, and the app is refused before any other check with `{"message":"Invalid JSON","details":[{"path":"/instances","errors":["error.expected.jsnumber"]}]}` — status 400 up to Marathon 1.4, 422 from 1.5 (issue #1632; the 0.15 documentation\'s own PUT example made this mistake). The quick fix removes the quotes when the string holds a plain JSON number; anything else (a placeholder, a unit such as `"512MB"`) has to be replaced by hand.',
  check({ doc, report }) {
    const root = rootObject(doc);
    if (!root) return;
    for (const { node, path } of numericValues(root)) {
      const s = asScalar(node);
      if (!s || typeof s.value !== 'string') continue;
      const at = marathonPath(path);
      const name = String(path[path.length - 1]);
      const t = s.value.trim();
      const fixes: Fix[] | undefined = JSON_NUMBER.test(t)
        ? [{ title: `Write ${t} as a number (remove the quotes)`, edits: [{ start: node.range.start, end: node.range.end, newText: t }], preferred: true }]
        : undefined;
      report({
        start: node.range.start,
        end: node.range.end,
        message: `"${name}" is the string ${JSON.stringify(s.value)}, not a number: Marathon refuses the app (400, 422 from 1.5: "error.expected.jsnumber" at ${at}).`,
        fixes,
      });
    }
  },
};
