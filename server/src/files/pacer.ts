/**
 * Cuts a long background job (the workspace walk and check) into slices of a few milliseconds with a
 * `setImmediate` between them, and steps aside while the user types. vscode-jsonrpc dispatches one queued
 * message per `setImmediate` turn, so the job never holds a keystroke's didChange and textDocument/diagnostic
 * for more than the slice under way (one file's check cannot be split). `activity` counts the messages
 * dispatched: when it moved during a turn, the job gives up the next turn too (more may be queued); and
 * while messages came less than `quietMs` ago, it sleeps — the next keystroke is likely on its way, and a
 * file check started just before it would delay its answer. Both are bounded (`maxPostpone` turns,
 * `maxWaitMs` per yield), so that a flood of messages or a tireless typist slows the job, never starves it.
 */
export class Cancelled extends Error {
  override readonly name = 'Cancelled';
  constructor() {
    super('cancelled');
  }
}

export interface PacerOptions {
  /** how long a slice may run before it yields */
  sliceMs: number;
  /** true once the job is no longer wanted (a cancelled request, a shutdown) */
  stopped: () => boolean;
  /** the count of incoming messages dispatched so far (start.ts); without it, one turn per yield */
  activity?: () => number;
  /** turns given up in a row at most while messages keep coming */
  maxPostpone?: number;
  /** after a message, the job waits this long without one before it goes on */
  quietMs?: number;
  /** and waits at most this long per yield */
  maxWaitMs?: number;
}

export class Pacer {
  private sliceStart = performance.now();
  private seenActivity: number;
  private lastBusy = -Infinity;
  private readonly o: Required<PacerOptions>;
  /** turns given back to the event loop so far */
  yields = 0;
  /** ms slept while messages came */
  waitedMs = 0;
  /** the longest stretch of work between two yields, in ms (what a keystroke may have waited for) */
  maxSliceMs = 0;

  constructor(options: PacerOptions) {
    this.o = { activity: () => 0, maxPostpone: 64, quietMs: 0, maxWaitMs: 0, ...options };
    this.seenActivity = this.o.activity();
  }

  /** Yields when the slice is used up; throws Cancelled when the job was stopped (checked on every yield). */
  async tick(): Promise<void> {
    if (performance.now() - this.sliceStart < this.o.sliceMs) return;
    await this.yieldNow();
  }

  /** Yields now (after work that cannot be split, such as one file's check). */
  async yieldNow(): Promise<void> {
    const { activity, maxPostpone, quietMs, maxWaitMs } = this.o;
    this.maxSliceMs = Math.max(this.maxSliceMs, performance.now() - this.sliceStart);
    let waited = 0;
    for (let turns = 0; ; turns++) {
      this.yields++;
      await new Promise<void>((resolve) => setImmediate(resolve));
      this.check();
      const now = activity();
      if (now !== this.seenActivity) {
        // a message was handled in that turn: more may be queued behind it
        this.seenActivity = now;
        this.lastBusy = performance.now();
        if (turns < maxPostpone) continue;
      }
      const quietFor = performance.now() - this.lastBusy;
      if (quietFor >= quietMs || waited >= maxWaitMs) break;
      const ms = Math.min(quietMs - quietFor, maxWaitMs - waited);
      await new Promise<void>((resolve) => setTimeout(resolve, ms));
      waited += ms;
      this.waitedMs += ms;
      this.check();
    }
    this.sliceStart = performance.now();
  }

  /** Throws Cancelled when the job was stopped, without yielding. */
  check(): void {
    if (this.o.stopped()) throw new Cancelled();
  }
}
