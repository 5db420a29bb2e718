import { createLanguageService } from '../service/index';
import { getProps, resolve } from '../service/documents/model';
import { Secrets } from '../service/secrets';
import { envSlots, SECRET_NAME, type Json } from './deploy/app-env';
import { marathonApp, type MarathonApp, type MarathonTask } from './marathon';
import { mesosState, type MesosAgent, type MesosState } from './mesos';
import { clusterTargets, inParallel, STATUS_PARALLEL, type StatusInput } from './status';
import { MAX_TAIL_BYTES, readTaskLog, type LogStream, type TaskLogResult, type TaskLogSource } from './task-log';

/**
 * `sysdig-mesos logs`: which task of the agent app to read — from Marathon's tasks of the app (`--task`, `--host`, or
 * the only one), its last task failure when no task runs there — on which agent (Mesos' state), then readTaskLog.
 * The cluster is read as `status` reads it (clusterTargets). Every secret the run knows is masked in what comes out:
 * the Mesos and Marathon passwords, the access key (SYSDIG_ACCESS_KEY, the config's `customerid`, the app's
 * `ACCESS_KEY` and other secret-named variables, in the file and as Marathon runs it) — the task's own output
 * prints them at times.
 */

export interface LogsInput extends Pick<StatusInput, 'config' | 'mesos' | 'marathon' | 'app' | 'timeoutMs' | 'insecure' | 'signal' | 'credentialsHints' | 'marathonCredentials'> {
  host?: string;
  task?: string;
  stream: LogStream;
  tail: number;
  follow: boolean;
  pollMs?: number;
  /** SYSDIG_ACCESS_KEY, when set */
  accessKey?: string;
  /** the log's text, masked */
  onText(text: string): void;
  /** one line for a person (stderr): which task, host and file, a truncation; masked */
  onNote(line: string): void;
  /** where the log is (the editor's header), masked; the CLI says it with onNote */
  onSource?(source: TaskLogSource): void;
}

/** Which task cannot be told (several, none, not one of the app's): one line naming the way on, exit 2. */
export class LogsChoiceError extends Error {
  override readonly name = 'LogsChoiceError';
}

/** The task chosen: Mesos' ids and, when Marathon's last failure stands in for a task, the failure. */
export interface ChosenTask {
  taskId: string;
  agent: MesosAgent;
  /** why this one, when it is not what was asked for literally (the last failure, one of several on a host) */
  because?: string;
}

const norm = (s: string | undefined) => (s ?? '').trim().toLowerCase();
const MAX_LISTED = 10;

function listed(xs: string[]): string {
  const uniq = [...new Set(xs)];
  return uniq.length > MAX_LISTED ? `${uniq.slice(0, MAX_LISTED).join(', ')}, … (${uniq.length})` : uniq.join(', ');
}

function agentMatches(a: MesosAgent, host: string): boolean {
  return norm(a.hostname) === norm(host) || (a.ip !== undefined && norm(a.ip) === norm(host));
}

/** The agent a task (or failure) ran on: Marathon's `slaveId` is Mesos' agent id; else its `host` by name or IP. */
function agentOf(state: MesosState, t: { slaveId?: string; host?: string }): MesosAgent | undefined {
  return (t.slaveId ? state.agents.find((a) => a.id === t.slaveId) : undefined) ?? (t.host ? state.agents.find((a) => agentMatches(a, t.host!)) : undefined);
}

function hostOf(state: MesosState, t: MarathonTask): string {
  return agentOf(state, t)?.hostname ?? t.host ?? '?';
}

/** Running before staging, then the newest: the task a person means by "the task on this host". */
function best<T extends MarathonTask>(tasks: T[]): T {
  const rank = (t: MarathonTask) => (t.state === 'TASK_RUNNING' || (!t.state && t.startedAt) ? 1 : 0);
  return [...tasks].sort((a, b) => rank(b) - rank(a) || String(b.startedAt ?? b.stagedAt ?? '').localeCompare(String(a.startedAt ?? a.stagedAt ?? '')))[0];
}

/**
 * Which task: `--task` (one of the app's tasks, or its last failure), `--host` (the task there; else the last failure
 * there, whose sandbox tells why it failed), or the app's only task. Several and no choice: a LogsChoiceError listing
 * the hosts.
 */
export function chooseTask(state: MesosState, appId: string, app: MarathonApp | undefined, pick: { host?: string; task?: string }): ChosenTask {
  if (!app) throw new LogsChoiceError(`Marathon has no app ${appId}: deploy it (sysdig-mesos deploy), or name the app's file with --app`);
  const withAgent = (taskId: string, on: { slaveId?: string; host?: string }, because?: string): ChosenTask => {
    const agent = agentOf(state, on);
    if (!agent) throw new LogsChoiceError(`task ${taskId} ran on ${on.host ?? on.slaveId ?? 'an unknown node'}, which the Mesos master does not list as an agent (any more): its sandbox cannot be reached — run sysdig-mesos status`);
    return { taskId, agent, because };
  };
  const tasks = app.tasks.filter((t): t is MarathonTask & { id: string } => typeof t.id === 'string' && t.id !== '');
  const failure = app.lastTaskFailure?.taskId ? app.lastTaskFailure : undefined;
  const failed = (f: NonNullable<typeof failure>) => `no task of ${appId} runs there; its last task failure (${f.state ?? 'failed'}${f.timestamp ? ` at ${f.timestamp}` : ''}) ran this task`;
  const where = () => listed(tasks.map((t) => hostOf(state, t)));
  if (pick.task !== undefined) {
    const t = tasks.find((x) => x.id === pick.task);
    if (t) return withAgent(t.id, t);
    if (failure && failure.taskId === pick.task) return withAgent(failure.taskId!, failure, `the app's last task failure (${failure.state ?? 'failed'})`);
    throw new LogsChoiceError(`task ${pick.task} is not a task of ${appId}${tasks.length ? ` (its tasks run on ${where()}: pick one with --host)` : ' (it has none)'}; Marathon knows only the running tasks and the last failure`);
  }
  if (pick.host !== undefined) {
    const host = pick.host;
    if (!state.agents.some((a) => agentMatches(a, host)) && !tasks.some((t) => norm(t.host) === norm(host))) {
      throw new LogsChoiceError(`${host} is not a Mesos agent (the agents: ${listed(state.agents.map((a) => a.hostname)) || 'none'})`);
    }
    // by name first (Marathon's `host`, the agent's hostname), by the agent's IP only when no name matches: a node
    // is named one way or the other, never both at once
    const byName = (t: { slaveId?: string; host?: string }) => norm(t.host) === norm(host) || norm(agentOf(state, t)?.hostname) === norm(host);
    const byIp = (t: { slaveId?: string; host?: string }) => norm(agentOf(state, t)?.ip) === norm(host);
    const on = tasks.some(byName) || (failure !== undefined && byName(failure)) ? byName : byIp;
    const here = tasks.filter(on);
    if (here.length > 0) {
      const t = best(here);
      return withAgent(t.id, t, here.length > 1 ? `${here.length} tasks of ${appId} on ${host}: the ${t.state === 'TASK_RUNNING' ? 'running' : 'newest'} one` : undefined);
    }
    if (failure && on(failure)) return withAgent(failure.taskId!, failure, failed(failure));
    throw new LogsChoiceError(`no task of ${appId} on ${host}: the node is not monitored (sysdig-mesos status says why)${tasks.length ? `; its tasks run on ${where()}` : ''}`);
  }
  if (tasks.length === 1) return withAgent(tasks[0].id, tasks[0]);
  if (tasks.length === 0) {
    if (failure) return withAgent(failure.taskId!, failure, failed(failure).replace(' there', ''));
    throw new LogsChoiceError(`${appId} has no task: nothing to read — deploy or scale it, and see sysdig-mesos status`);
  }
  throw new LogsChoiceError(`${appId} has ${tasks.length} tasks: choose one with --host (${where()}) or --task ID`);
}

/** The secrets of an app definition: ACCESS_KEY and every secret-named variable's value. */
function appSecrets(app: unknown, secrets: Secrets): void {
  if (!app || typeof app !== 'object' || Array.isArray(app)) return;
  for (const s of envSlots(app as { [k: string]: Json })) if (s.name === 'ACCESS_KEY' || SECRET_NAME.test(s.name)) secrets.add(s.get());
}

/** The access key of a dragent.yaml (`customerid`). */
function configKey(text: string): string | undefined {
  const n = resolve(getProps(createLanguageService().parse(text, 'dragent').root, 'customerid')[0]?.value ?? null);
  return n && n.type === 'scalar' && n.value !== null ? n.text : undefined;
}

function parsed(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export interface LogsReport {
  source: TaskLogSource;
  result: TaskLogResult;
}

export async function runLogs(input: LogsInput): Promise<LogsReport> {
  const secrets = new Secrets().add(input.accessKey);
  const note = (s: string) => input.onNote(secrets.maskText(s));
  try {
    const { mesos, marathon, appId, mesosOpts, marathonOpts } = clusterTargets(input, secrets);
    if (input.config) secrets.add(configKey(input.config.text));
    if (input.app) appSecrets(parsed(input.app.text), secrets);
    const [state, got] = (await inParallel<unknown>(
      [() => mesosState(mesos.base, mesosOpts), () => marathonApp(marathon.base, appId, marathonOpts, ['app.tasks', 'app.lastTaskFailure'])],
      STATUS_PARALLEL,
    )) as [MesosState, Awaited<ReturnType<typeof marathonApp>>];
    // the app as Marathon runs it: its access key may differ from the file's
    appSecrets((parsed(got.res.body) as { app?: unknown } | undefined)?.app, secrets);
    const chosen = chooseTask(state, appId, got.app, { host: input.host, task: input.task });
    if (chosen.because) note(`${chosen.because}`);
    const result = await readTaskLog({
      mesos,
      agentId: chosen.agent.id,
      taskId: chosen.taskId,
      stream: input.stream,
      tail: input.tail,
      follow: input.follow,
      pollMs: input.pollMs,
      signal: input.signal,
      secrets,
      state,
      onText: input.onText,
      onSource: (s) => {
        // the editor draws its own header from the source; the CLI says it in one line on stderr
        if (input.onSource) return input.onSource(s);
        const state = s.taskState ? `${s.taskState}, ` : '';
        const ended = s.completed ? ', the executor ended' : '';
        note(`${s.stream} of task ${s.taskId} on ${s.agent.hostname} (${state}agent ${s.agent.address}${ended}): ${s.path}, ${s.size} bytes`);
      },
      onTruncated: (t) => note(`${t.path} is now ${t.size} bytes, shorter than the ${t.offset} read: truncated or rotated — reading from its start`),
    });
    if (result.capped) note(`only the last ${MAX_TAIL_BYTES / 1024 / 1024} MiB of ${result.source.path} were read for the tail: it holds fewer than ${input.tail} lines`);
    return { source: result.source, result };
  } catch (e) {
    if (e instanceof Error) {
      e.message = secrets.maskText(e.message);
      if (e.stack) e.stack = secrets.maskText(e.stack);
    }
    throw e;
  }
}
