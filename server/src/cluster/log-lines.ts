import type { Secrets } from '../service/secrets';

/**
 * A file's bytes, read in chunks, as masked text. Two things make chunks unsafe to show one by one:
 * - a chunk may end inside a UTF-8 character (Mesos reads bytes, files.cpp `_read`): the decoder keeps the
 *   character's first bytes until the rest arrives;
 * - a chunk may end inside a secret (a task printing its access key or a URI with a password): masking each chunk
 *   alone would miss it. Text goes out in whole lines, the masking applied to them; the line still being written stays
 *   back until its newline comes, or the end (`flush`).
 * A line that never ends cannot hold memory: past MAX_PENDING characters all but its last HOLD_BACK go out, masked (a
 * secret longer than HOLD_BACK across that cut would be missed; no access key or password is that long).
 */
export const MAX_PENDING = 64 * 1024;
export const HOLD_BACK = 4096;

export class LogLines {
  private decoder = new TextDecoder('utf-8');
  private pending = '';

  constructor(
    private readonly secrets: Secrets,
    private readonly emit: (text: string) => void,
  ) {}

  push(bytes: Uint8Array): void {
    const text = this.pending + this.decoder.decode(bytes, { stream: true });
    const nl = text.lastIndexOf('\n');
    let out = nl >= 0 ? text.slice(0, nl + 1) : '';
    this.pending = nl >= 0 ? text.slice(nl + 1) : text;
    if (this.pending.length > MAX_PENDING) {
      out += this.pending.slice(0, this.pending.length - HOLD_BACK);
      this.pending = this.pending.slice(this.pending.length - HOLD_BACK);
    }
    if (out !== '') this.emit(this.secrets.maskText(out));
  }

  /** The rest, a last line without its newline included; the decoder starts afresh (the file was truncated). */
  flush(): void {
    const text = this.pending + this.decoder.decode();
    this.pending = '';
    this.decoder = new TextDecoder('utf-8');
    if (text !== '') this.emit(this.secrets.maskText(text));
  }
}
