// Renders docs/rules.md from the rule modules (id, severity, docs) and docs/checks.md from the cluster check
// ids, so the docs never drift from the code.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderRulesMarkdown } from '../server/src/service/rules/docs';
import { renderChecksMarkdown } from '../server/src/cluster/check-ids';

const out = join(__dirname, '..', 'docs', 'rules.md');
writeFileSync(out, renderRulesMarkdown());
process.stdout.write(`wrote ${out}\n`);
const checks = join(__dirname, '..', 'docs', 'checks.md');
writeFileSync(checks, renderChecksMarkdown());
process.stdout.write(`wrote ${checks}\n`);
