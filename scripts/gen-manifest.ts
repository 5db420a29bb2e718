// Writes the generated parts of package.json (see scripts/manifest.ts): `npm run docs`.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULE_INFOS } from '../server/src/service/rules/registry';
import { applyManifest } from './manifest';

const file = join(__dirname, '..', 'package.json');
const pkg = JSON.parse(readFileSync(file, 'utf8'));
writeFileSync(file, `${JSON.stringify(applyManifest(pkg, RULE_INFOS), null, 2)}\n`);
process.stdout.write(`wrote ${file}\n`);
