import { statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { CONFIG_FILE_NAME } from './constants';
import { uriPath } from './kind';
import { FileReadError, jsonErrorWithoutContent, readFileSafely } from '../files/read-file-safely';

/** The parsed and checked workspace file, as the service takes it (loaded lazily with the service). */
export interface LoadedConfig {
  /** the parsed JSON, for the service's `readConfig` (undefined: it could not be read) */
  raw?: unknown;
  mtimeMs: number;
  size: number;
}

/**
 * Reads `.sysdig-mesos.json` from the workspace folder that holds a document. The file is stat'ed on each
 * look-up (a few microseconds) and read again only when its mtime or size changed, so edits are picked up
 * even by clients that do not send workspace/didChangeWatchedFiles. It is read as the CLI reads it: a
 * regular file of at most 1 MiB inside the folder (a link to /dev/zero or out of the folder is refused),
 * and a problem logged names the reason, never the file's content.
 */
export class WorkspaceConfigs {
  private folders: string[] = [];
  private readonly cache = new Map<string, LoadedConfig | null>();

  constructor(private readonly onProblem: (file: string, problem: string) => void) {}

  setFolders(folderUris: readonly string[]): void {
    this.folders = folderUris.map((u) => uriPath(u).replace(/(?<![\\/])[\\/]+$/, '')).filter(Boolean);
    // deepest first, so nested workspace folders win
    this.folders.sort((a, b) => b.length - a.length);
    this.cache.clear();
  }

  invalidate(): void {
    this.cache.clear();
  }

  /** the folder holding the document, the file's raw parsed value, and the document's path relative to the folder */
  forDocument(uri: string): { raw?: unknown; filePath: string; stamp: string } {
    const path = uriPath(uri);
    const folder = this.folders.find((f) => path === f || path.startsWith(f + '/') || path.startsWith(f + sep));
    if (!folder) return { filePath: path.split(/[\\/]/).pop() ?? path, stamp: '' };
    const filePath = relative(folder, path).split(sep).join('/');
    const file = join(folder, CONFIG_FILE_NAME);
    let st: { mtimeMs: number; size: number } | undefined;
    try {
      st = statSync(file);
    } catch {
      st = undefined;
    }
    if (!st) {
      this.cache.set(file, null);
      return { filePath, stamp: '' };
    }
    let loaded = this.cache.get(file);
    if (!loaded || loaded.mtimeMs !== st.mtimeMs || loaded.size !== st.size) {
      loaded = { mtimeMs: st.mtimeMs, size: st.size };
      let text: string | undefined;
      try {
        text = readFileSafely(file, { root: folder });
      } catch (e) {
        if (!(e instanceof FileReadError)) throw e;
        this.onProblem(file, `${e.detail}; ignored`);
      }
      if (text !== undefined) {
        try {
          loaded.raw = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
        } catch (e) {
          this.onProblem(file, `${jsonErrorWithoutContent(e, text)}; ignored`);
        }
      }
      this.cache.set(file, loaded);
    }
    return { raw: loaded.raw, filePath, stamp: `${file}:${loaded.mtimeMs}:${loaded.size}` };
  }
}
