/**
 * Error descriptions safe to log: the error's class and message (cut short, one line) and a few stack
 * frames. Document text is never passed here; messages are truncated in case a library quotes input.
 */
export function describeError(error: unknown, maxFrames = 4): string {
  if (error instanceof Error) {
    const msg = oneLine(error.message, 300);
    const frames = (error.stack ?? '')
      .split('\n')
      .filter((l) => /^\s+at /.test(l))
      .slice(0, maxFrames)
      .map((l) => l.trim());
    return `${error.name}: ${msg}${frames.length ? ` (${frames.join(' <- ')})` : ''}`;
  }
  return oneLine(typeof error === 'string' ? error : safeString(error), 300);
}

/** An expected failure's message for the log: one line, cut short, without class or stack. */
export function describeMessage(error: Error): string {
  return oneLine(error.message, 300);
}

function safeString(v: unknown): string {
  try {
    return String(v);
  } catch {
    return 'unprintable error';
  }
}

function oneLine(s: string, max: number): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max)}…` : t;
}
