// Failures a cluster request is expected to meet — the cluster's own answer (ClusterError), Marathon's
// refusal (DeployError), a plan that expired — are phrased for the user already: the log gets that one
// line, not a JavaScript stack, and the editor shows the message as it is. Anything else is a bug and keeps
// its stack frames in the log.

/** An expected failure raised by the server's request code itself (not by the cluster client). */
export class RequestFailure extends Error {
  override readonly name = 'RequestFailure';
}

// By name, so the server's start-up bundle need not load the cluster code to recognise its errors
// (the bundles keep class names).
const EXPECTED = new Set(['ClusterError', 'DeployError', 'CheckUsageError', 'RequestFailure']);

export function isExpectedFailure(e: unknown): e is Error {
  return e instanceof Error && EXPECTED.has(e.name);
}
