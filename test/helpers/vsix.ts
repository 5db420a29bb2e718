// Builds the .vsix the way `npm run package` does (vsce, offline, no node_modules), from the current dist/.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { projectRoot } from './paths';

/** The file names in every vsix (the allow-list in .vscodeignore, plus what vsce adds; walkthrough media apart). */
export const VSIX_FILES = [
  '[Content_Types].xml',
  'extension.vsixmanifest',
  'extension/package.json',
  'extension/readme.md',
  'extension/changelog.md',
  'extension/LICENSE.txt',
  'extension/images/icon.png',
  'extension/images/sysdig-mesos-view.svg',
  'extension/dist/client.js',
  'extension/dist/server.js',
  'extension/dist/server-main.js',
  'extension/dist/service.js',
  'extension/dist/cluster-lazy.js',
  'extension/languages/dragent-yaml.language-configuration.json',
  'extension/languages/dragent-yaml.tmLanguage.json',
  'extension/languages/dragent-yaml.svg',
  'extension/languages/marathon-app-json.language-configuration.json',
  'extension/languages/marathon-app-json.tmLanguage.json',
  'extension/languages/marathon-app-json.svg',
  'extension/schemas/sysdig-mesos-config.schema.json',
];

/** 1 MB, counted in decimal (the stricter reading) */
export const VSIX_BUDGET_BYTES = 1_000_000;

/** `vsce package --no-dependencies -o out` in the project root (needs `npm run build` first). */
export function packageVsix(out: string): string {
  const root = projectRoot();
  mkdirSync(dirname(out), { recursive: true });
  const vsce = join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
  return execFileSync(process.execPath, [vsce, 'package', '--no-dependencies', '--out', out], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
}
