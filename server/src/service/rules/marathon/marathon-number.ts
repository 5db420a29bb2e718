import type { Rule } from '../rule';
import { numericValues } from './numeric-fields';
import { asScalar, marathonPath, rootObject } from './util';

/** How Marathon (Java/Scala) prints a number in its messages: doubles always with a decimal part. */
function javaNumber(n: number, integer: boolean): string {
  if (integer) return String(n);
  return Number.isInteger(n) ? n.toFixed(1) : String(n);
}

export const marathonNumber: Rule = {
  id: 'marathon-number',
  kinds: ['marathon-app'],
  severity: 'error',
  severities: [
    { severity: 'error', when: 'for a number Marathon refuses' },
    { severity: 'warning', when: 'for a backoffFactor below 1 (accepted, shrinks the delay)' },
  ],
  title: 'Number outside the range Marathon accepts',
  docs:
    'Marathon checks numbers after reading them and refuses the app with `422 Object is not valid` when one is out of range, naming the path and the limit, e.g. `/instances` "got -3, expected 0 or more" or `/mem` "got -3.0, expected 0.0 or more". Checked: `instances`, `gpus` and the `*Seconds` fields are whole numbers of 0 or more (a fraction is refused as `error.expected.int`); `cpus`, `mem`, `disk` are 0 or more; `upgradeStrategy.minimumHealthCapacity` and `maximumOverCapacity` lie between 0 and 1; health check `portIndex` is 0 or more ("Health check port indices must address an element of the ports array or container port mappings."); ports lie between 0 and 65535. `backoffFactor` below 1 is a warning: Marathon\'s published schema requires 1 or more, and a factor below 1 would shorten the relaunch delay after each failure instead of growing it. No quick fix: the right value is the author\'s choice.',
  check({ doc, report }) {
    const root = rootObject(doc);
    if (!root) return;
    for (const { field, node, path } of numericValues(root)) {
      const s = asScalar(node);
      if (!s || typeof s.value !== 'number') continue;
      const n = s.value;
      const at = marathonPath(path);
      const name = String(path[path.length - 1]);
      const r = { start: node.range.start, end: node.range.end };
      if (field.integer && !Number.isInteger(n)) {
        report({ ...r, message: `"${name}" must be a whole number, got ${s.text}: Marathon refuses the app (error.expected.int at ${at}).` });
        continue;
      }
      if (field.min !== undefined && n < field.min) {
        if (name === 'portIndex') {
          report({ ...r, message: `Health check portIndex ${s.text} is negative: Marathon refuses the app (422 at ${at}: "Health check port indices must address an element of the ports array or container port mappings.").` });
        } else {
          report({ ...r, message: `"${name}" is ${s.text}: Marathon refuses the app (422 at ${at}: "got ${javaNumber(n, field.integer)}, expected ${javaNumber(field.min, field.integer)} or more").` });
        }
        continue;
      }
      if (field.max !== undefined && n > field.max) {
        report({ ...r, message: `"${name}" is ${s.text}: Marathon refuses the app (422 at ${at}: "got ${javaNumber(n, field.integer)}, expected ${javaNumber(field.max, field.integer)} or less").` });
        continue;
      }
      if (name === 'backoffFactor' && path.length === 1 && n < 1) {
        report({
          ...r,
          severity: 'warning',
          message: `"backoffFactor" is ${s.text}: Marathon's schema requires 1 or more, and a factor below 1 shrinks the relaunch delay after every failure instead of backing off.`,
        });
      }
    }
  },
};
