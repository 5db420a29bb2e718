// Checking a box's value as the user types (issue 11 §11): one check per pause in typing (debounced), and an
// answer is shown only while it is still about what the box holds — a slow answer to an older value is dropped.
// No `vscode` import: the input box is behind `current` and `show`.

export interface LiveCheckOptions<R> {
  /** the pause after the last keystroke before checking */
  delayMs: number;
  check(value: string): Promise<R>;
  /** the box's value now (an answer for another value is stale) */
  current(): string;
  show(value: string, result: R): void;
  /** a failed check (the server gone): logged by the caller, the box left as it is */
  failed?(e: unknown): void;
}

export interface LiveCheck {
  /** the value changed: check it after the pause (an earlier pending check is dropped) */
  changed(value: string): void;
  /** forget pending checks and answers still under way (Enter pressed, step changed, box closed) */
  cancel(): void;
}

export function liveCheck<R>(o: LiveCheckOptions<R>): LiveCheck {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let seq = 0;
  const cancel = () => {
    seq++;
    if (timer) clearTimeout(timer);
    timer = undefined;
  };
  return {
    changed(value) {
      cancel();
      const mine = seq;
      timer = setTimeout(() => {
        timer = undefined;
        o.check(value).then(
          (r) => {
            if (mine === seq && o.current() === value) o.show(value, r);
          },
          (e) => {
            if (mine === seq) o.failed?.(e);
          },
        );
      }, o.delayMs);
    },
    cancel,
  };
}
