import { lstatSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isInside } from './read-file-safely';

/**
 * The files under a directory the user named, for `lint DIR`. A tree is someone else's content: a
 * dangling link, a link loop or a link out of the tree must not crash the walk (and with it the exit code
 * and the SARIF a CI job uploads), so each is skipped and reported instead.
 */

export interface Skipped {
  path: string;
  reason: string;
}

/** `onSkip` hears of every entry left out for a reason worth telling (not the `.`-names and node_modules). */
export function walkDir(dir: string, onSkip: (s: Skipped) => void): string[] {
  let rootReal: string;
  try {
    rootReal = realpathSync(dir);
  } catch {
    rootReal = dir;
  }
  // Directories by device and inode: a link back up the tree (or two paths to one folder) is seen once.
  const seen = new Set<string>();
  const out: string[] = [];
  const visit = (d: string) => {
    let st;
    try {
      st = statSync(d);
    } catch (e) {
      onSkip({ path: d, reason: `not readable (${(e as NodeJS.ErrnoException).code ?? 'error'})` });
      return;
    }
    const id = `${st.dev}:${st.ino}`;
    if (seen.has(id)) {
      onSkip({ path: d, reason: 'a directory already searched (a symbolic link loop or a second link to it)' });
      return;
    }
    seen.add(id);
    let names: string[];
    try {
      names = readdirSync(d).sort();
    } catch (e) {
      onSkip({ path: d, reason: `not readable (${(e as NodeJS.ErrnoException).code ?? 'error'})` });
      return;
    }
    for (const name of names) {
      if (name === 'node_modules' || name.startsWith('.')) continue;
      const p = join(d, name);
      let target;
      try {
        const l = lstatSync(p);
        if (l.isSymbolicLink()) {
          let real: string;
          try {
            real = realpathSync(p);
          } catch (e) {
            const code = (e as NodeJS.ErrnoException).code;
            onSkip({ path: p, reason: code === 'ELOOP' ? 'a symbolic link loop' : code === 'ENOENT' ? 'a dangling symbolic link' : `a symbolic link that cannot be followed (${code ?? 'error'})` });
            continue;
          }
          // The user named this tree; a link out of it could be anything (another user's files, /dev).
          if (!isInside(rootReal, real)) {
            onSkip({ path: p, reason: `a symbolic link out of ${dir}` });
            continue;
          }
        }
        target = statSync(p);
      } catch (e) {
        onSkip({ path: p, reason: `not readable (${(e as NodeJS.ErrnoException).code ?? 'error'})` });
        continue;
      }
      if (target.isDirectory()) visit(p);
      else if (target.isFile()) out.push(p);
      // FIFOs, sockets and devices are not files anyone lints; only name ones that look like inputs.
      else if (/\.(ya?ml|json)$/i.test(name)) onSkip({ path: p, reason: 'not a regular file' });
    }
  };
  visit(dir);
  return out;
}
