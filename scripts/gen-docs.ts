// Renders docs/rules.md from the rule modules (id, severity, docs), so the docs never drift from the code.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderRulesMarkdown } from '../server/src/service/rules/docs';

const out = join(__dirname, '..', 'docs', 'rules.md');
writeFileSync(out, renderRulesMarkdown());
process.stdout.write(`wrote ${out}\n`);
