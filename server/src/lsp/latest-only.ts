/**
 * Runs a stepwise computation (a generator that pauses between steps) across event-loop turns and stops it as
 * soon as nobody wants its result any more: the document changed, or the request was cancelled (issue 14).
 *
 * Why slices and not a turn per step: vscode-jsonrpc reads a didChange or $/cancelRequest only between turns,
 * so a check must give the loop back now and then to learn that it is superseded; but a turn per rule would add
 * the loop's own cost (timers, I/O poll) 20-odd times to every small file's check. A slice of SLICE_MS bounds
 * what a superseded check can still spend after the newer version arrived.
 */
export const SLICE_MS = 4;

/** what a computation that was stopped gives */
export const ABANDONED = Symbol('abandoned');

export async function runWhileWanted<T>(steps: Generator<void, T>, wanted: () => boolean, sliceMs = SLICE_MS): Promise<T | typeof ABANDONED> {
  let finished = false;
  try {
    let sliceStart = performance.now();
    for (;;) {
      if (!wanted()) return ABANDONED;
      const n = steps.next();
      if (n.done) {
        finished = true;
        return n.value;
      }
      if (performance.now() - sliceStart >= sliceMs) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        sliceStart = performance.now();
      }
    }
  } finally {
    // a generator left paused keeps its state alive; return() closes it (its finally blocks run)
    if (!finished) steps.return(undefined as T);
  }
}

/** Drives a stepwise computation to its end in one go (what the synchronous callers want). */
export function runToEnd<T>(steps: Generator<void, T>): T {
  for (;;) {
    const n = steps.next();
    if (n.done) return n.value;
  }
}
