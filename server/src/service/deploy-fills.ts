// What deploy fills into the agent's Marathon app at send time, and how each door (the editor, the CLI)
// names where the value comes from and how the user provides one. The editor's findings and deploy's
// refusals both come from here, so a file the editor calls fine (an information: "filled at deploy") is one
// deploy sends, and a refusal names the same way out the Problems panel does. Names and booleans only: a
// value never enters the language service.
import type { EnvEntry } from './rules/marathon/agent';
import { hasPlaceholder } from './placeholders';

export type FillDoor = 'editor' | 'cli';

/** The variables deploy fills from outside the file (never written to it). */
export type FilledName = 'ACCESS_KEY' | 'COLLECTOR';

export interface DeployFills {
  /** whose words the messages use */
  door: FillDoor;
  /** an access key is there to fill ACCESS_KEY (VS Code's secret storage; SYSDIG_ACCESS_KEY) */
  accessKey: boolean;
  /** a collector is there to fill COLLECTOR (the sysdig-mesos.deploy.collector setting; SYSDIG_COLLECTOR) */
  collector: boolean;
  /** the `${VAR}` names that have a value (the sysdig-mesos.deploy.variables setting; the environment) */
  variables: readonly string[];
}

interface Words {
  /** where the value comes from, after "from" */
  from: string;
  /** what the user does to provide one: an imperative phrase */
  howTo: string;
}

const WORDS: Record<FillDoor, { ACCESS_KEY: Words; COLLECTOR: Words; variable: (name: string) => Words }> = {
  editor: {
    ACCESS_KEY: { from: "VS Code's secret storage", howTo: 'run "Sysdig Mesos: Set Sysdig access key"' },
    COLLECTOR: { from: 'the sysdig-mesos.deploy.collector setting', howTo: 'set the sysdig-mesos.deploy.collector setting' },
    variable: (name) => ({ from: 'the sysdig-mesos.deploy.variables setting', howTo: `add "${name}" to the sysdig-mesos.deploy.variables setting` }),
  },
  cli: {
    ACCESS_KEY: { from: 'SYSDIG_ACCESS_KEY', howTo: 'set SYSDIG_ACCESS_KEY in the environment' },
    COLLECTOR: { from: 'SYSDIG_COLLECTOR', howTo: 'set SYSDIG_COLLECTOR in the environment' },
    variable: (name) => ({ from: 'the environment', howTo: `set the environment variable ${name}` }),
  },
};

export function fillWords(door: FillDoor, name: FilledName): Words {
  return WORDS[door][name];
}

/** Where a `${name}` gets its value, and how to give it one. ACCESS_KEY and COLLECTOR also take the stored key / collector. */
export function variableWords(fills: DeployFills, name: string): Words {
  if (!fills.variables.includes(name) && isFilledName(name) && hasFill(fills, name)) return WORDS[fills.door][name];
  const own = WORDS[fills.door].variable(name);
  if (isFilledName(name)) return { from: own.from, howTo: `${own.howTo}, or ${WORDS[fills.door][name].howTo}` };
  return own;
}

export function isFilledName(name: string): name is FilledName {
  return name === 'ACCESS_KEY' || name === 'COLLECTOR';
}

export function hasFill(fills: DeployFills, name: FilledName): boolean {
  return name === 'ACCESS_KEY' ? fills.accessKey : fills.collector;
}

/** `${name}` has a value at deploy: its own (variables), else — for ACCESS_KEY/COLLECTOR — the stored one. */
export function variableHasValue(fills: DeployFills, name: string): boolean {
  return fills.variables.includes(name) || (isFilledName(name) && hasFill(fills, name));
}

/** An env value the file leaves for deploy: empty, or a guide placeholder. A bare `NAME` parameter is the host's value. */
export function fillableEntry(e: EnvEntry): boolean {
  return !e.secret && e.value !== undefined && (e.value.trim() === '' || hasPlaceholder(e.value));
}

/**
 * Deploy fills `name` when it has a value for it and the app leaves it to be filled: no entry at all (one is
 * added), or every entry empty or a placeholder. An entry with a real value is sent as the file says.
 */
export function fillsEntries(entries: readonly EnvEntry[], name: FilledName, available: boolean): boolean {
  if (!available) return false;
  const es = entries.filter((e) => e.name === name);
  return es.length === 0 || es.every(fillableEntry);
}

export const VARIABLE = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/**
 * A "variable missing or empty" finding of agent-app-access-key / agent-app-collector in the editor: deploy
 * fills it (information: says from where), or the way out is named beside the file's own (default severity).
 */
export function missingOrEmpty(fills: DeployFills | undefined, entries: readonly EnvEntry[], name: FilledName, message: string, missing: boolean): { severity?: 'info'; message: string } {
  if (!fills) return { message };
  return fillFinding(
    fills,
    entries,
    name,
    (from) => (missing ? `The app sets no ${name}: deploy adds ${name} from ${from} at send time (the file is not changed).` : `${name} is empty in the file: deploy fills it from ${from} at send time.`),
    (wayOut) => `${message.replace(/\.$/, '')}. Or keep it out of the file: ${wayOut}.`,
  );
}

/**
 * A finding about a variable deploy may fill (the placeholder rule's, the two above): an information saying
 * where the value comes from when deploy fills it; else the finding's own message with the way out added.
 */
export function fillFinding(
  fills: DeployFills,
  entries: readonly EnvEntry[],
  name: FilledName,
  filled: (from: string) => string,
  withWayOut: (wayOut: string) => string,
): { severity?: 'info'; message: string } {
  const words = fillWords(fills.door, name);
  if (fillsEntries(entries, name, hasFill(fills, name))) return { severity: 'info', message: filled(words.from) };
  return { message: withWayOut(`${words.howTo} and deploy fills it in at send time`) };
}
