import { maskUserInfo } from '../../server/src/service/agent-uri';

/**
 * The language client's message trace (`sysdig-mesos.trace.server: verbose` with the output channel at
 * log level Trace) writes every request's parameters into the output channel, as JSON. The deploy
 * request carries the access key and the Marathon credentials from VS Code's secret storage — values the
 * user never wrote into a file — and a trace is what gets pasted into a bug report. So the trace channel
 * masks them on the way in: the string value of every `accessKey` and `password` member, and the
 * user-info of every URI. No `vscode` import: unit-tested on the real vscode-jsonrpc trace.
 */

/** `"accessKey": "…"` / `"password":"…"` as JSON writes them (pretty or compact): the value, escapes included. */
const SECRET_MEMBER = /("(?:accessKey|password)"\s*:\s*)"(?:[^"\\]|\\.)*"/g;

/** A trace text with the secrets the client sends masked. */
export function maskTrace(text: string): string {
  return maskUserInfo(text).replace(SECRET_MEMBER, '$1"***"');
}

/** The log methods a trace or message can arrive through (vscode.LogOutputChannel's). */
const WRITERS: ReadonlySet<PropertyKey> = new Set(['trace', 'debug', 'info', 'warn', 'error', 'append', 'appendLine', 'replace']);

/**
 * The same channel, every text written to it masked with maskTrace: given to the language client as its
 * `traceOutputChannel` (everything else — log level, show, dispose — is the channel's own).
 */
export function maskingChannel<T extends object>(channel: T): T {
  return new Proxy(channel, {
    get(target, prop, receiver) {
      const v = Reflect.get(target, prop, receiver);
      if (typeof v !== 'function') return v;
      if (!WRITERS.has(prop)) return v.bind(target);
      return (first: unknown, ...rest: unknown[]) => v.call(target, typeof first === 'string' ? maskTrace(first) : first, ...rest);
    },
  });
}
