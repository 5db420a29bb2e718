// When the Sysdig on Mesos view reads the cluster (issue 13 §1), as plain logic (no `vscode`; unit-tested with a fake
// clock): never while hidden or untrusted; on demand, and every `intervalSeconds` after a read ends while visible
// (0: only on demand); a new read aborts the one in flight, and so does hiding the view, which also drops the timer.

export interface RefreshHost {
  visible(): boolean;
  /** a trusted workspace */
  allowed(): boolean;
  /** `sysdig-mesos.view.refreshSeconds`: 0 or less, only on demand */
  intervalSeconds(): number;
  /** reads and draws; `signal` aborts it (its requests are cancelled, its answer dropped) */
  read(signal: AbortSignal): Promise<void>;
  /** nothing may be read (hidden, untrusted): draw what is known (the trust item) */
  idle(): void;
  setTimer(fn: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
}

export class RefreshLoop {
  private inflight: AbortController | undefined;
  private timer: unknown;

  constructor(private readonly host: RefreshHost) {}

  /** a read under way */
  get reading(): boolean {
    return this.inflight !== undefined;
  }

  /** Reads now (aborting a read in flight); hidden or untrusted, reads nothing. Resolves when this read is over. */
  async refresh(): Promise<void> {
    this.pause();
    if (!this.host.allowed() || !this.host.visible()) return this.host.idle();
    const abort = new AbortController();
    this.inflight = abort;
    try {
      await this.host.read(abort.signal);
    } finally {
      if (this.inflight === abort) {
        this.inflight = undefined;
        this.schedule();
      }
    }
  }

  /** The view hidden: the read in flight aborted, nothing scheduled. */
  pause(): void {
    this.inflight?.abort();
    this.inflight = undefined;
    this.clear();
  }

  /** The interval changed: the next read follows the new one (none while a read is under way: it schedules at its end). */
  schedule(): void {
    this.clear();
    const seconds = this.host.intervalSeconds();
    if (this.inflight || !this.host.visible() || !this.host.allowed() || !(seconds > 0)) return;
    this.timer = this.host.setTimer(() => {
      this.timer = undefined;
      void this.refresh();
    }, Math.max(seconds, 1) * 1000);
  }

  dispose(): void {
    this.pause();
  }

  private clear(): void {
    if (this.timer !== undefined) this.host.clearTimer(this.timer);
    this.timer = undefined;
  }
}
