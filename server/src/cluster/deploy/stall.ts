/**
 * Why a deployment does not move, from what Marathon shows (mesos-marathon-api.md §1.6): the app's
 * `lastTaskFailure`, and its `/v2/queue` entry — the launch back-off (`delay.timeLeftSeconds`), and in
 * 1.4+ why offers were declined (`processedOffersSummary.rejectSummaryLastOffers`, older
 * `lastUnusedOffers[].reason`).
 */

export interface LastTaskFailure {
  host?: string;
  message?: string;
  state?: string;
  timestamp?: string;
}

export interface QueueEntry {
  app?: { id?: string };
  count?: number;
  delay?: { timeLeftSeconds?: number; overdue?: boolean };
  processedOffersSummary?: {
    processedOffersCount?: number;
    unusedOffersCount?: number;
    rejectSummaryLastOffers?: { reason?: string; declined?: number; processed?: number }[];
  };
  lastUnusedOffers?: { reason?: string[] }[];
}

/** One line; undefined when nothing explains the stall and no time without progress is given. */
export function stallReason(ltf: LastTaskFailure | undefined, queue: QueueEntry | undefined, stillForSeconds?: number): string | undefined {
  const parts: string[] = [];
  if (ltf) {
    const whole = (ltf.message ?? '').replace(/\s+/g, ' ').trim();
    // cut marked `…`, so that the start of a secret the cut leaves behind is masked too (secrets.ts)
    const msg = whole.length > 200 ? `${whole.slice(0, 200)}…` : whole;
    parts.push(`last task failed${ltf.host ? ` on ${ltf.host}` : ''}: ${ltf.state ?? 'TASK_FAILED'}${msg ? ` ${JSON.stringify(msg)}` : ''}${ltf.timestamp ? ` at ${ltf.timestamp}` : ''}`);
  }
  if (queue) {
    const left = queue.delay?.timeLeftSeconds;
    if (typeof left === 'number' && left > 0) parts.push(`launch back-off: Marathon waits ${left} s before the next attempt (backoffSeconds × backoffFactor^n after failures)`);
    const declined = (queue.processedOffersSummary?.rejectSummaryLastOffers ?? []).filter((r) => (r.declined ?? 0) > 0).sort((a, b) => (b.declined ?? 0) - (a.declined ?? 0));
    // a reason can appear twice (InsufficientGpus in the doc example): once is enough
    const seen = new Set<string>();
    const shown = declined.filter((r) => !seen.has(r.reason ?? '') && seen.add(r.reason ?? ''));
    if (shown.length > 0) {
      parts.push(`offers declined: ${shown.map((r) => `${r.reason} ${r.declined}/${r.processed}`).join(', ')}`);
    } else {
      const reasons = [...new Set((queue.lastUnusedOffers ?? []).flatMap((u) => u.reason ?? []))];
      if (reasons.length > 0) parts.push(`offers declined: ${reasons.join(', ')}`);
    }
    if (parts.length === (ltf ? 1 : 0) && typeof queue.count === 'number' && queue.count > 0) parts.push(`${queue.count} task(s) waiting for a matching offer`);
  }
  if (parts.length === 0 && stillForSeconds !== undefined) parts.push(`no progress for ${stillForSeconds} s, and Marathon shows no task failure or back-off`);
  return parts.length ? parts.join('; ') : undefined;
}
