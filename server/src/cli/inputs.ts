import { lstatSync, statSync } from 'node:fs';
import { dirname, resolve as resolvePath } from 'node:path';
import { createLanguageService, detectKind, type DocKind, type SysdigMesosConfig } from '../service/index';
import { FileReadError, jsonErrorWithoutContent, readFileSafely } from '../files/read-file-safely';
import { walkDir, type Skipped } from '../files/walk-dir';

/**
 * What the CLI reads from disk — the files named on the command line, the files of a directory named,
 * and `.sysdig-mesos.json` — all through readFileSafely: regular files of at most 1 MiB, and errors that
 * name the path and the reason but never quote the file.
 */

/** A file that cannot be used: one line, exit 2. */
export class InputError extends Error {}

/** A file the command reads; its byte order mark dropped (editors drop it from what they show, so columns match). */
export function readInput(file: string, root?: string): { file: string; text: string } {
  let text: string;
  try {
    text = readFileSafely(file, { root });
  } catch (e) {
    if (e instanceof FileReadError) throw new InputError(e.message);
    throw e;
  }
  return { file, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
}

function present(path: string): boolean {
  try {
    // lstat, not exists: a dangling link named .sysdig-mesos.json is an error to report, not "no config".
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * The workspace config the editor also reads: an explicit path, else ./.sysdig-mesos.json when present.
 * The implicit one must stay inside the current directory (a link out of it is refused): it is found,
 * not chosen. An explicit --profile wins over the file's agentProfile.
 */
export function loadWorkspaceConfig(explicit: string | undefined, profileGiven: boolean): { config?: SysdigMesosConfig; configDir: string } | { error: string } {
  const configPath = explicit ?? (present('.sysdig-mesos.json') ? '.sysdig-mesos.json' : undefined);
  if (!configPath) return { configDir: process.cwd() };
  let text: string;
  try {
    text = readFileSafely(configPath, { root: explicit === undefined ? process.cwd() : undefined });
  } catch (e) {
    if (e instanceof FileReadError) return { error: e.message };
    throw e;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    return { error: `cannot read ${configPath}: ${jsonErrorWithoutContent(e, text)}` };
  }
  const read = createLanguageService().readConfig(raw);
  if (read.problems.length) return { error: `${configPath}: ${read.problems[0]}${read.problems.length > 1 ? ` (and ${read.problems.length - 1} more)` : ''}` };
  return { config: profileGiven ? { ...read.config, agentProfile: undefined } : read.config, configDir: dirname(resolvePath(configPath)) };
}

export interface Expanded {
  file: string;
  fileKind?: DocKind;
  /** the directory named on the command line this file was found in (files in it must stay inside it) */
  root?: string;
}

/** The files to lint: each FILE as given, each DIR searched; `onSkip` hears of links and entries left out. */
export function expand(paths: string[], kind: DocKind | undefined, onSkip: (s: Skipped) => void): Expanded[] {
  const out: Expanded[] = [];
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch (e) {
      throw new InputError(`cannot read ${p}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    if (st.isDirectory()) {
      for (const f of walkDir(p, onSkip)) {
        if (kind) {
          out.push({ file: f, fileKind: kind, root: p });
          continue;
        }
        let text: string | undefined;
        if (/\.json$/i.test(f)) {
          // Any .json is sniffed for a Marathon app; one that cannot be read is left out, as it could not be one.
          try {
            text = readFileSafely(f, { root: p });
          } catch (e) {
            if (!(e instanceof FileReadError)) throw e;
            onSkip({ path: f, reason: e.detail });
            continue;
          }
        }
        const k = detectKind(f, text);
        if (k) out.push({ file: f, fileKind: k, root: p });
      }
    } else {
      out.push({ file: p, fileKind: kind });
    }
  }
  return out;
}
