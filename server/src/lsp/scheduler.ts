/**
 * Runs queued validations one document per event-loop turn, always on the document's latest version.
 *
 * No debounce timer: validation is fast, so the only waste to avoid is validating a version that is already
 * superseded by a change sitting unread in the JSON-RPC queue (a change that arrives while a check runs
 * abandons that check: see latest-only.ts). vscode-jsonrpc
 * dispatches one queued message per `setImmediate` turn, so a run is postponed while messages keep
 * arriving (`activity()` changed since the last turn); a quiet turn means the queue is drained and the
 * latest version is what gets validated. Postponing is bounded so a message flood cannot starve it.
 */
export class ValidationScheduler {
  private readonly pending = new Set<string>();
  private timer: ReturnType<typeof setImmediate> | undefined;
  private seenActivity = -1;
  private postponed = 0;
  private stopped = false;

  constructor(
    private readonly activity: () => number,
    private readonly run: (uri: string) => void,
    private readonly onError: (uri: string, error: unknown) => void,
    private readonly maxPostpone = 64,
  ) {}

  add(uri: string): void {
    if (this.stopped) return;
    this.pending.add(uri);
    this.kick();
  }

  remove(uri: string): void {
    this.pending.delete(uri);
  }

  /** stops for good (shutdown) */
  stop(): void {
    this.stopped = true;
    this.pending.clear();
    if (this.timer) clearImmediate(this.timer);
    this.timer = undefined;
  }

  get size(): number {
    return this.pending.size;
  }

  private kick(): void {
    if (this.timer || this.stopped || this.pending.size === 0) return;
    this.timer = setImmediate(() => this.tick());
  }

  private tick(): void {
    this.timer = undefined;
    if (this.stopped) return;
    const now = this.activity();
    if (now !== this.seenActivity && this.postponed < this.maxPostpone) {
      // messages were dispatched since the last look: let the queue drain first
      this.seenActivity = now;
      this.postponed++;
      this.kick();
      return;
    }
    this.seenActivity = now;
    this.postponed = 0;
    const uri = this.pending.values().next().value as string | undefined;
    if (uri !== undefined) {
      this.pending.delete(uri);
      try {
        this.run(uri);
      } catch (e) {
        this.onError(uri, e);
      }
    }
    this.kick();
  }
}
