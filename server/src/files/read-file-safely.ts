import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, realpathSync } from 'node:fs';
import { relative, isAbsolute } from 'node:path';

/**
 * Reads a file the CLI or the language server found or was pointed at, without trusting it: a workspace
 * is someone else's content, and `.sysdig-mesos.json` symlinked to /dev/zero or to ~/.ssh/id_rsa must
 * neither exhaust memory nor leak into a message. Used for every file the CLI reads and for the
 * language server's workspace config.
 */

/** Config and app files are a few kB; 1 MiB leaves room for generated ones and stops runaway reads. */
export const MAX_FILE_BYTES = 1024 * 1024;

export type FileReadReason = 'missing' | 'not-regular' | 'too-large' | 'outside' | 'unreadable';

/** Names the path and the reason; never carries a byte of the file. */
export class FileReadError extends Error {
  override readonly name = 'FileReadError';
  constructor(
    readonly path: string,
    readonly reason: FileReadReason,
    /** the reason as words, without the path */
    readonly detail: string,
  ) {
    super(`cannot read ${path}: ${detail}`);
  }
}

export interface ReadOptions {
  /**
   * The folder the file must stay inside, symlinks resolved (the workspace folder, or the directory the
   * user named): a link that leads out of it is refused. Without it, a file the user named explicitly
   * may be a link to anywhere.
   */
  root?: string;
  maxBytes?: number;
}

function errnoDetail(e: unknown): { reason: FileReadReason; detail: string } {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return { reason: 'missing', detail: 'ENOENT (no such file, or a symbolic link to nothing)' };
  if (code === 'ELOOP') return { reason: 'unreadable', detail: 'ELOOP (a loop of symbolic links)' };
  // Only the code: an errno message is Node's own text, but keep the one-line promise simple.
  return { reason: 'unreadable', detail: code ?? 'read failed' };
}

/** True when `inner` is `outer` or below it (both real paths). */
export function isInside(outer: string, inner: string): boolean {
  const rel = relative(outer, inner);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** The file's text (UTF-8), or a FileReadError. */
export function readFileSafely(path: string, opts: ReadOptions = {}): string {
  const max = opts.maxBytes ?? MAX_FILE_BYTES;
  let real: string;
  try {
    lstatSync(path);
    real = realpathSync(path);
  } catch (e) {
    const { reason, detail } = errnoDetail(e);
    throw new FileReadError(path, reason, detail);
  }
  if (opts.root !== undefined) {
    let rootReal: string;
    try {
      rootReal = realpathSync(opts.root);
    } catch (e) {
      throw new FileReadError(path, 'unreadable', `its folder ${opts.root} is not readable (${errnoDetail(e).detail})`);
    }
    if (!isInside(rootReal, real)) throw new FileReadError(path, 'outside', `it leads outside ${opts.root} (a symbolic link)`);
  }
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer before fstat can refuse it.
    fd = openSync(real, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    const { reason, detail } = errnoDetail(e);
    throw new FileReadError(path, reason, detail);
  }
  try {
    // fstat on the open descriptor: what is read is what was checked, even if the path changed meanwhile.
    const st = fstatSync(fd);
    if (!st.isFile()) throw new FileReadError(path, 'not-regular', `not a regular file (${kindOf(st)})`);
    if (st.size > max) throw new FileReadError(path, 'too-large', `${st.size} bytes, over the ${max}-byte limit`);
    // The size can lie (/proc files say 0, a file can grow): the limit is enforced on what arrives.
    const chunks: Buffer[] = [];
    let total = 0;
    const buf = Buffer.alloc(64 * 1024);
    for (;;) {
      let n: number;
      try {
        n = readSync(fd, buf, 0, buf.length, null);
      } catch (e) {
        throw new FileReadError(path, 'unreadable', errnoDetail(e).detail);
      }
      if (n === 0) break;
      total += n;
      if (total > max) throw new FileReadError(path, 'too-large', `more than ${max} bytes`);
      chunks.push(Buffer.from(buf.subarray(0, n)));
    }
    return Buffer.concat(chunks, total).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

function kindOf(st: { isDirectory(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isFIFO(): boolean; isSocket(): boolean }): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isFIFO()) return 'a pipe';
  if (st.isSocket()) return 'a socket';
  return 'not a file';
}

/**
 * Why a text is not JSON, without quoting it: V8's messages quote the text around an unexpected token
 * ("Unexpected token 'T', "TOPSECRET"… is not valid JSON"), so only its content-free ones are kept, with
 * the position turned into a line and column.
 */
export function jsonErrorWithoutContent(e: unknown, text: string): string {
  const m = /^([^"]*?) in JSON at position (\d+)/.exec((e as Error)?.message ?? '');
  if (m) {
    const at = Math.min(Number(m[2]), text.length);
    const before = text.slice(0, at);
    const line = before.split('\n').length;
    const column = at - (before.lastIndexOf('\n') + 1) + 1;
    // Older V8s say "Unexpected token T in JSON at position 0": that names a character of the file.
    const what = /^Unexpected token/.test(m[1]) ? 'an unexpected character' : m[1];
    return `not valid JSON: ${what} at line ${line}, column ${column}`;
  }
  if (/^Unexpected end of JSON input/.test((e as Error)?.message ?? '')) return 'not valid JSON: it ends too early';
  return 'not valid JSON (an unexpected character)';
}
