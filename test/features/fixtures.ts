import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DocKind } from '../../server/src/service/index';
import { corpusDir, projectRoot } from '../helpers/paths';

export interface FileCase {
  name: string;
  kind: DocKind;
  text: string;
}

/** The repo's examples and the shared corpus (read in place). */
export function allFiles(): FileCase[] {
  const out: FileCase[] = [];
  for (const dir of ['guide', 'fixed']) {
    for (const name of readdirSync(join(projectRoot(), 'examples', dir))) {
      out.push({ name: `examples/${dir}/${name}`, kind: name.endsWith('.json') ? 'marathon-app' : 'dragent', text: readFileSync(join(projectRoot(), 'examples', dir, name), 'utf8') });
    }
  }
  for (const dir of ['dragent', 'marathon-apps', 'marathon-sysdig']) {
    for (const name of readdirSync(join(corpusDir(), dir))) {
      if (!/\.(ya?ml|json)$/.test(name)) continue;
      out.push({ name: `corpus/${dir}/${name}`, kind: dir === 'dragent' ? 'dragent' : 'marathon-app', text: readFileSync(join(corpusDir(), dir, name), 'utf8') });
    }
  }
  return out;
}

/** `text` with the cursor marked by `|`: the text without it and the offset */
export function cursor(marked: string): { text: string; offset: number } {
  const offset = marked.indexOf('|');
  if (offset < 0) throw new Error('no | in test text');
  return { text: marked.slice(0, offset) + marked.slice(offset + 1), offset };
}
