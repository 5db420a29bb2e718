// "Show Task Log" (issue 13 §1), server side: `sysdig-mesos logs --task ID` (cluster/logs.ts runLogs) for the cluster
// the view shows — the workspace's dragent.yaml and settings, or a named cluster — streaming the masked text to the
// client. In the lazy cluster bundle. A failure is an answer with one line and the next step.
import { runLogs, LogsChoiceError } from '../cluster/logs';
import { StatusUsageError } from '../cluster/status';
import { ClusterError } from '../cluster/errors';
import { Secrets } from '../service/secrets';
import { safeText } from '../service/safe-text';
import { maskUserInfo } from '../service/agent-uri';
import { RequestFailure } from './expected-failure';
import { namedTarget } from './named-target';
import type { TaskLogParams, TaskLogResult, TaskLogTextParams } from './constants';

const MAX_TAIL = 100_000;

function fileName(uri: string): string {
  const last = uri.split(/[?#]/, 1)[0].split('/').pop() ?? uri;
  try {
    return decodeURIComponent(last) || uri;
  } catch {
    return last || uri;
  }
}

/** The editor's words for what the agent answered: the next step is in the view, not the CLI. */
function failedMessage(e: ClusterError | LogsChoiceError | StatusUsageError): string {
  if (e instanceof ClusterError && e.kind === 'not-found' && e.details.status === 404 && /\/files\//.test(e.details.url ?? '')) {
    // mesos-agent.ts readFileChunk: 404 is a path no longer attached (src/files/files.cpp), the sandbox removed by the
    // agent's garbage collection (--gc_delay) or detached when the executor's run was cleaned up
    return "the task's sandbox is gone (garbage-collected by the agent) — its output is lost; open the log of a task that still runs (refresh the view)";
  }
  return e.message.replace(/\(?sysdig-mesos status[^)]*\)?/, 'the view (refresh it)');
}

export async function taskLog(params: TaskLogParams, signal: AbortSignal, send: (p: TaskLogTextParams) => void): Promise<TaskLogResult> {
  if (typeof params?.logId !== 'string' || typeof params.taskId !== 'string' || params.taskId === '' || (params.stream !== 'stdout' && params.stream !== 'stderr')) {
    throw new RequestFailure('taskLog: logId, taskId and stream (stdout or stderr) are required');
  }
  const tail = params.tail ?? 100;
  if (!Number.isInteger(tail) || tail < 0 || tail > MAX_TAIL) throw new RequestFailure(`taskLog: tail must be a whole number from 0 to ${MAX_TAIL}`);
  const named = params.named ? namedTarget(params.named) : undefined;
  // runLogs masks what it knows; the stored credentials and the named cluster's are added here for the failure lines
  const secrets = new Secrets().add(process.env.SYSDIG_ACCESS_KEY);
  for (const c of [params.credentials, ...(named?.credentials ?? [])]) secrets.addCredentials(c);
  const mask = (s: string) => safeText(secrets.maskText(maskUserInfo(s)));
  const logId = params.logId;
  try {
    const r = await runLogs({
      config: named || !params.config ? undefined : { file: fileName(params.config.uri), text: params.config.text },
      mesos: named?.mesos ?? (params.mesos || undefined),
      marathon: named?.marathon ?? (params.marathon || undefined),
      marathonCredentials: named ? undefined : params.credentials,
      credentialsHints: named?.hints,
      app: params.app ? { file: fileName(params.app.uri), text: params.app.text } : undefined,
      timeoutMs: params.timeoutMs,
      signal,
      task: params.taskId,
      stream: params.stream,
      tail,
      follow: params.follow === true,
      accessKey: process.env.SYSDIG_ACCESS_KEY,
      onText: (text) => send({ logId, text: safeLogLines(text) }),
      onNote: (line) => send({ logId, note: mask(line) }),
      onSource: (s) =>
        send({
          logId,
          source: { taskId: mask(s.taskId), hostname: mask(s.agent.hostname), address: mask(s.agent.address), path: mask(s.path), stream: s.stream, taskState: s.taskState ?? null, completed: s.completed, size: s.size },
        }),
    });
    return { kind: 'log', stopped: r.result.stopped };
  } catch (e) {
    if (signal.aborted && e instanceof ClusterError && e.kind === 'cancelled') return { kind: 'log', stopped: 'aborted' };
    if (e instanceof ClusterError || e instanceof LogsChoiceError || e instanceof StatusUsageError) return { kind: 'failed', message: mask(failedMessage(e)) };
    if (e instanceof Error) e.message = mask(e.message);
    throw e;
  }
}

/** The log's own newlines and tabs kept, every other control character escaped (an ANSI sequence is shown, not run). */
function safeLogLines(text: string): string {
  return text
    .split('\n')
    .map((l) => l.split('\t').map(safeText).join('\t'))
    .join('\n');
}
