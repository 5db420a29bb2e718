import { lstatSync, opendirSync, realpathSync, statSync, type Dirent, type Stats } from 'node:fs';
import { join } from 'node:path';
import { isInside } from './read-file-safely';
import type { Pacer } from './pacer';

/**
 * The candidate files of a workspace folder, for the language server's workspace diagnostics. A folder is
 * someone else's content, walked while the user types: the walk yields to the event loop between slices
 * (Pacer), stops at caps on entries, files and depth, and never leaves the folder. The same names are left
 * out as by the CLI's `lint DIR` (walk-dir.ts): node_modules and every name starting with `.` (.git, .venv…).
 * Directories are read entry by entry (opendir), so a folder with a million entries costs only up to the cap.
 */

export interface WalkedFile {
  path: string;
  /** dev, inode, size, mtime and ctime: a file whose key is unchanged need not be read again */
  statKey: string;
}

export interface WalkLimits {
  /** directory entries looked at, in all */
  maxEntries: number;
  /** candidate files kept */
  maxFiles: number;
  /** folders below the root */
  maxDepth: number;
}

export const WALK_LIMITS: WalkLimits = { maxEntries: 200_000, maxFiles: 2_000, maxDepth: 32 };

export interface WalkResult {
  files: WalkedFile[];
  /** why the walk stopped early (a cap), for the log; undefined when it saw everything */
  truncated?: string;
  entries: number;
}

export interface WalkOptions {
  /** files worth keeping (by path): the others cost no stat */
  want: (path: string) => boolean;
  /** folders not to enter (nested workspace folders, walked on their own) */
  skipDir?: (path: string) => boolean;
  limits?: WalkLimits;
  pacer: Pacer;
}

export function statKey(st: Stats): string {
  return `${st.dev}:${st.ino}:${st.size}:${st.mtimeMs}:${st.ctimeMs}`;
}

export async function walkFolder(root: string, options: WalkOptions): Promise<WalkResult> {
  const limits = options.limits ?? WALK_LIMITS;
  const { pacer, want, skipDir } = options;
  let rootReal: string;
  try {
    rootReal = realpathSync(root);
  } catch {
    return { files: [], entries: 0 };
  }
  const files: WalkedFile[] = [];
  /** directories and files by device and inode: a link back up the tree, or to a file already kept, is seen once */
  const seen = new Set<string>();
  let entries = 0;
  let truncated: string | undefined;
  let tooDeep: string | undefined;
  const stack: { dir: string; depth: number }[] = [{ dir: root, depth: 0 }];
  while (stack.length && !truncated) {
    const { dir, depth } = stack.pop()!;
    let st: Stats;
    try {
      st = statSync(dir);
    } catch {
      continue;
    }
    const id = `${st.dev}:${st.ino}`;
    if (seen.has(id)) continue;
    seen.add(id);
    let handle;
    try {
      handle = opendirSync(dir);
    } catch {
      continue;
    }
    try {
      for (;;) {
        await pacer.tick();
        let ent: Dirent | null;
        try {
          ent = handle.readSync();
        } catch {
          break;
        }
        if (!ent) break;
        if (++entries > limits.maxEntries) {
          truncated = `stopped after ${limits.maxEntries} entries`;
          break;
        }
        const name = ent.name;
        if (name === 'node_modules' || name.startsWith('.')) continue;
        const p = join(dir, name);
        let isDir = ent.isDirectory();
        let isFile = ent.isFile();
        if (ent.isSymbolicLink() || (!isDir && !isFile && !ent.isFIFO() && !ent.isSocket() && !ent.isCharacterDevice() && !ent.isBlockDevice())) {
          // a link (or a file system that does not say the type): followed only when it stays inside the folder
          try {
            if (lstatSync(p).isSymbolicLink() && !isInside(rootReal, realpathSync(p))) continue;
            const t = statSync(p);
            isDir = t.isDirectory();
            isFile = t.isFile();
          } catch {
            continue; // dangling, a loop, unreadable
          }
        }
        if (isDir) {
          // deeper folders are left out, the rest of the walk goes on
          if (depth + 1 > limits.maxDepth) tooDeep = `folders nested deeper than ${limits.maxDepth} were left out`;
          else if (!skipDir?.(p)) stack.push({ dir: p, depth: depth + 1 });
        } else if (isFile && want(p)) {
          let fst: Stats;
          try {
            fst = statSync(p);
          } catch {
            continue;
          }
          if (!fst.isFile()) continue;
          const fid = `${fst.dev}:${fst.ino}`;
          if (seen.has(fid)) continue;
          seen.add(fid);
          files.push({ path: p, statKey: statKey(fst) });
          if (files.length >= limits.maxFiles) {
            truncated = `stopped at ${limits.maxFiles} candidate files`;
            break;
          }
        }
      }
    } finally {
      try {
        handle.closeSync();
      } catch {
        // already closed
      }
    }
  }
  return { files, truncated: truncated ?? tooDeep, entries };
}
