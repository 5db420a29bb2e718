import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve as resolvePath } from 'node:path';
import { createLanguageService, detectKind, type DocKind, type SysdigMesosConfig } from './service/index';
import { maskUserInfo } from './service/agent-uri';
import { parseArgs, UsageError } from './cli/args';
import { formatSarif, formatText, toJsonFindings, type FileResult } from './cli/format';

const VERSION = '0.1.0';
const USAGE = `usage: sysdig-mesos lint [--format text|json|sarif] [--kind dragent|marathon-app] [--profile guide-2016|latest]
                         [--rules-config .sysdig-mesos.json] FILE|DIR...
       sysdig-mesos check [--config dragent.yaml] [--mesos URI] [--marathon URI] [--app sysdig.json]
                          [--format text|json] [--timeout ms] [--insecure]
       sysdig-mesos deploy FILE [--marathon URI | --config dragent.yaml] [--yes] [--force] [--wait SECONDS]
                           [--format text|json] [--timeout ms] [--insecure] [--rules-config .sysdig-mesos.json]

lint: lints dragent.yaml and Marathon app JSON files as the Sysdig agent and Marathon read them.
A directory is searched for files named like dragent.yaml or sysdig.json / marathon*.json
(or any .json that is a Marathon app). Rule severities, ignores and the profile come from
.sysdig-mesos.json in the current directory (or --rules-config); "# sysdig-mesos-disable-next-line"
comments are honoured. Exit: 0 no errors, 1 errors found, 2 bad usage or unreadable file.

check: asks the Mesos master and Marathon what the agent will ask (URIs from --mesos/--marathon, else
the config's mesos_state_uri/marathon_uris, else http://localhost:5050 and Mesos' marathon framework
or http://localhost:8080). Exit: 0 every check passed (warnings allowed), 1 a check failed, 2 bad usage.

deploy: deploys a Marathon app file (sysdig.json) to Marathon (--marathon, else the config's first
marathon_uris item, else http://localhost:8080). Refuses while the file has errors or placeholders.
ACCESS_KEY and COLLECTOR are filled from SYSDIG_ACCESS_KEY / SYSDIG_COLLECTOR when the file leaves them
empty or as placeholders, and \${VAR}s from the environment; the file is never changed. Without --yes
it only shows the plan (create, or the changes). --force cancels deployments that lock the app.
--wait: seconds to follow the deployment (default 600). Exit: 0 deployed and the tasks run, 1 refused,
rejected, failed or timed out, 2 bad usage or not confirmed (no --yes).`;

const LINT_FLAGS = ['format', 'kind', 'profile', 'rules-config'];
const CHECK_FLAGS = ['format', 'config', 'mesos', 'marathon', 'app', 'timeout', 'insecure'];
const DEPLOY_FLAGS = ['format', 'config', 'marathon', 'yes', 'force', 'wait', 'timeout', 'insecure', 'rules-config'];

class InputError extends Error {}

function main(argv: string[]): number | Promise<number> {
  let args;
  try {
    args = parseArgs(argv, new Set(['format', 'kind', 'profile', 'rules-config', 'config', 'mesos', 'marathon', 'app', 'timeout', 'wait']), new Set(['help', 'version', 'insecure', 'yes', 'force']));
  } catch (e) {
    return usage((e as Error).message);
  }
  const allowed = args.command === 'check' ? CHECK_FLAGS : args.command === 'deploy' ? DEPLOY_FLAGS : LINT_FLAGS;
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
  if (args.command === 'check') return check(args.flags, args.positionals);
  if (args.command === 'deploy') return deploy(args.flags, args.positionals);
  if (args.command !== 'lint') return usage(args.command ? `unknown command ${args.command}` : 'missing command');
  const format = (args.flags.get('format') as string | undefined) ?? 'text';
  if (!['text', 'json', 'sarif'].includes(format)) return usage(`--format must be text, json or sarif, not ${format}`);
  const kind = args.flags.get('kind') as string | undefined;
  if (kind !== undefined && kind !== 'dragent' && kind !== 'marathon-app') return usage(`--kind must be dragent or marathon-app, not ${kind}`);
  const profileFlag = args.flags.get('profile') as string | undefined;
  if (profileFlag !== undefined && profileFlag !== 'guide-2016' && profileFlag !== 'latest') return usage(`--profile must be guide-2016 or latest, not ${profileFlag}`);
  if (args.positionals.length === 0) return usage('no FILE given');

  const service = createLanguageService({
    onRuleError: ({ ruleId, error }) => process.stderr.write(`sysdig-mesos: rule ${ruleId} failed and was skipped: ${(error as Error)?.message ?? error}\n`),
  });
  const loaded = loadWorkspaceConfig(args.flags.get('rules-config') as string | undefined, !!profileFlag);
  if ('error' in loaded) {
    process.stderr.write(`sysdig-mesos: ${loaded.error}\n`);
    return 2;
  }
  const { config, configDir } = loaded;
  const profile = (profileFlag ?? 'guide-2016') as 'guide-2016' | 'latest';
  const results: FileResult[] = [];
  try {
    for (const { file, fileKind } of expand(args.positionals, kind as DocKind | undefined)) {
      const { text } = readInput(file);
      const k = fileKind ?? detectKind(file, text);
      if (!k) throw new InputError(`cannot tell what ${file} is; pass --kind dragent or --kind marathon-app`);
      const filePath = relative(configDir, resolvePath(file)).split(/[\\/]/).join('/');
      const { doc, findings } = service.check(text, k, { settings: { agentProfile: profile }, config, filePath });
      results.push({ file, doc, findings });
    }
  } catch (e) {
    if (e instanceof InputError) {
      process.stderr.write(`sysdig-mesos: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  if (format === 'json') process.stdout.write(JSON.stringify(toJsonFindings(results), null, 2) + '\n');
  else if (format === 'sarif') process.stdout.write(JSON.stringify(formatSarif(results, service.rules, VERSION), null, 2) + '\n');
  else {
    const text = formatText(results);
    if (text) process.stdout.write(text + '\n');
    const n = results.reduce((a, r) => a + r.findings.length, 0);
    const errors = results.reduce((a, r) => a + r.findings.filter((f) => f.severity === 'error').length, 0);
    process.stderr.write(`${results.length} file(s) checked, ${n} finding(s), ${errors} error(s)\n`);
  }
  return results.some((r) => r.findings.some((f) => f.severity === 'error')) ? 1 : 0;
}

/** A file the command reads; its byte order mark dropped (editors drop it from what they show, so columns match). */
function readInput(file: string): { file: string; text: string } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new InputError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return { file, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
}

/**
 * The workspace config the editor also reads: an explicit path, else ./.sysdig-mesos.json when present.
 * An explicit --profile wins over the file's agentProfile.
 */
function loadWorkspaceConfig(explicit: string | undefined, profileGiven: boolean): { config?: SysdigMesosConfig; configDir: string } | { error: string } {
  const configPath = explicit ?? (existsSync('.sysdig-mesos.json') ? '.sysdig-mesos.json' : undefined);
  if (!configPath) return { configDir: process.cwd() };
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(configPath, 'utf8'));
  } catch (e) {
    return { error: `cannot read ${configPath}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` };
  }
  const read = createLanguageService().readConfig(raw);
  if (read.problems.length) return { error: `${configPath}: ${read.problems[0]}${read.problems.length > 1 ? ` (and ${read.problems.length - 1} more)` : ''}` };
  return { config: profileGiven ? { ...read.config, agentProfile: undefined } : read.config, configDir: dirname(resolvePath(configPath)) };
}

function expand(paths: string[], kind: DocKind | undefined): { file: string; fileKind?: DocKind }[] {
  const out: { file: string; fileKind?: DocKind }[] = [];
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch (e) {
      throw new InputError(`cannot read ${p}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    if (st.isDirectory()) {
      for (const f of walkDir(p)) {
        if (kind) {
          out.push({ file: f, fileKind: kind });
          continue;
        }
        let text: string | undefined;
        if (/\.json$/i.test(f)) text = readFileSync(f, 'utf8');
        const k = detectKind(f, text);
        if (k) out.push({ file: f, fileKind: k });
      }
    } else {
      out.push({ file: p, fileKind: kind });
    }
  }
  return out;
}

function walkDir(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walkDir(p));
    else out.push(p);
  }
  return out;
}

async function check(flags: Map<string, string | true>, positionals: string[]): Promise<number> {
  // Loaded only for `check`: undici's initialisation stays off `lint`'s start-up.
  const { CheckUsageError, runCheck } = await import('./cluster/check');
  const { formatCheckText } = await import('./cli/check-format');
  if (positionals.length > 0) return usage(`check takes no FILE (use --config and --app): ${positionals[0]}`);
  const format = (flags.get('format') as string | undefined) ?? 'text';
  if (format !== 'text' && format !== 'json') return usage(`--format must be text or json for check, not ${format}`);
  const t = flags.get('timeout') as string | undefined;
  const timeoutMs = t === undefined ? undefined : Number(t);
  if (timeoutMs !== undefined && !(Number.isInteger(timeoutMs) && timeoutMs > 0)) return usage(`--timeout must be a positive number of milliseconds, not ${t}`);
  const read = (flag: string) => {
    const file = flags.get(flag) as string | undefined;
    return file === undefined ? undefined : readInput(file);
  };
  let report;
  try {
    report = await runCheck({
      config: read('config'),
      app: read('app'),
      mesos: flags.get('mesos') as string | undefined,
      marathon: flags.get('marathon') as string | undefined,
      timeoutMs,
      insecure: flags.has('insecure'),
    });
  } catch (e) {
    if (e instanceof InputError) {
      process.stderr.write(`sysdig-mesos: ${e.message}\n`);
      return 2;
    }
    if (e instanceof CheckUsageError) return usage(e.message);
    throw e;
  }
  if (format === 'json') process.stdout.write(maskUserInfo(JSON.stringify(report, null, 2)) + '\n');
  else process.stdout.write(formatCheckText(report) + '\n');
  return report.ok ? 0 : 1;
}

async function deploy(flags: Map<string, string | true>, positionals: string[]): Promise<number> {
  // Loaded only for `deploy`, like `check`.
  const { DeployUsageError, runDeploy } = await import('./cli/deploy');
  if (positionals.length !== 1) return usage(positionals.length === 0 ? 'deploy needs one FILE (the Marathon app, e.g. sysdig.json)' : `deploy takes one FILE, not ${positionals.length}`);
  const format = (flags.get('format') as string | undefined) ?? 'text';
  if (format !== 'text' && format !== 'json') return usage(`--format must be text or json for deploy, not ${format}`);
  const t = flags.get('timeout') as string | undefined;
  const timeoutMs = t === undefined ? undefined : Number(t);
  if (timeoutMs !== undefined && !(Number.isInteger(timeoutMs) && timeoutMs > 0)) return usage(`--timeout must be a positive number of milliseconds, not ${t}`);
  const w = flags.get('wait') as string | undefined;
  const waitSeconds = w === undefined ? undefined : Number(w);
  if (waitSeconds !== undefined && !(Number.isFinite(waitSeconds) && waitSeconds > 0)) return usage(`--wait must be a positive number of seconds, not ${w}`);
  // Ctrl-C stops following; the deployment itself goes on (the report says how to roll it back).
  const ac = new AbortController();
  const onSigint = () => ac.abort();
  process.once('SIGINT', onSigint);
  try {
    const app = readInput(positionals[0]);
    const configFile = flags.get('config') as string | undefined;
    // deploy refuses on what `lint` reports as errors: the same .sysdig-mesos.json applies
    const ws = loadWorkspaceConfig(flags.get('rules-config') as string | undefined, false);
    if ('error' in ws) throw new InputError(ws.error);
    const { code, report } = await runDeploy({
      file: app.file,
      text: app.text,
      config: configFile !== undefined ? readInput(configFile) : undefined,
      marathon: flags.get('marathon') as string | undefined,
      yes: flags.has('yes'),
      force: flags.has('force'),
      waitSeconds,
      format,
      timeoutMs,
      insecure: flags.has('insecure'),
      env: process.env,
      out: (s) => process.stdout.write(s + '\n'),
      signal: ac.signal,
      pollMs: process.env.SYSDIG_MESOS_POLL_MS ? Number(process.env.SYSDIG_MESOS_POLL_MS) : undefined,
      context: { config: ws.config, filePath: relative(ws.configDir, resolvePath(app.file)).split(/[\\/]/).join('/') },
    });
    if (format === 'json') process.stdout.write(JSON.stringify(report, null, 2) + '\n');
    return code;
  } catch (e) {
    if (e instanceof InputError) {
      process.stderr.write(`sysdig-mesos: ${e.message}\n`);
      return 2;
    }
    if (e instanceof DeployUsageError) return usage(e.message);
    throw e;
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
}

function usage(msg: string): number {
  process.stderr.write(`sysdig-mesos: ${msg}\n${USAGE}\n`);
  return 2;
}

Promise.resolve(main(process.argv.slice(2))).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`sysdig-mesos: internal error: ${(e as Error)?.stack ?? e}\n`);
    process.exitCode = 2;
  },
);
