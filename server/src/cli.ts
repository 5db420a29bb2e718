import { basename, dirname, relative, resolve as resolvePath } from 'node:path';
import { createLanguageService, detectKind, type DocKind, type WorkspaceFileInput } from './service/index';
import { MAX_TIMER_MS, parseArgs, parseTimeout, UsageError } from './cli/args';
import { formatSarif, formatText, toJsonFindings, type FileResult } from './cli/format';
import { expand, InputError, loadWorkspaceConfig, readInput } from './cli/inputs';
import { debugStack, errorFormatOf, oneLine, withSkipNotes, writeFailure, type ErrorFormat } from './cli/fail';
import { Secrets } from './service/secrets';
import { configHealth, type ConfigKey } from './cli/config-health';
import { ClusterFlagError, clusterFlagConflict, repeatedClusterFlag, resolveNamedCluster, type ResolvedCluster } from './cli/named-cluster';
import type { Skipped } from './files/walk-dir';

const VERSION = '0.1.0';
/** `logs` without --tail (task-log.ts DEFAULT_TAIL; not imported, so that `lint` never loads the cluster code) */
const DEFAULT_TAIL = 100;
const MAX_TAIL_LINES = 1_000_000;
const USAGE = `usage: sysdig-mesos lint [--format text|json|sarif] [--kind dragent|marathon-app] [--profile guide-2016|latest]
                         [--rules-config .sysdig-mesos.json] FILE|DIR...
       sysdig-mesos check [--config dragent.yaml] [--mesos URI] [--marathon URI] [--app sysdig.json]
                          [--cluster NAME [--clusters-file .sysdig-mesos.json]] [--format text|json] [--timeout ms] [--insecure]
       sysdig-mesos deploy FILE [--marathon URI | --config dragent.yaml | --cluster NAME] [--mesos URI] [--yes] [--force]
                           [--allow-stall] [--wait SECONDS] [--on-failure leave|rollback|cancel]
                           [--format text|json] [--timeout ms] [--insecure] [--rules-config .sysdig-mesos.json]
       sysdig-mesos status [--config dragent.yaml | --mesos URI --marathon URI | --cluster NAME] [--app sysdig.json]
                           [--clusters-file .sysdig-mesos.json] [--format text|json] [--timeout ms] [--insecure]
       sysdig-mesos effective sysdig.json [--format yaml|json]
       sysdig-mesos logs [--config dragent.yaml | --mesos URI --marathon URI | --cluster NAME] [--app sysdig.json]
                         [--clusters-file .sysdig-mesos.json] [--host H | --task ID] [--stderr] [--tail N] [--follow] [--timeout ms] [--insecure]

lint: lints dragent.yaml and Marathon app JSON files as the Sysdig agent and Marathon read them.
A directory is searched for files named like dragent.yaml or sysdig.json / marathon*.json
(or any .json that is a Marathon app). Rule severities, ignores and the profile come from
.sysdig-mesos.json in the current directory (or --rules-config); "# sysdig-mesos-disable-next-line"
comments are honoured. Rules over several files compare every file linted: configs reading the same
remote Mesos master, a dragent.yaml and an agent app in the same directory that disagree on the access
key or collector, two agent apps with one id in a directory (findings on each file, with the others as
related locations). Exit: 0 no errors, 1 errors found, 2 bad usage or unreadable file.

check: asks the Mesos master and Marathon what the agent will ask (URIs from --mesos/--marathon, else
the config's mesos_state_uri/marathon_uris, else http://localhost:5050 and Mesos' marathon framework
or http://localhost:8080). Exit: 0 every check passed (warnings allowed), 1 a check failed, 2 bad usage.

deploy: deploys a Marathon app file (sysdig.json) to Marathon (--marathon, else the config's first
marathon_uris item, else http://localhost:8080). Refuses while the file has errors or placeholders.
ACCESS_KEY and COLLECTOR are filled from SYSDIG_ACCESS_KEY / SYSDIG_COLLECTOR when the file leaves them
empty or as placeholders, and \${VAR}s from the environment; the file is never changed. Without --yes
it only shows the plan (create, or the changes). --force cancels deployments that lock the app.
An update of a one-task-per-node app that no node has room for (asked of Mesos: --mesos, else the
config's mesos_state_uri) is refused as it would never finish; --allow-stall sends it anyway.
--on-failure: a deployment that timed out or is blocked is left (default), rolled back (the revert is
followed to its end; never for a blocked one, whose revert stalls the same way) or cancelled (force: it
only stops).
--wait: seconds to follow the deployment (default 600). Exit: 0 deployed and the tasks run (or unchanged),
1 refused, rejected, failed, blocked or timed out, 2 bad usage or not confirmed (no --yes).

status: where the agent runs: one line per Mesos node (masters, the leader marked, and every agent with the
agent app's task there — state, health, version, since when — or "not monitored: no agent task"), then the
app (instances, running, healthy, the deployment and its step) and its last task failure. URIs as for check
(--mesos/--marathon, else the config's mesos_state_uri/marathon_uris, else http://localhost:5050 and
http://localhost:8080); the app id from --app, else the guide's /sysdig-agent. Exit: 0 every agent node
monitored, 1 an agent node is not monitored or the app runs on a node that is both master and agent (the
guide: run the agent there as a host daemon), 2 bad usage or the cluster could not be read.

--cluster NAME (status, check, deploy): a cluster of the "clusters" list in .sysdig-mesos.json (the current
directory's, or --clusters-file): its mesos and marathon URIs, and its app file when --app (deploy: FILE) is not
given. Not with --config, --mesos or --marathon. The list holds no passwords: they come from the environment,
SYSDIG_MESOS_<NAME>_MESOS_PASSWORD and SYSDIG_MESOS_<NAME>_MARATHON_PASSWORD (NAME upper-cased, every other
character than A-Z and 0-9 as _), with the users from SYSDIG_MESOS_<NAME>_MESOS_USER / _MARATHON_USER, else the
entry's mesosUser / marathonUser. One cluster per run.

effective: the dragent.yaml the agent image's entrypoint writes from a Marathon agent app (sysdig.json): the
variables ACCESS_KEY, TAGS, COLLECTOR, COLLECTOR_PORT, SECURE, CHECK_CERTIFICATE, then ADDITIONAL_CONF, then
RUN_MODE, in a container started without a dragent.yaml. yaml: the file, each run of lines under a "# ── ORIGIN"
comment naming where it comes from (the editor's view shows the same text); json: a list of {line, text, origin,
key?, masked?, ignored?}, where line and ignored.usedLine count the lines of the written file (the yaml's origin
comments are not counted). Secrets (customerid, passwords, URI user-info) are masked. With SYSDIG_ACCESS_KEY /
SYSDIG_COLLECTOR set, ACCESS_KEY / COLLECTOR left empty or as placeholders are shown as filled at deploy. Exit: 0 shown, 2 bad usage (not an agent app) or unreadable file.

logs: the agent app's task output (stdout, or stderr with --stderr) from its sandbox on the Mesos agent, as the
Mesos web UI reads it: the task from Marathon (--task ID, else the one on --host H, else the app's only task;
where no task runs, the last failed task there), its agent from Mesos' state, the sandbox from the agent's
/state, the file from the agent's /files/read. The last --tail lines (default ${DEFAULT_TAIL}), then with --follow
what is appended, every second, until Ctrl-C. Secrets (the access key, the Mesos and Marathon passwords) are
masked in the text; stderr says which task, host and file. Cluster as for status (--cluster NAME too). Exit: 0 the log was read
(or the follow stopped by Ctrl-C), 2 bad usage, no single task to read (the hosts are listed), or the
cluster, the agent or the sandbox could not be read.`;

const LINT_FLAGS = ['format', 'kind', 'profile', 'rules-config'];
const CHECK_FLAGS = ['format', 'config', 'mesos', 'marathon', 'app', 'timeout', 'insecure', 'cluster', 'clusters-file'];
const STATUS_FLAGS = ['format', 'config', 'mesos', 'marathon', 'app', 'timeout', 'insecure', 'cluster', 'clusters-file'];
const EFFECTIVE_FLAGS = ['format'];
const LOGS_FLAGS = ['config', 'mesos', 'marathon', 'app', 'host', 'task', 'stderr', 'tail', 'follow', 'timeout', 'insecure', 'cluster', 'clusters-file'];
const DEPLOY_FLAGS = ['format', 'config', 'marathon', 'mesos', 'yes', 'force', 'allow-stall', 'on-failure', 'wait', 'timeout', 'insecure', 'rules-config', 'cluster', 'clusters-file'];

/** Where errors go besides stderr: set from the raw arguments before anything can fail. */
let errorFormat: ErrorFormat = 'text';

function main(argv: string[]): number | Promise<number> {
  errorFormat = errorFormatOf(argv);
  let args;
  try {
    args = parseArgs(argv, new Set(['format', 'kind', 'profile', 'rules-config', 'config', 'mesos', 'marathon', 'app', 'timeout', 'wait', 'on-failure', 'cluster', 'clusters-file', 'host', 'task', 'tail']), new Set(['help', 'version', 'insecure', 'yes', 'force', 'allow-stall', 'stderr', 'follow']));
  } catch (e) {
    return usage((e as Error).message);
  }
  // Only lint writes SARIF; `check --format sarif` is a usage error said in text.
  if (errorFormat === 'sarif' && args.command !== 'lint') errorFormat = 'text';
  const allowed = args.command === 'check' ? CHECK_FLAGS : args.command === 'deploy' ? DEPLOY_FLAGS : args.command === 'status' ? STATUS_FLAGS : args.command === 'effective' ? EFFECTIVE_FLAGS : args.command === 'logs' ? LOGS_FLAGS : LINT_FLAGS;
  for (const f of args.flags.keys()) {
    if (f !== 'help' && f !== 'version' && !allowed.includes(f)) return usage(`unknown option --${f} for ${args.command ?? 'this command'}`);
  }
  if (args.flags.has('version')) {
    process.stdout.write(VERSION + '\n');
    return 0;
  }
  if (args.flags.has('help') || args.command === 'help') {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  if (repeatedClusterFlag(argv)) return usage(`--cluster given more than once: ${args.command ?? 'a command'} reads one cluster per run`);
  const conflict = clusterFlagConflict(args.flags);
  if (conflict) return usage(conflict);
  if (args.command === 'check') return check(args.flags, args.positionals);
  if (args.command === 'deploy') return deploy(args.flags, args.positionals);
  if (args.command === 'status') return status(args.flags, args.positionals);
  if (args.command === 'logs') return logs(args.flags, args.positionals);
  if (args.command === 'effective') return effective(args.flags, args.positionals);
  if (args.command !== 'lint') return usage(args.command ? `unknown command ${args.command}` : 'missing command');
  const format = (args.flags.get('format') as string | undefined) ?? 'text';
  if (!['text', 'json', 'sarif'].includes(format)) return usage(`--format must be text, json or sarif, not ${format}`);
  const kind = args.flags.get('kind') as string | undefined;
  if (kind !== undefined && kind !== 'dragent' && kind !== 'marathon-app') return usage(`--kind must be dragent or marathon-app, not ${kind}`);
  const profileFlag = args.flags.get('profile') as string | undefined;
  if (profileFlag !== undefined && profileFlag !== 'guide-2016' && profileFlag !== 'latest') return usage(`--profile must be guide-2016 or latest, not ${profileFlag}`);
  if (args.positionals.length === 0) return usage('no FILE given');

  const service = createLanguageService({
    onRuleError: ({ ruleId, error }) => process.stderr.write(`sysdig-mesos: rule ${ruleId} failed and was skipped: ${oneLine(String((error as Error)?.message ?? error))}\n`),
  });
  const loaded = loadWorkspaceConfig(args.flags.get('rules-config') as string | undefined, !!profileFlag);
  if ('error' in loaded) return fail(loaded.error);
  const { config, configDir } = loaded;
  const profile = (profileFlag ?? 'guide-2016') as 'guide-2016' | 'latest';
  const results: FileResult[] = [];
  // Entries a directory search left out (dangling links, loops, links out of the tree): told, never fatal.
  const skipped: Skipped[] = [];
  // every file linted, for the rules over several files (same folder: the same directory once resolved)
  const workspace: WorkspaceFileInput[] = [];
  const seen = new Set<string>();
  const onSkip = (s: Skipped) => {
    skipped.push(s);
    process.stderr.write(`sysdig-mesos: warning: skipped ${oneLine(`${s.path}: ${s.reason}`)}\n`);
  };
  try {
    for (const { file, fileKind, root } of expand(args.positionals, kind as DocKind | undefined, onSkip)) {
      const { text } = readInput(file, root);
      const k = fileKind ?? detectKind(file, text);
      if (!k) throw new InputError(`cannot tell what ${file} is; pass --kind dragent or --kind marathon-app`);
      const filePath = relative(configDir, resolvePath(file)).split(/[\\/]/).join('/');
      const context = { settings: { agentProfile: profile }, config, filePath };
      const { doc, findings } = service.check(text, k, context);
      results.push({ file, doc, findings });
      // a file named twice (or by two paths) is one file, not two configs agreeing with each other
      const resolved = resolvePath(file);
      if (!seen.has(resolved)) workspace.push({ id: file, folder: dirname(resolved), name: basename(file), doc, context });
      seen.add(resolved);
    }
  } catch (e) {
    if (e instanceof InputError) return fail(e.message);
    throw e;
  }
  const cross = service.checkWorkspace(workspace);
  for (const r of results) {
    const more = cross.get(r.file);
    if (more) r.findings = [...r.findings, ...more].sort((a, b) => a.start - b.start || a.end - b.end || a.ruleId.localeCompare(b.ruleId));
  }
  if (format === 'json') process.stdout.write(JSON.stringify(toJsonFindings(results), null, 2) + '\n');
  else if (format === 'sarif') process.stdout.write(JSON.stringify(withSkipNotes(formatSarif(results, [...service.rules, ...service.workspaceRules], VERSION), skipped), null, 2) + '\n');
  else {
    const text = formatText(results);
    if (text) process.stdout.write(text + '\n');
    const n = results.reduce((a, r) => a + r.findings.length, 0);
    const errors = results.reduce((a, r) => a + r.findings.filter((f) => f.severity === 'error').length, 0);
    process.stderr.write(`${results.length} file(s) checked, ${n} finding(s), ${errors} error(s)\n`);
  }
  return results.some((r) => r.findings.some((f) => f.severity === 'error')) ? 1 : 0;
}

function effective(flags: Map<string, string | true>, positionals: string[]): number {
  if (positionals.length !== 1) return usage(positionals.length === 0 ? 'effective needs one FILE (the agent\'s Marathon app, e.g. sysdig.json)' : `effective takes one FILE, not ${positionals.length}`);
  const format = (flags.get('format') as string | undefined) ?? 'yaml';
  if (format !== 'yaml' && format !== 'json') return usage(`--format must be yaml or json for effective, not ${format}`);
  let input;
  try {
    input = readInput(positionals[0]);
  } catch (e) {
    if (e instanceof InputError) return fail(e.message);
    throw e;
  }
  const kind = detectKind(input.file, input.text);
  if (kind !== 'marathon-app') return usage(`effective takes the agent's Marathon app (sysdig.json)${kind === 'dragent' || /\.ya?ml$/i.test(input.file) ? `; ${input.file} is a dragent.yaml, which the agent reads as it is` : `; ${input.file} is not a Marathon app`}`);
  const env = process.env;
  // what `sysdig-mesos deploy` would fill from this environment: names and booleans only, never the values
  const fills = env.SYSDIG_ACCESS_KEY || env.SYSDIG_COLLECTOR ? { door: 'cli' as const, accessKey: !!env.SYSDIG_ACCESS_KEY, collector: !!env.SYSDIG_COLLECTOR, variables: [] } : undefined;
  const service = createLanguageService();
  const r = service.effective(service.parse(input.text, kind), fills ? { deployFills: fills } : undefined);
  if (!r) return usage(`${input.file} is not the Sysdig agent's app (its container.docker.image is not sysdig/agent)`);
  // masked already on its values; the environment's key too, should it appear in the file
  const secrets = new Secrets().add(env.SYSDIG_ACCESS_KEY);
  if (format === 'json') {
    process.stdout.write(JSON.stringify(secrets.maskDeep(r.lines), null, 2) + '\n');
    for (const n of r.config.notes) process.stderr.write(`sysdig-mesos: note: ${oneLine(secrets.maskText(n))}\n`);
  } else {
    process.stdout.write(r.yaml.split('\n').map((l) => secrets.maskText(l)).join('\n'));
  }
  return 0;
}

async function check(flags: Map<string, string | true>, positionals: string[]): Promise<number> {
  // Loaded only for `check`: undici's initialisation stays off `lint`'s start-up.
  const { CheckUsageError, runCheck } = await import('./cluster/check');
  const { formatCheckText } = await import('./cli/check-format');
  if (positionals.length > 0) return usage(`check takes no FILE (use --config and --app): ${positionals[0]}`);
  const format = (flags.get('format') as string | undefined) ?? 'text';
  if (format !== 'text' && format !== 'json') return usage(`--format must be text or json for check, not ${format}`);
  let timeoutMs: number | undefined;
  try {
    timeoutMs = parseTimeout(flags.get('timeout') as string | undefined);
  } catch (e) {
    return usage((e as Error).message);
  }
  const read = (flag: string) => {
    const file = flags.get(flag) as string | undefined;
    return file === undefined ? undefined : readInput(file);
  };
  let report;
  try {
    const named = namedCluster(flags);
    const mesos = named?.mesos ?? (flags.get('mesos') as string | undefined);
    const marathon = named?.marathon ?? (flags.get('marathon') as string | undefined);
    const config = read('config');
    if (config) {
      const uses: ConfigKey[] = ['mesos_user', 'mesos_password', 'marathon_user', 'marathon_password'];
      if (mesos === undefined) uses.push('mesos_state_uri');
      if (marathon === undefined) uses.push('marathon_uris');
      judgeConfig(config, uses);
    }
    const app = read('app') ?? (named?.app !== undefined ? readInput(named.app) : undefined);
    report = await runCheck({ config, app, mesos, marathon, timeoutMs, insecure: flags.has('insecure'), credentialsHints: named?.hints });
  } catch (e) {
    if (e instanceof InputError) return fail(e.message);
    if (e instanceof ClusterFlagError) return usage(e.message);
    if (e instanceof CheckUsageError) return usage(e.message);
    throw e;
  }
  // runCheck masked the report on its values: text replacement on serialised JSON could corrupt it
  if (format === 'json') process.stdout.write(JSON.stringify(report, null, 2) + '\n');
  else process.stdout.write(formatCheckText(report) + '\n');
  return report.ok ? 0 : 1;
}

async function status(flags: Map<string, string | true>, positionals: string[]): Promise<number> {
  // Loaded only for `status`, like `check`: undici stays off `lint`'s start-up.
  const { runStatus, StatusUsageError } = await import('./cluster/status');
  const { ClusterError } = await import('./cluster/errors');
  const { formatStatusText } = await import('./cli/status-format');
  if (positionals.length > 0) return usage(`status takes no FILE (use --config and --app): ${positionals[0]}`);
  const format = (flags.get('format') as string | undefined) ?? 'text';
  if (format !== 'text' && format !== 'json') return usage(`--format must be text or json for status, not ${format}`);
  let timeoutMs: number | undefined;
  try {
    timeoutMs = parseTimeout(flags.get('timeout') as string | undefined);
  } catch (e) {
    return usage((e as Error).message);
  }
  const ac = new AbortController();
  const onSigint = () => ac.abort();
  process.once('SIGINT', onSigint);
  let report;
  try {
    const { named, mesos, marathon, config, appFile } = clusterInputs(flags);
    report = await runStatus({ config, app: appFile === undefined ? undefined : readInput(appFile), mesos, marathon, timeoutMs, insecure: flags.has('insecure'), signal: ac.signal, credentialsHints: named?.hints });
  } catch (e) {
    if (e instanceof InputError) return fail(e.message);
    if (e instanceof ClusterFlagError) return usage(e.message);
    // an unusable URI or an app file without an id: the line names it; the usage text would only bury it
    if (e instanceof StatusUsageError) return fail(e.message);
    // the cluster could not be read: its one line (URL masked, the next step), exit 2 — not a coverage verdict
    if (e instanceof ClusterError) return fail(e.message);
    throw e;
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
  if (format === 'json') process.stdout.write(JSON.stringify(report, null, 2) + '\n');
  else process.stdout.write(formatStatusText(report) + '\n');
  return report.coverage.ok ? 0 : 1;
}

/**
 * The cluster `status` and `logs` read: a named cluster (--cluster) or --mesos/--marathon, the dragent.yaml
 * (--config, judged for the keys it is used for) and the app file (--app, else the named cluster's).
 */
function clusterInputs(flags: Map<string, string | true>) {
  const named = namedCluster(flags);
  const mesos = named?.mesos ?? (flags.get('mesos') as string | undefined);
  const marathon = named?.marathon ?? (flags.get('marathon') as string | undefined);
  const configFile = flags.get('config') as string | undefined;
  const config = configFile === undefined ? undefined : readInput(configFile);
  if (config) {
    const uses: ConfigKey[] = ['mesos_user', 'mesos_password', 'marathon_user', 'marathon_password'];
    if (mesos === undefined) uses.push('mesos_state_uri');
    if (marathon === undefined) uses.push('marathon_uris');
    judgeConfig(config, uses);
  }
  const appFile = (flags.get('app') as string | undefined) ?? named?.app;
  return { named, mesos, marathon, config, appFile };
}

/** The follow's poll interval from SYSDIG_MESOS_POLL_MS (the tests shorten it), checked like --timeout; undefined: the default. */
function pollMsOf(env: string | undefined): number | undefined | Error {
  if (!env) return undefined;
  const n = /^\d+$/.test(env) ? Number(env) : NaN;
  return n >= 1 && n <= MAX_TIMER_MS ? n : new Error(`SYSDIG_MESOS_POLL_MS must be a whole number of milliseconds from 1 to ${MAX_TIMER_MS}, not ${env}`);
}

async function logs(flags: Map<string, string | true>, positionals: string[]): Promise<number> {
  // Loaded only for `logs`, like `status`: undici stays off `lint`'s start-up.
  const { runLogs, LogsChoiceError } = await import('./cluster/logs');
  const { StatusUsageError } = await import('./cluster/status');
  const { ClusterError } = await import('./cluster/errors');
  const { safeLogText } = await import('./service/safe-text');
  if (positionals.length > 0) return usage(`logs takes no FILE (use --config and --app): ${positionals[0]}`);
  let timeoutMs: number | undefined;
  try {
    timeoutMs = parseTimeout(flags.get('timeout') as string | undefined);
  } catch (e) {
    return usage((e as Error).message);
  }
  const host = flags.get('host') as string | undefined;
  const task = flags.get('task') as string | undefined;
  if (host !== undefined && task !== undefined) return usage('--host and --task name a task each: give one of them');
  const tailFlag = flags.get('tail') as string | undefined;
  const tail = tailFlag === undefined ? DEFAULT_TAIL : /^\d+$/.test(tailFlag) && Number(tailFlag) <= MAX_TAIL_LINES ? Number(tailFlag) : NaN;
  if (Number.isNaN(tail)) return usage(`--tail must be a whole number of lines from 0 to ${MAX_TAIL_LINES}, not ${tailFlag}`);
  const pollMs = pollMsOf(process.env.SYSDIG_MESOS_POLL_MS);
  if (pollMs instanceof Error) return fail(pollMs.message);
  // Ctrl-C: a follow ends there, cleanly (exit 0); a read still under way is cancelled (one line, exit 2)
  const ac = new AbortController();
  const onSigint = () => ac.abort();
  process.once('SIGINT', onSigint);
  try {
    const { named, mesos, marathon, config, appFile } = clusterInputs(flags);
    await runLogs({
      config,
      app: appFile === undefined ? undefined : readInput(appFile),
      mesos,
      marathon,
      host,
      task,
      stream: flags.has('stderr') ? 'stderr' : 'stdout',
      tail,
      follow: flags.has('follow'),
      pollMs,
      timeoutMs,
      insecure: flags.has('insecure'),
      signal: ac.signal,
      accessKey: process.env.SYSDIG_ACCESS_KEY,
      credentialsHints: named?.hints,
      onText: (text) => void process.stdout.write(safeLogText(text)),
      onNote: (line) => void process.stderr.write(`sysdig-mesos: ${oneLine(line)}\n`),
    });
    return 0;
  } catch (e) {
    // Ctrl-C ends a follow cleanly even while its first requests are under way
    if (flags.has('follow') && e instanceof ClusterError && e.kind === 'cancelled') return 0;
    if (e instanceof ClusterFlagError) return usage(e.message);
    if (e instanceof InputError || e instanceof StatusUsageError || e instanceof LogsChoiceError || e instanceof ClusterError) return fail(e.message);
    throw e;
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
}

async function deploy(flags: Map<string, string | true>, positionals: string[]): Promise<number> {
  // Loaded only for `deploy`, like `check`.
  const { DeployConfigError, DeployUsageError, runDeploy } = await import('./cli/deploy');
  if (positionals.length > 1 || (positionals.length === 0 && !flags.has('cluster'))) return usage(positionals.length === 0 ? 'deploy needs one FILE (the Marathon app, e.g. sysdig.json)' : `deploy takes one FILE, not ${positionals.length}`);
  const format = (flags.get('format') as string | undefined) ?? 'text';
  if (format !== 'text' && format !== 'json') return usage(`--format must be text or json for deploy, not ${format}`);
  let timeoutMs: number | undefined;
  try {
    timeoutMs = parseTimeout(flags.get('timeout') as string | undefined);
  } catch (e) {
    return usage((e as Error).message);
  }
  // The follow's poll interval (the tests shorten it): NaN, 0 or less, or past a timer's range would make
  // Node run the timer after 1 ms and poll Marathon's leader in a tight loop — refused like --timeout.
  const pollEnv = process.env.SYSDIG_MESOS_POLL_MS;
  const pollMs = pollEnv ? (/^\d+$/.test(pollEnv) ? Number(pollEnv) : NaN) : undefined;
  if (pollMs !== undefined && !(pollMs >= 1 && pollMs <= MAX_TIMER_MS)) return fail(`SYSDIG_MESOS_POLL_MS must be a whole number of milliseconds from 1 to ${MAX_TIMER_MS}, not ${pollEnv}`);
  const w = flags.get('wait') as string | undefined;
  const waitSeconds = w === undefined ? undefined : Number(w);
  if (waitSeconds !== undefined && !(Number.isFinite(waitSeconds) && waitSeconds > 0)) return usage(`--wait must be a positive number of seconds, not ${w}`);
  const onFailure = (flags.get('on-failure') as string | undefined) ?? 'leave';
  if (onFailure !== 'leave' && onFailure !== 'rollback' && onFailure !== 'cancel') return usage(`--on-failure must be leave, rollback or cancel, not ${onFailure}`);
  // Ctrl-C stops following; the deployment itself goes on (the report says how to roll it back).
  const ac = new AbortController();
  const onSigint = () => ac.abort();
  process.once('SIGINT', onSigint);
  try {
    const named = namedCluster(flags);
    const appFile = positionals[0] ?? named?.app;
    if (appFile === undefined) throw new ClusterFlagError(`deploy needs one FILE (the Marathon app, e.g. sysdig.json): cluster ${named?.cluster.name} names no app in ${named?.listFile}`);
    const app = readInput(appFile);
    const configFile = flags.get('config') as string | undefined;
    const config = configFile !== undefined ? readInput(configFile) : undefined;
    if (config) {
      // A marathon_uris item deploy cannot use ends the run with its own one line: no warning before it.
      const { configTarget } = await import('./cluster/deploy/index');
      let usable = true;
      try {
        configTarget(config.text, flags.get('marathon') as string | undefined);
      } catch {
        usable = false;
      }
      judgeConfig(config, flags.has('marathon') ? ['marathon_user', 'marathon_password'] : ['marathon_uris', 'marathon_user', 'marathon_password'], usable);
    }
    // deploy refuses on what `lint` reports as errors: the same .sysdig-mesos.json applies
    const ws = loadWorkspaceConfig(flags.get('rules-config') as string | undefined, false);
    if ('error' in ws) throw new InputError(ws.error);
    const { code, report } = await runDeploy({
      file: app.file,
      text: app.text,
      config,
      marathon: named?.marathon ?? (flags.get('marathon') as string | undefined),
      mesos: named?.mesos ?? (flags.get('mesos') as string | undefined),
      credentialsHint: named?.hints.marathon,
      cluster: named?.cluster.name,
      yes: flags.has('yes'),
      force: flags.has('force'),
      allowStall: flags.has('allow-stall'),
      onFailure,
      waitSeconds,
      format,
      timeoutMs,
      insecure: flags.has('insecure'),
      env: process.env,
      out: (s) => process.stdout.write(s + '\n'),
      signal: ac.signal,
      pollMs,
      context: { config: ws.config, filePath: relative(ws.configDir, resolvePath(app.file)).split(/[\\/]/).join('/') },
    });
    if (format === 'json') process.stdout.write(JSON.stringify(report, null, 2) + '\n');
    return code;
  } catch (e) {
    if (e instanceof InputError || e instanceof DeployConfigError) return fail(e.message);
    if (e instanceof DeployUsageError || e instanceof ClusterFlagError) return usage(e.message);
    throw e;
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
}

/** `--cluster NAME`, resolved (named-cluster.ts); undefined without the flag. */
function namedCluster(flags: Map<string, string | true>): ResolvedCluster | undefined {
  const name = flags.get('cluster') as string | undefined;
  return name === undefined ? undefined : resolveNamedCluster(name, { clustersFile: flags.get('clusters-file') as string | undefined, env: process.env });
}

/**
 * `check`/`deploy --config`: a file whose YAML hides a key the command uses is refused (InputError);
 * one with other errors is used, with a warning naming what was taken from it.
 */
function judgeConfig(config: { file: string; text: string }, uses: ConfigKey[], warn = true): void {
  const health = configHealth(config, uses);
  if (health.refuse) throw new InputError(health.refuse);
  if (health.warning && warn) process.stderr.write(`sysdig-mesos: warning: ${oneLine(health.warning)}\n`);
}

const stdio = { stdout: (s: string) => process.stdout.write(s), stderr: (s: string) => process.stderr.write(s) };

/** A bad argument: one line and the usage on stderr (text), or the JSON/SARIF error object on stdout. */
function usage(msg: string): number {
  return writeFailure(stdio, errorFormat, msg, 2, VERSION, USAGE);
}

/** An unusable file or value: one line, exit 2, and the JSON/SARIF error object when asked for. */
function fail(msg: string): number {
  return writeFailure(stdio, errorFormat, msg, 2, VERSION);
}

Promise.resolve(main(process.argv.slice(2))).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    // One line like every other failure; the stack only when asked for (a bug report).
    const err = e as Error;
    // masked like every other output: the secrets known here are the arguments' URI passwords and the
    // access key (those read from files live in the command that failed)
    const known = new Secrets().add(process.env.SYSDIG_ACCESS_KEY);
    for (const a of process.argv.slice(2)) known.addUri(a);
    // and the named clusters' passwords (SYSDIG_MESOS_<NAME>_*_PASSWORD, named-cluster.ts)
    for (const [k, v] of Object.entries(process.env)) if (k.startsWith('SYSDIG_MESOS_') && k.endsWith('_PASSWORD')) known.add(v);
    if (process.env.SYSDIG_MESOS_DEBUG) process.stderr.write(`${debugStack(e, known)}\n`);
    process.exitCode = writeFailure(stdio, errorFormat, known.maskText(`internal error: ${err?.name ?? 'Error'}: ${err?.message ?? String(e)} (SYSDIG_MESOS_DEBUG=1 shows the stack)`), 2, VERSION);
  },
);
