import type { Rule } from '../rule';
import { validateDocument } from '../../schema';

export const schema: Rule = {
  id: 'schema',
  kinds: ['dragent', 'marathon-app'],
  severity: { dragent: 'warning', 'marathon-app': 'error' },
  title: 'Value of the wrong type or out of range',
  docs:
    'Checks every value against the schema of the file: in dragent.yaml the type the agent converts the key to (boolean, integer, port number, list, mapping …), in the Marathon app JSON the field types and limits Marathon enforces. ' +
    'dragent.yaml is read the way the agent\'s parser (yaml-cpp) reads it: `yes`/`no`, `on`/`off`, `y`/`n` in any case are booleans and quoted numbers such as `"10000"` are numbers, so these are never reported. ' +
    'In dragent.yaml a wrong value is a warning: the agent does not stop, it logs "Config file error at key …" and silently uses the built-in default instead, which the message names. ' +
    'In the Marathon app it is an error, because Marathon refuses the whole app definition (HTTP 400/422). ' +
    'Each problem is reported once, on the value (or on the key when a required field is missing); unknown keys are left to `unknown-key`, and when a more specific rule reports at the same place its message wins. ' +
    'There is no quick fix: the right value depends on what was meant.',
  check({ doc, report }) {
    for (const p of validateDocument(doc)) report({ start: p.start, end: p.end, message: p.message });
  },
};
