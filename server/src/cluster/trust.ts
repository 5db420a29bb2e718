import { hostPort } from './errors';
import type { Credentials } from './http';

/**
 * Where credentials may go. They are bound to the origin the user named (scheme + host + port:
 * `localhost` and `127.0.0.1` are different origins, so are http and https). Another origin gets them
 * only when an origin that already received them, and answered 2xx to a request carrying them, names
 * it as leader — a Mesos standby's 307 `//leader:5050`, or a 0.x standby's `leader` in its state.
 * A host that was denied the credentials therefore cannot earn them by naming itself or a friend.
 *
 * One trust lives as long as one check (or one deploy): `/version` answering 2xx with the credentials
 * is what lets the master named in the URI vouch for its leader on the next request.
 */
export class CredentialTrust {
  private readonly trusted = new Set<string>();
  private readonly accepted = new Set<string>();

  /** `named` undefined: no origin is trusted yet (the credentials exist but nobody was named for them). */
  constructor(
    readonly credentials: Credentials,
    named: string | URL | undefined,
  ) {
    if (named === undefined) return;
    try {
      this.trusted.add(originOf(named));
    } catch {
      // A host the agent's grammar reads but a URL cannot hold (`999.999.999.999`, `1.2.3.4.5`): nothing is
      // trusted, and the request to it fails on its own ("not a URL") — it threw "internal error" here.
    }
  }

  /** The credentials to send to `url`, or undefined when that origin has not been trusted. */
  credentialsFor(url: string | URL): Credentials | undefined {
    return this.trusted.has(originOf(url)) ? this.credentials : undefined;
  }

  /** An answer to a request; `carried`: the request had the credentials. Only 2xx counts as accepted. */
  answered(url: string | URL, status: number, carried: boolean): void {
    if (carried && status >= 200 && status < 300) this.accepted.add(originOf(url));
  }

  /** Whether `url`'s origin received the credentials and answered 2xx. */
  hasAccepted(url: string | URL): boolean {
    return this.accepted.has(originOf(url));
  }

  /**
   * `namer` names `leader` as the leading master. The leader becomes trusted only when the namer
   * received the credentials and answered 2xx; returns whether the leader is trusted now.
   */
  namesLeader(namer: string | URL, leader: string | URL): boolean {
    let l: string;
    try {
      l = originOf(leader);
    } catch {
      return false; // not a URL: the request to it fails on its own, without credentials
    }
    if (this.accepted.has(originOf(namer))) this.trusted.add(l);
    return this.trusted.has(l);
  }
}

/** `http://host:port` with the default port filled in: `http://a` and `http://a:80` are one origin. */
export function originOf(url: string | URL): string {
  const u = typeof url === 'string' ? new URL(url) : url;
  return `${u.protocol}//${hostPort(u)}`;
}
