import type { Rule } from '../rule';
import { walk } from '../../documents/model';
import { subRange } from '../../documents/scalar-offsets';
import { VARIABLE, variableHasValue, variableWords } from '../../deploy-fills';

export const deployVariable: Rule = {
  id: 'deploy-variable',
  kinds: ['marathon-app'],
  severity: 'error',
  severities: [
    { severity: 'info', when: 'when deploy has a value for the variable' },
    { severity: 'error', when: 'when it has none (deploy refuses the file)' },
  ],
  title: '`${VAR}` filled in by deploy',
  docs:
    'Deploy fills `${NAME}` in the app\'s string values at send time and never writes the file: from the `sysdig-mesos.deploy.variables` setting in the editor, from the environment for the CLI (`sysdig-mesos deploy`). `${ACCESS_KEY}` and `${COLLECTOR}` also take the access key stored with "Set Sysdig access key" and the `sysdig-mesos.deploy.collector` setting (`SYSDIG_ACCESS_KEY`, `SYSDIG_COLLECTOR` for the CLI). Each one is shown where it stands: information when deploy has its value, an error when it has none — deploy then refuses the file, and neither Marathon nor Docker expands `${…}`: another tool would send the text as it is and the agent would get it literally. Checked in the editor only (the CLI\'s `lint` judges the file alone; its `deploy` says the same when it refuses).',
  check({ doc, settings, report }) {
    const fills = settings.deployFills;
    if (!fills) return;
    let more = true;
    walk(doc.root, (n) => {
      if (!more || n.type !== 'scalar' || typeof n.value !== 'string' || !n.text.includes('${')) return;
      for (const m of n.text.matchAll(VARIABLE)) {
        const name = m[1];
        const at = subRange(doc.text, n, m.index ?? 0, (m.index ?? 0) + m[0].length);
        const words = variableWords(fills, name);
        more = variableHasValue(fills, name)
          ? report({ ...at, severity: 'info', message: `\`\${${name}}\` is filled from ${words.from} at deploy (the file keeps \`\${${name}}\`).` })
          : report({ ...at, message: `\`\${${name}}\` has no value: deploy refuses the file until you ${words.howTo}. Marathon does not expand \`\${…}\`.` });
        if (!more) return;
      }
    });
  },
};
