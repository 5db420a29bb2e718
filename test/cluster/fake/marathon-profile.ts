/**
 * The Marathon versions the fake can be, and the facts that differ between them. Each fact cites the
 * Marathon source it follows (mesosphere/marathon, `tag:path:line`; audit: ../shared/docs/marathon-source-audit.md).
 *
 * `1.7` stands for 1.7 and later (v1.7.236 and master read alike for everything modelled here).
 */
export type MarathonProfile = '0.15' | '1.4' | '1.5' | '1.6' | '1.7';

const ORDER: readonly MarathonProfile[] = ['0.15', '1.4', '1.5', '1.6', '1.7'];

/** `profile` is `version` or later. */
export function atLeast(profile: MarathonProfile, version: MarathonProfile): boolean {
  return ORDER.indexOf(profile) >= ORDER.indexOf(version);
}

/**
 * The official doc example /v2/info is built from, and the version string the profile reports when the example's
 * own (0.13.0-SNAPSHOT, 1.4.8, 1.5.0-SNAPSHOT: each within its profile's major version) would misname it.
 */
export const INFO: Record<MarathonProfile, { file: string; version?: string }> = {
  '0.15': { file: 'marathon-api/examples-v0.15.7/info.json' },
  '1.4': { file: 'marathon-api/examples-v1.4.13/info.json' },
  // master's example has the 1.5+ shape
  '1.5': { file: 'marathon-api/examples-master-90619da70/info.json' },
  '1.6': { file: 'marathon-api/examples-master-90619da70/info.json', version: '1.6.590' },
  '1.7': { file: 'marathon-api/examples-master-90619da70/info.json', version: '1.7.236' },
};

/**
 * The realm of the 401. ≤1.6: `--http_realm`, default "Mesosphere" (chaos v0.8.7 HttpModule.scala:205-209,
 * v1.6.590:src/main/scala/mesosphere/marathon/api/HttpModule.scala:198-201). 1.7+: the LoginService is a
 * `new HashLoginService()` with no name (v1.7.236:src/main/scala/mesosphere/marathon/api/HttpModule.scala:202)
 * and Jetty's BasicAuthenticator writes `_loginService.getName()`, so the realm reads "null" (inferred).
 */
export function realm(profile: MarathonProfile): string {
  return atLeast(profile, '1.7') ? 'null' : 'Mesosphere';
}

/** No leader after the wait: HTML 503 ≤1.6 (v1.6.590 LeaderProxyFilter.scala:101), 502 in 1.7+ (v1.7.236 LeaderProxyFilter.scala:100). */
export const noLeaderStatus = (p: MarathonProfile): number => (atLeast(p, '1.7') ? 502 : 503);

/** Leader refused the proxied connection: 503 in 1.4 (v1.4.13 LeaderProxyFilter.scala:286-287), 502 in 1.5+ (v1.5.15 LeaderProxyFilter.scala:288). */
export const leaderRefusedStatus = (p: MarathonProfile): number => (p === '1.4' ? 503 : 502);

/**
 * JSON type errors (JsResultException): 400 ≤1.4 (v1.4.13:src/main/scala/mesosphere/marathon/api/MarathonExceptionMapper.scala:55),
 * 422 from 1.5 (v1.5.15 MarathonExceptionMapper.scala:57-64).
 */
export const typeErrorStatus = (p: MarathonProfile): number => (atLeast(p, '1.5') ? 422 : 400);

/**
 * The reasons an offer is declined, in funnel order: only the first that applies is counted
 * (v1.4.13:src/main/scala/mesosphere/mesos/NoOfferMatchReason.scala:22-31; 1.5 adds DeclinedScarceResources,
 * v1.5.15 same file; 1.6+ adds AgentMaintenance, v1.6.590/v1.7.236 NoOfferMatchReason.scala:24-35).
 */
export function reasonFunnel(p: MarathonProfile): string[] {
  const base = ['UnfulfilledRole', 'UnfulfilledConstraint', 'NoCorrespondingReservationFound'];
  const resources = ['InsufficientCpus', 'InsufficientMemory', 'InsufficientDisk', 'InsufficientGpus', 'InsufficientPorts'];
  if (p === '1.4') return [...base, ...resources];
  if (p === '1.5') return [...base, ...resources, 'DeclinedScarceResources'];
  return [...base, 'AgentMaintenance', ...resources, 'DeclinedScarceResources'];
}
