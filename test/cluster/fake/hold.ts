import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Requests the fake Marathon holds open without answering: a leader busy in a long GC pause or an
 * election, which real clusters do (a held `GET /v2/apps/{id}` or `/v2/deployments` answers after
 * seconds, or never). The test learns that a held request arrived from `arrived()` — so a Ctrl-C or a
 * `$/cancelRequest` lands exactly while the client waits, without sleeps — and sees from `closed` whether
 * the client gave up the socket. `release()` lets the request through to the normal answer late, as a
 * slow Marathon would eventually answer.
 */

export interface HoldRule {
  method: string;
  /** the path without query; a string matches exactly */
  path: string | RegExp;
  /** hold only the n-th matching request (1-based); default: every one */
  nth?: number;
}

export interface HeldRequest {
  method: string;
  url: string;
  /** the client closed the connection before an answer was given */
  readonly clientClosed: boolean;
  /** resolves when the connection closes, whoever closed it */
  closed: Promise<void>;
  /** answer normally now (no-op once the connection is gone) */
  release(): void;
}

export class Holds {
  private readonly seen = new Map<HoldRule, number>();
  private readonly waiting: ((h: HeldRequest) => void)[] = [];
  private readonly queued: HeldRequest[] = [];
  readonly held: HeldRequest[] = [];
  private readonly passed = new WeakSet<IncomingMessage>();

  constructor(private readonly rules: readonly HoldRule[] = []) {}

  /**
   * Holds `req` if a rule says so and calls `answer` on release; false when the request is not held
   * (answer it as usual).
   */
  take(req: IncomingMessage, res: ServerResponse, answer: () => void): boolean {
    if (this.passed.has(req)) return false;
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const rule = this.rules.find((r) => r.method === req.method && (typeof r.path === 'string' ? r.path === path : r.path.test(path)));
    if (!rule) return false;
    const n = (this.seen.get(rule) ?? 0) + 1;
    this.seen.set(rule, n);
    if (rule.nth !== undefined && rule.nth !== n) return false;
    let answered = false;
    let clientClosed = false;
    const closed = new Promise<void>((resolve) => {
      res.on('close', () => {
        if (!answered) clientClosed = true;
        resolve();
      });
    });
    const h: HeldRequest = {
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      get clientClosed() {
        return clientClosed;
      },
      closed,
      release: () => {
        if (answered || res.destroyed || res.writableEnded) return;
        answered = true;
        this.passed.add(req);
        answer();
      },
    };
    this.held.push(h);
    const w = this.waiting.shift();
    if (w) w(h);
    else this.queued.push(h);
    return true;
  }

  /** the next held request (one already held and not yet taken, or the next to arrive) */
  arrived(): Promise<HeldRequest> {
    const q = this.queued.shift();
    if (q) return Promise.resolve(q);
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** answers every request still held (at the end of a test, so no connection waits forever) */
  releaseAll(): void {
    for (const h of this.held) h.release();
  }
}
