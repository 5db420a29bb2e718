import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The project root (the folder with package.json), found from the bundled test's location. */
export function projectRoot(): string {
  let d = __dirname;
  while (!existsSync(join(d, 'package.json'))) {
    const up = dirname(d);
    if (up === d) throw new Error('project root not found');
    d = up;
  }
  return d;
}

/** ../shared/corpus beside the project root (read in place, never copied). */
export function corpusDir(): string {
  return join(projectRoot(), '..', 'shared', 'corpus');
}

export function sharedDocsDir(): string {
  return join(projectRoot(), '..', 'shared', 'docs');
}
