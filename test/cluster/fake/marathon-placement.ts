/**
 * Agents and their offers, and whether an offer can take one instance of an app: constraints first, then
 * resources, each decline with the reason Marathon gives it (NoOfferMatchReason). Constraint semantics follow
 * v1.4.13:src/main/scala/mesosphere/mesos/Constraints.scala:50-163 (master reads the same for these operators).
 */

type Obj = Record<string, any>;

export interface Agent {
  id: string;
  hostname: string;
  cpus: number;
  mem: number;
  disk: number;
  /** Mesos attributes (text values), e.g. `{ rack: "r1" }` */
  attributes?: Record<string, string>;
}

/** A task that holds resources on an agent (any app) or counts for an app's constraints (its own tasks). */
export interface PlacedTask {
  host: string;
  agentId: string;
  cpus: number;
  mem: number;
  disk: number;
}

/** Five agents with the resources of a small cloud node (what the default fake has always had as hosts). */
export const DEFAULT_AGENT_HOSTS = ['10.0.2.121', '10.0.6.244', '10.0.7.17', '10.0.3.53', '10.0.5.224'];

export function agentFor(hostname: string, i: number): Agent {
  return { id: `c9a8f6f2-8b1e-4b1a-9f8e-agent${String(i).padStart(7, '0')}-S${i}`, hostname, cpus: 4, mem: 15360, disk: 100000, attributes: {} };
}

function attr(agent: Agent, field: string): string | undefined {
  return agent.attributes?.[field];
}

/** Java's String.matches: the whole string. */
function fullMatch(s: string, re: string): boolean {
  try {
    return new RegExp(`^(?:${re})$`).test(s);
  } catch {
    return false;
  }
}

/** GROUP_BY: the offer's value is new, or its group is a smallest one and there are at least `value` groups (Constraints.scala:66-80). */
function checkGroupBy(value: string | undefined, placedValues: (string | undefined)[], offerValue: string): boolean {
  const minimum = Math.max(0, Number.parseInt(value ?? '', 10) || 0); // GroupByDefault = 0
  const groups = new Map<string | undefined, number>();
  for (const v of placedValues) groups.set(v, (groups.get(v) ?? 0) + 1);
  const minCount = groups.size ? Math.min(...groups.values()) : 0;
  const mine = groups.get(offerValue);
  return mine === undefined || (groups.size >= minimum && mine === minCount);
}

/** MAX_PER: fewer than `value` tasks share the offer's value (Constraints.scala:82-87). */
function checkMaxPer(value: string | undefined, placedValues: (string | undefined)[], offerValue: string): boolean {
  const max = Number.parseInt(value ?? '', 10);
  return placedValues.filter((v) => v === offerValue).length < max;
}

/** One constraint against one offer, given where the app's tasks already are (`allPlaced`: old and new versions alike). */
export function meetsConstraint(allPlaced: { agent: Agent }[], agent: Agent, constraint: string[]): boolean {
  const [field, op, value] = constraint;
  if (field === 'hostname') {
    const hosts = allPlaced.map((p) => p.agent.hostname);
    switch (op) {
      case 'LIKE':
        return fullMatch(agent.hostname, value ?? '');
      case 'UNLIKE':
        return !fullMatch(agent.hostname, value ?? '');
      case 'UNIQUE': // every task of the app on another host (Constraints.scala:94)
        return hosts.every((h) => h !== agent.hostname);
      case 'GROUP_BY':
        return checkGroupBy(value, hosts, agent.hostname);
      case 'MAX_PER':
        return checkMaxPer(value, hosts, agent.hostname);
      case 'CLUSTER': // the given host, and every task on it (Constraints.scala:97-101)
        return (!value || value === agent.hostname) && hosts.every((h) => h === agent.hostname);
      default:
        return false;
    }
  }
  const mine = attr(agent, field);
  // an attribute the offer lacks: only UNLIKE holds (Constraints.scala:147)
  if (mine === undefined) return op === 'UNLIKE';
  const values = allPlaced.map((p) => attr(p.agent, field));
  const matches = values.filter((v) => v === mine);
  switch (op) {
    case 'UNIQUE':
      return matches.length === 0;
    case 'CLUSTER':
      return (!value || mine === value) && matches.length === allPlaced.length;
    case 'GROUP_BY':
      return checkGroupBy(value, values, mine);
    case 'MAX_PER':
      return checkMaxPer(value, values, mine);
    case 'LIKE': // a value is required (Constraints.scala:128-135)
      return !!value && fullMatch(mine, value);
    case 'UNLIKE':
      return !!value && !fullMatch(mine, value);
    default:
      return false;
  }
}

/** Every reason the offer cannot take one instance (empty: it can). Resources free = the agent's minus every task on it. */
export function declineReasons(app: Obj, agent: Agent, ownPlaced: { agent: Agent }[], onAgent: PlacedTask[]): string[] {
  const reasons: string[] = [];
  const constraints: string[][] = Array.isArray(app.constraints) ? app.constraints : [];
  if (!constraints.every((c) => meetsConstraint(ownPlaced, agent, c))) reasons.push('UnfulfilledConstraint');
  const used = onAgent.reduce((s, t) => ({ cpus: s.cpus + t.cpus, mem: s.mem + t.mem, disk: s.disk + t.disk }), { cpus: 0, mem: 0, disk: 0 });
  const eps = 1e-9;
  if ((app.cpus ?? 1) > agent.cpus - used.cpus + eps) reasons.push('InsufficientCpus');
  if ((app.mem ?? 128) > agent.mem - used.mem + eps) reasons.push('InsufficientMemory');
  if ((app.disk ?? 0) > agent.disk - used.disk + eps) reasons.push('InsufficientDisk');
  return reasons;
}

/** The offer as /v2/queue?embed=lastUnusedOffers shows it (v1.4.13 docs/docs/rest-api/public/api/v2/types/offer.raml). */
export function offerJson(agent: Agent, offerId: string): Obj {
  return {
    id: offerId,
    agentId: agent.id,
    hostname: agent.hostname,
    resources: [
      { name: 'cpus', role: '*', scalar: agent.cpus },
      { name: 'mem', role: '*', scalar: agent.mem },
      { name: 'disk', role: '*', scalar: agent.disk },
      { name: 'ports', role: '*', ranges: [{ begin: 31000, end: 32000 }] },
    ],
    attributes: Object.entries(agent.attributes ?? {}).map(([name, text]) => ({ name, text })),
  };
}
