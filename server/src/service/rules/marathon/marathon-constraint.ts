import { getProp, type MNode } from '../../documents/model';
import type { Fix } from '../../types';
import type { Rule } from '../rule';
import { asArray, asScalar, inlineJson, rootObject } from './util';

export const CONSTRAINT_OPERATORS = ['UNIQUE', 'CLUSTER', 'GROUP_BY', 'LIKE', 'UNLIKE', 'MAX_PER', 'IS'] as const;
const OPS = new Set<string>(CONSTRAINT_OPERATORS);
const SHAPE = 'Constraint definition must be an array of strings in format: <key>, <operator>[, value]';

function isIntText(s: string): boolean {
  return /^[+-]?\d+$/.test(s.trim()) && Math.abs(Number(s)) <= 2147483647;
}

function validRegex(s: string): boolean {
  try {
    new RegExp(s);
    return true;
  } catch {
    return false;
  }
}

export const marathonConstraint: Rule = {
  id: 'marathon-constraint',
  kinds: ['marathon-app'],
  severity: 'error',
  severities: [
    { severity: 'error', when: 'for a constraint Marathon refuses' },
    { severity: 'warning', when: 'for MAX_PER without a value (refused by newer versions only)' },
  ],
  title: 'Constraint with a wrong shape or operator',
  fixable: true,
  docs:
    'Each entry of `constraints` is an array of two or three strings: `[field, OPERATOR]` or `[field, OPERATOR, value]`, e.g. `["hostname", "UNIQUE"]`. The operator is upper case: `UNIQUE`, `CLUSTER`, `GROUP_BY`, `LIKE`, `UNLIKE`, `MAX_PER` (and `IS` from Marathon 1.7). Marathon refuses anything else: 0.15 answered `400 Invalid JSON` with "' +
    SHAPE +
    '" (issue #3161, lower-case `unique`), later versions 422; a string such as `"hostname:UNIQUE"` or a number as value is refused the same way. Marathon also checks the value per operator: `UNIQUE` takes none ("Value specified but not used"), `CLUSTER` needs one ("Missing value"), `GROUP_BY` and `MAX_PER` take an integer ("Value was specified but is not a number"), `LIKE`/`UNLIKE` need a valid regular expression. Quick fixes: upper-case a lower-case operator, split `"field:OPERATOR[:value]"` into an array, and quote a numeric value.',
  check({ doc, report }) {
    const root = rootObject(doc);
    const cp = root ? getProp(root, 'constraints') : undefined;
    if (!cp || !cp.value) return;
    const list = asArray(cp.value);
    if (!list) {
      const s = asScalar(cp.value);
      if (s && s.value === null) return;
      report({ start: cp.value.range.start, end: cp.value.range.end, message: `"constraints" must be an array of constraints such as [["hostname", "UNIQUE"]]: Marathon refuses anything else.` });
      return;
    }
    list.items.forEach((item, i) => checkOne(item, i));

    function checkOne(item: MNode, i: number): void {
      const at = `/constraints(${i})`;
      const arr = asArray(item);
      if (!arr) {
        const s = asScalar(item);
        let fixes: Fix[] | undefined;
        if (s && typeof s.value === 'string') {
          const parts = s.value.split(':');
          if (parts.length >= 2 && parts.length <= 3 && parts[0] !== '' && OPS.has(parts[1].toUpperCase())) {
            const fixed = [parts[0], parts[1].toUpperCase(), ...parts.slice(2)];
            fixes = [{ title: `Write it as ${inlineJson(fixed)}`, edits: [{ start: item.range.start, end: item.range.end, newText: inlineJson(fixed) }], preferred: true }];
          }
        }
        report({
          start: item.range.start,
          end: item.range.end,
          message: `A constraint must be an array such as ["hostname", "UNIQUE"], not ${s && typeof s.value === 'string' ? 'a string' : 'this value'}: Marathon refuses it at ${at} ("${SHAPE}").`,
          fixes,
        });
        return;
      }
      if (arr.items.length < 2 || arr.items.length > 3) {
        report({
          start: arr.range.start,
          end: arr.range.end,
          message: `A constraint has 2 or 3 strings ([field, OPERATOR] or [field, OPERATOR, value]); this one has ${arr.items.length}: Marathon refuses it at ${at} ("${SHAPE}").`,
        });
        return;
      }
      let shapeOk = true;
      arr.items.forEach((el, j) => {
        const s = asScalar(el);
        if (s && typeof s.value === 'string') return;
        shapeOk = false;
        const fixes: Fix[] | undefined =
          s && j === 2 && typeof s.value === 'number'
            ? [{ title: `Quote the value: "${s.text}"`, edits: [{ start: el.range.start, end: el.range.end, newText: JSON.stringify(doc.text.slice(el.range.start, el.range.end)) }], preferred: true }]
            : undefined;
        report({
          start: el.range.start,
          end: el.range.end,
          message: `Constraint ${['field', 'operator', 'value'][j]} must be a JSON string${j === 2 ? ' (write numbers as "1")' : ''}: Marathon refuses it at ${at} ("${SHAPE}").`,
          fixes,
        });
      });
      if (!shapeOk) return;
      const field = asScalar(arr.items[0])!;
      const opNode = asScalar(arr.items[1])!;
      const op = opNode.value as string;
      if ((field.value as string) === '') {
        report({ start: field.range.start, end: field.range.end, message: `The constraint has an empty field name: Marathon refuses it at ${at} ("Missing field and operator").` });
      }
      if (!OPS.has(op)) {
        const upper = op.trim().toUpperCase().replace(/[\s-]+/g, '_');
        const fixes: Fix[] | undefined = OPS.has(upper)
          ? [{ title: `Change the operator to "${upper}"`, edits: [{ start: opNode.range.start, end: opNode.range.end, newText: JSON.stringify(upper) }], preferred: true }]
          : undefined;
        report({
          start: opNode.range.start,
          end: opNode.range.end,
          message: `Unknown constraint operator ${JSON.stringify(op)}${OPS.has(upper) ? ' (operators are case-sensitive)' : ''}: use one of ${CONSTRAINT_OPERATORS.join(', ')}. Marathon refuses it at ${at} ("${SHAPE}").`,
          fixes,
        });
        return;
      }
      const valueNode = arr.items[2] ? asScalar(arr.items[2])! : undefined;
      const value = valueNode ? (valueNode.value as string) : undefined;
      const here = valueNode ?? opNode;
      const bad = (msg: string) => report({ start: here.range.start, end: here.range.end, message: `${msg} Marathon refuses the constraint at ${at}.` });
      switch (op) {
        case 'UNIQUE':
          if (value !== undefined && value !== '') bad('UNIQUE takes no value ("Value specified but not used").');
          break;
        case 'CLUSTER':
          if (value === undefined || value === '') bad('CLUSTER needs a value to match ("Missing value").');
          break;
        case 'GROUP_BY':
          if (value !== undefined && !isIntText(value)) bad(`GROUP_BY takes no value or an integer, not ${JSON.stringify(value)} ("Value was specified but is not a number").`);
          break;
        case 'MAX_PER':
          if (value !== undefined && !isIntText(value)) bad(`MAX_PER takes an integer, not ${JSON.stringify(value)} ("Value was specified but is not a number").`);
          else if (value === undefined)
            report({
              start: opNode.range.start,
              end: opNode.range.end,
              severity: 'warning',
              message: 'MAX_PER without a value: newer Marathon versions refuse it ("Value was not specified or is not a number"); give the maximum per field value, e.g. "1".',
            });
          break;
        case 'LIKE':
        case 'UNLIKE':
          if (value === undefined) bad(`${op} needs a regular expression as value ("A regular expression value must be provided").`);
          else if (!validRegex(value)) bad(`${JSON.stringify(value)} is not a valid regular expression.`);
          break;
      }
    }
  },
};
