// Over stdio, the server answers `initialize` before it loads the LSP library and its own handlers: node's
// own start-up is most of a cold start here, and what the client waits for is only the capabilities — a
// pure function of its params (capabilities.ts). The full server then starts on the same bytes: it sees the
// `initialize` too (to set up its state) and its duplicate answer is dropped on the way out.
// Node built-ins only: nothing here may pull in the library this file exists to defer.
import { Writable, type Readable } from 'node:stream';

/** at most this many bytes are read looking for the first message; beyond, the full server takes over */
const MAX_FIRST_MESSAGE = 1_000_000;

export interface FirstMessage {
  /** every byte read from the input so far (the full server reads them again) */
  consumed: Buffer;
  /** the first message when it is a well-formed `initialize` request */
  initialize?: { id: number | string; params: unknown };
}

interface Frame {
  /** offset after the frame */
  end: number;
  content: Buffer;
}

/** one `Content-Length` frame at the start of `buf`, or undefined when it is not complete (or not a frame) */
function frameAt(buf: Buffer): Frame | undefined | 'bad' {
  const headerEnd = buf.indexOf('\r\n\r\n');
  if (headerEnd < 0) return buf.length > 8192 ? 'bad' : undefined;
  const header = buf.subarray(0, headerEnd).toString('ascii');
  const m = /(?:^|\r\n)content-length:\s*(\d+)\s*(?:\r\n|$)/i.exec(header);
  if (!m) return 'bad';
  const start = headerEnd + 4;
  const end = start + Number(m[1]);
  if (buf.length < end) return undefined;
  return { end, content: buf.subarray(start, end) };
}

/** Reads the input until the first message is complete (or cannot be one), then pauses it. */
export function readFirstMessage(input: Readable): Promise<FirstMessage> {
  return new Promise((resolve) => {
    let buf: Buffer = Buffer.alloc(0);
    const finish = (initialize?: FirstMessage['initialize']) => {
      input.off('data', onData);
      input.off('end', onEnd);
      input.pause();
      resolve({ consumed: buf, initialize });
    };
    const onEnd = () => finish();
    const onData = (chunk: Buffer) => {
      buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
      const f = frameAt(buf);
      if (f === undefined) {
        if (buf.length > MAX_FIRST_MESSAGE) finish();
        return;
      }
      if (f === 'bad') return finish();
      try {
        const msg = JSON.parse(f.content.toString('utf8')) as { id?: unknown; method?: unknown; params?: unknown };
        const idOk = typeof msg.id === 'number' || typeof msg.id === 'string';
        if (msg && msg.method === 'initialize' && idOk && msg.params && typeof msg.params === 'object') return finish({ id: msg.id as number | string, params: msg.params });
      } catch {
        // not JSON: the full server answers with its parse error
      }
      finish();
    };
    input.on('data', onData);
    input.on('end', onEnd);
  });
}

export function frame(message: unknown): Buffer {
  const body = Buffer.from(JSON.stringify(message), 'utf8');
  return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]);
}

/** a chunk that is a message header alone (the LSP library writes a frame's header and its content apart) */
function isHeaderOnly(chunk: Buffer): boolean {
  return chunk.length < 64 && chunk.length >= 20 && chunk[chunk.length - 1] === 0x0a && chunk.subarray(chunk.length - 4).toString('ascii') === '\r\n\r\n' && /^content-length:/i.test(chunk.toString('ascii'));
}

/**
 * The full server's output, written to `target` (stdout) except its answer to the `initialize` already answered
 * (the first response with that id). Frames are forwarded whole and in order. A Writable writing straight to the
 * target rather than a Transform piped into it: every message of every keystroke goes through here, and a pipe
 * stage costs a copy and a turn per chunk; a header is held until its content comes, so each message is one
 * write to the target, not two.
 */
export class DropFirstResponse extends Writable {
  private buf: Buffer = Buffer.alloc(0);
  private dropped = false;
  private header: Buffer | undefined;

  constructor(
    private readonly id: number | string,
    private readonly target: Writable,
  ) {
    super();
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, done: (error?: Error | null) => void): void {
    if (this.dropped) {
      if (isHeaderOnly(chunk) && !this.header) {
        this.header = chunk;
        return done();
      }
      const out = this.header ? Buffer.concat([this.header, chunk]) : chunk;
      this.header = undefined;
      this.target.write(out, (e) => done(e));
      return;
    }
    this.buf = Buffer.concat([this.buf, chunk]);
    const out: Buffer[] = [];
    for (;;) {
      const f = frameAt(this.buf);
      if (f === undefined) break;
      if (f === 'bad') {
        // not ours to judge: pass everything on unchanged from here
        this.dropped = true;
        out.push(this.buf);
        this.buf = Buffer.alloc(0);
        break;
      }
      let drop = false;
      try {
        const msg = JSON.parse(f.content.toString('utf8')) as { id?: unknown; method?: unknown };
        drop = msg.id === this.id && msg.method === undefined;
      } catch {
        drop = false;
      }
      if (!drop) out.push(this.buf.subarray(0, f.end));
      this.buf = this.buf.subarray(f.end);
      if (drop) {
        this.dropped = true;
        if (this.buf.length) out.push(this.buf);
        this.buf = Buffer.alloc(0);
        break;
      }
    }
    if (out.length === 0) return done();
    this.target.write(out.length === 1 ? out[0] : Buffer.concat(out), (e) => done(e));
  }

  override _final(done: (error?: Error | null) => void): void {
    const rest = this.header ?? this.buf;
    this.header = undefined;
    if (rest.length) this.target.write(rest, (e) => done(e));
    else done();
  }
}
