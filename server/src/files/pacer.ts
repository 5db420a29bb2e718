/**
 * Cuts a long job (the workspace walk and check) into slices of a few milliseconds with a `setImmediate`
 * between them. vscode-jsonrpc dispatches one queued message per `setImmediate` turn, so a keystroke's
 * didChange and textDocument/diagnostic wait for at most one slice each, never for the whole job.
 */
export class Cancelled extends Error {
  override readonly name = 'Cancelled';
  constructor() {
    super('cancelled');
  }
}

export class Pacer {
  private sliceStart = performance.now();
  /** turns given back to the event loop so far */
  yields = 0;

  constructor(
    /** how long a slice may run before it yields */
    private readonly sliceMs: number,
    /** true once the job is no longer wanted (a cancelled request, a shutdown) */
    private readonly stopped: () => boolean,
  ) {}

  /** Yields when the slice is used up; throws Cancelled when the job was stopped (checked on every yield). */
  async tick(): Promise<void> {
    if (performance.now() - this.sliceStart < this.sliceMs) return;
    await this.yieldNow();
  }

  /** Yields now (after work that cannot be split, such as one file's check). */
  async yieldNow(): Promise<void> {
    this.yields++;
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (this.stopped()) throw new Cancelled();
    this.sliceStart = performance.now();
  }

  /** Throws Cancelled when the job was stopped, without yielding. */
  check(): void {
    if (this.stopped()) throw new Cancelled();
  }
}
