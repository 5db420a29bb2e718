import { createLanguageService } from '../service/index';
import { getProps, resolve, type MNode, type ParsedDocument } from '../service/documents/model';
import { collectUris } from '../service/dragent/uris';
import { redactUri } from '../service/agent-uri';
import { Secrets } from '../service/secrets';
import { ClusterError, cut, hostPort } from './errors';
import { parseClusterUri, type ClusterUri, type Credentials } from './http';
import { CredentialTrust, originOf } from './trust';
import { mesosLeader, mesosState, mesosVersion, stateJsonGone, type ClientOptions, type MesosState } from './mesos';
import { canonicalAppId, marathonApp, marathonInfo, marathonLeader, marathonPing, type MarathonApp } from './marathon';

/**
 * The cluster check behind `sysdig-mesos check` and the editor's "Check Mesos/Marathon connectivity":
 * asks the Mesos master and Marathon what the agent will ask, and says what works. Every check is `pass`,
 * `warn`, `fail` or `skip` (skipped because an earlier one failed). No output here: the CLI formats the
 * report (cli/check-format.ts), the language server maps it onto the files' lines.
 */

export type Status = 'pass' | 'warn' | 'fail' | 'skip';

export interface CheckItem {
  /** stable id, e.g. `mesos.state-json` */
  id: string;
  status: Status;
  message: string;
}

export type AuthOutcome = 'none' | 'accepted' | 'refused' | 'required' | 'unknown';

export interface CheckReport {
  ok: boolean;
  mesos: {
    uri: string;
    source: 'flag' | 'config' | 'default';
    reachable: boolean;
    latencyMs: number | null;
    version: string | null;
    leader: string | null;
    stateJson: boolean | null;
    agents: number | null;
    marathonFrameworks: { id: string; hostname: string | null; webuiUrl: string | null }[];
    auth: AuthOutcome;
  };
  marathon: {
    uri: string | null;
    source: 'flag' | 'config' | 'mesos' | 'default';
    reachable: boolean;
    latencyMs: number | null;
    version: string | null;
    leader: string | null;
    frameworkId: string | null;
    auth: AuthOutcome;
  };
  app: null | {
    file: string;
    id: string | null;
    instances: number | null;
    agents: number | null;
    deployed: boolean | null;
    /** tasks Marathon lists for the app */
    taskCount: number | null;
    taskHosts: string[];
    masterAgentHosts: string[];
  };
  checks: CheckItem[];
}

export interface CheckInput {
  config?: { file: string; text: string };
  /** which `marathon_uris` item of the config to check (default the first, the one the agent uses) */
  marathonItem?: number;
  /** no Marathon checks (the editor's "Check Mesos" without an app) */
  skipMarathon?: boolean;
  mesos?: string;
  marathon?: string;
  app?: { file: string; text: string };
  timeoutMs?: number;
  insecure?: boolean;
  /** whose advice a message gives: the CLI's command, or the editor's Problems panel (default cli) */
  door?: 'editor' | 'cli';
  /** where this run's credentials are set, for a 401's advice (a named cluster's variables); default: the flags' */
  credentialsHints?: { mesos?: string; marathon?: string };
}

/** A value given on the command line that cannot be used: exit 2. */
export class CheckUsageError extends Error {
  override readonly name = 'CheckUsageError';
}

const DEFAULT_MESOS = 'http://localhost:5050';
const DEFAULT_MARATHON = 'http://localhost:8080';

function scalarText(doc: ParsedDocument, key: string): string | undefined {
  const n = resolve(getProps(doc.root, key)[0]?.value ?? null);
  if (n && n.type === 'scalar' && n.value !== null) return n.text;
  return undefined;
}

function keyCreds(doc: ParsedDocument | undefined, prefix: 'mesos' | 'marathon'): Credentials | undefined {
  if (!doc) return undefined;
  const user = scalarText(doc, `${prefix}_user`);
  const password = scalarText(doc, `${prefix}_password`);
  return user !== undefined && user !== '' ? { user, password: password ?? '' } : undefined;
}

const NETWORK: ReadonlySet<string> = new Set(['refused', 'dns', 'timeout', 'tls', 'tls-certificate', 'reset', 'bad-uri']);

/**
 * Why app.deployed was not asked, in its own words: the editor's Check Mesos shows the app checks without the
 * Marathon section, so pointing at a marathon.* line would point at nothing.
 */
function marathonUnusable(checks: readonly CheckItem[], skipped: boolean | undefined): string {
  if (skipped) return 'Marathon was not checked';
  const failed = checks.find((c) => c.id.startsWith('marathon.') && c.status === 'fail');
  return failed ? `Marathon not usable: ${failed.message}` : 'Marathon not usable';
}

function authOf(e: unknown, credentialsSent: boolean): AuthOutcome {
  if (e instanceof ClusterError && e.kind === 'unauthorized') return credentialsSent ? 'refused' : 'required';
  return 'unknown';
}

function nodeValue(n: MNode | null | undefined): unknown {
  const r = resolve(n ?? null);
  if (!r) return undefined;
  if (r.type === 'scalar') return r.value;
  if (r.type === 'array') return r.items.map((i) => nodeValue(i));
  if (r.type === 'object') return Object.fromEntries(r.props.map((p) => [p.key, nodeValue(p.value)]));
  return undefined;
}

/**
 * The report comes back masked (secrets.ts): every password the check knows — in the URIs, the
 * *_password keys, and the Basic header they make — is masked in every string value before any door
 * (CLI text or json, the editor) serialises or shows it, so a server echoing one back shows `***`.
 */
export async function runCheck(input: CheckInput): Promise<CheckReport> {
  const secrets = new Secrets();
  try {
    const report = await check(input, secrets);
    return secrets.maskDeep(report);
  } catch (e) {
    if (e instanceof Error) {
      e.message = secrets.maskText(e.message);
      if (e.stack) e.stack = secrets.maskText(e.stack); // cli.ts prints an unexpected error's stack
    }
    throw e;
  }
}

async function check(input: CheckInput, secrets: Secrets): Promise<CheckReport> {
  const checks: CheckItem[] = [];
  const add = (id: string, status: Status, message: string) => checks.push({ id, status, message });
  const service = createLanguageService();
  const doc = input.config ? service.parse(input.config.text, 'dragent') : undefined;

  // ---- which URIs, which credentials
  let mesosRaw = DEFAULT_MESOS;
  let mesosSource: CheckReport['mesos']['source'] = 'default';
  let marathonRaw: string | undefined;
  let marathonSource: CheckReport['marathon']['source'] = 'default';
  if (doc) {
    const { entries } = collectUris(doc);
    const m = entries.find((e) => e.key === 'mesos_state_uri');
    if (m) {
      mesosRaw = m.scalar.text.trim();
      mesosSource = 'config';
    }
    const first = entries.filter((e) => e.key === 'marathon_uris')[input.marathonItem ?? 0];
    if (first) {
      marathonRaw = first.scalar.text.trim();
      marathonSource = 'config';
    }
  }
  if (input.mesos !== undefined) {
    mesosRaw = input.mesos;
    mesosSource = 'flag';
  }
  if (input.marathon !== undefined) {
    marathonRaw = input.marathon;
    marathonSource = 'flag';
  }
  secrets.addUri(mesosRaw).addUri(marathonRaw).addCredentials(keyCreds(doc, 'mesos')).addCredentials(keyCreds(doc, 'marathon'));
  const flagUri = (s: string, keepPath: boolean): ClusterUri => {
    try {
      return parseClusterUri(s, keepPath);
    } catch (e) {
      throw new CheckUsageError((e as Error).message);
    }
  };
  // A URI given on the command line must parse (usage error); one from the config is a finding.
  const mesosUri = mesosSource === 'flag' ? flagUri(mesosRaw, false) : tryUri(mesosRaw, false);
  const marathonFlagUri = marathonSource === 'flag' && marathonRaw !== undefined ? flagUri(marathonRaw, true) : undefined;

  const base: ClientOptions = {
    timeoutMs: input.timeoutMs,
    connectTimeoutMs: input.timeoutMs !== undefined ? Math.min(input.timeoutMs, 5000) : undefined,
    insecure: input.insecure,
  };
  // The agent: mesos_user/mesos_password replace the URI's credentials; a URI on the command line wins.
  const mesosCreds =
    mesosSource === 'flag' && !(mesosUri instanceof ClusterError) && mesosUri.credentials ? mesosUri.credentials : (keyCreds(doc, 'mesos') ?? (mesosUri instanceof ClusterError ? undefined : mesosUri.credentials));
  const marathonKeyCreds = keyCreds(doc, 'marathon');
  secrets.addCredentials(mesosCreds);
  if (!(mesosUri instanceof ClusterError)) secrets.addCredentials(mesosUri.credentials);
  if (marathonFlagUri) secrets.addCredentials(marathonFlagUri.credentials);

  const report: CheckReport = {
    ok: false,
    mesos: {
      uri: mesosUri instanceof ClusterError ? redactUri(mesosRaw) : mesosUri.shown,
      source: mesosSource,
      reachable: false,
      latencyMs: null,
      version: null,
      leader: null,
      stateJson: null,
      agents: null,
      marathonFrameworks: [],
      auth: 'unknown',
    },
    marathon: { uri: null, source: marathonSource, reachable: false, latencyMs: null, version: null, leader: null, frameworkId: null, auth: 'unknown' },
    app: null,
    checks,
  };

  // ---- Mesos
  let state: MesosState | undefined;
  let mesosLeaderHost: string | undefined;
  if (mesosUri instanceof ClusterError) {
    add('mesos.uri', 'fail', mesosUri.message);
    for (const id of ['mesos.reachable', 'mesos.leader', 'mesos.state-json', 'mesos.auth', 'mesos.agents', 'mesos.marathon-framework']) add(id, 'skip', 'Mesos URI unusable');
  } else {
    // One trust for the whole Mesos check: /version answering 2xx with the credentials is what lets the
    // master of the URI vouch for the leader its 307 names on the state request.
    // with --mesos the URI's own credentials (or the config's keys) are used: the advice says so, not mesos_state_uri
    const credentialsHint = input.credentialsHints?.mesos ?? (mesosSource === 'flag' ? 'user:password@ in --mesos, or mesos_user/mesos_password in the --config file' : undefined);
    const mopts: ClientOptions = { ...base, credentials: mesosCreds, trust: mesosCreds && new CredentialTrust(mesosCreds, mesosUri.base), credentialsHint };
    let reachable = false;
    try {
      const { version, res } = await mesosVersion(mesosUri.base, mopts);
      reachable = true;
      report.mesos.reachable = true;
      report.mesos.latencyMs = res.latencyMs;
      report.mesos.version = version.version;
      add('mesos.reachable', 'pass', `${mesosUri.shown}: Mesos ${version.version}, /version answered in ${res.latencyMs} ms`);
    } catch (e) {
      const ce = e as ClusterError;
      add('mesos.reachable', 'fail', ce.message);
      if (ce instanceof ClusterError && !NETWORK.has(ce.kind)) reachable = true; // it answered, just not as hoped
      report.mesos.reachable = reachable;
    }
    if (!reachable) {
      for (const id of ['mesos.leader', 'mesos.state-json', 'mesos.auth', 'mesos.agents', 'mesos.marathon-framework']) add(id, 'skip', 'Mesos not reachable');
    } else {
      try {
        const { leader } = await mesosLeader(mesosUri.base, mopts);
        mesosLeaderHost = leader;
      } catch (e) {
        add('mesos.leader', 'fail', (e as Error).message);
      }
      try {
        state = await mesosState(mesosUri.base, mopts);
        // "accepted" only when the host that answered the state received the credentials: a 2xx from
        // a host they were withheld from says nothing about them.
        report.mesos.auth = !mesosCreds ? 'none' : state.credentialsSent ? 'accepted' : 'unknown';
        report.mesos.latencyMs ??= state.latencyMs;
        report.mesos.version ??= state.version ?? null;
        // Only Mesos' own way of naming the leader (307 to `//host:port`) makes the host that answered the
        // leader; a host reached by any other redirect is just where the state came from.
        const leaderRedirects = state.hops.length > 1 && state.hops.slice(0, -1).every((h) => h.status === 307 && h.location?.startsWith('//'));
        const followed = leaderRedirects ? hostPort(state.url) : undefined;
        mesosLeaderHost ??= followed ?? state.leader ?? hostPort(state.url);
        if (!checks.some((c) => c.id === 'mesos.leader')) {
          add('mesos.leader', 'pass', `leader ${mesosLeaderHost}${followed ? ` (followed the redirect from ${hostPort(mesosUri.base)})` : ''}; state read in ${state.latencyMs} ms`);
        }
        report.mesos.leader = mesosLeaderHost;
        report.mesos.stateJson = state.stateJson;
        add('mesos.state-json', state.stateJson ? 'pass' : 'fail', state.stateJson ? '/master/state.json exists (the agent reads it)' : stateJsonGone(mesosUri.base));
        const answered = hostPort(state.url);
        if (!mesosCreds) add('mesos.auth', 'pass', 'no credentials needed for /master/state');
        else if (state.credentialsSent) add('mesos.auth', 'pass', `credentials for ${mesosCreds.user} accepted by ${answered}${state.hops.length > 1 ? ' (re-sent to the leader after the redirect)' : ''}`);
        else {
          add(
            'mesos.auth',
            'warn',
            `credentials for ${mesosCreds.user} not tested: ${answered} answered the state without them — they go only to the URI's host and to a leader named by a master that accepted them — point the URI at the leader`,
          );
        }
        report.mesos.agents = state.agents.length;
        add('mesos.agents', state.agents.length > 0 ? 'pass' : 'warn', state.agents.length > 0 ? `${state.agents.length} agent(s): ${state.agents.slice(0, 10).map((a) => a.hostname).join(', ')}${state.agents.length > 10 ? ', …' : ''}` : 'no agents registered: no node can run Marathon apps');
        report.mesos.marathonFrameworks = state.marathons.map((f) => ({ id: f.id, hostname: f.hostname ?? null, webuiUrl: f.webui_url ?? null }));
        if (state.marathons.length === 0) {
          add('mesos.marathon-framework', 'warn', 'no active framework named "marathon": the agent gets no Marathon data from this cluster (frameworks: ' + (state.frameworks.map((f) => f.name).join(', ') || 'none') + ')');
        } else if (state.marathons.length > 1) {
          add(
            'mesos.marathon-framework',
            'warn',
            `${state.marathons.length} frameworks named "marathon" (${state.marathons.map((f) => f.webui_url ?? f.hostname).join(', ')}): the agent follows only the first — run one root Marathon per cluster or set marathon_uris`,
          );
        } else {
          add('mesos.marathon-framework', 'pass', `framework marathon ${state.marathons[0].id}, webui_url ${state.marathons[0].webui_url || '(none)'}`);
        }
      } catch (e) {
        const ce = e as ClusterError;
        const sentCreds = mesosCreds !== undefined;
        report.mesos.auth = authOf(ce, sentCreds);
        if (!checks.some((c) => c.id === 'mesos.leader')) {
          if (mesosLeaderHost) {
            report.mesos.leader = mesosLeaderHost;
            add('mesos.leader', 'pass', `leader ${mesosLeaderHost} (from /master/redirect)`);
          } else add('mesos.leader', ce.kind === 'no-leader' ? 'fail' : 'skip', ce.kind === 'no-leader' ? ce.message : 'state not readable');
        }
        if (ce instanceof ClusterError && ce.kind === 'unauthorized') {
          add('mesos.state-json', 'skip', 'state not readable');
          add('mesos.auth', 'fail', ce.message);
        } else if (ce instanceof ClusterError && ce.kind === 'no-leader' && checks.some((c) => c.id === 'mesos.leader' && c.status === 'fail')) {
          add('mesos.state-json', 'skip', 'Mesos has no leader (see mesos.leader)');
          add('mesos.auth', 'skip', 'state not readable');
        } else {
          add('mesos.state-json', 'fail', ce.message);
          add('mesos.auth', 'skip', 'state not readable');
        }
        add('mesos.agents', 'skip', 'state not readable');
        add('mesos.marathon-framework', 'skip', 'state not readable');
      }
    }
  }

  // ---- Marathon
  let marathonUri: ClusterUri | ClusterError | undefined = marathonFlagUri;
  if (!marathonUri && marathonRaw !== undefined) marathonUri = tryUri(marathonRaw, true);
  let marathonReachable = false;
  let marathonOpts: ClientOptions | undefined;
  /**
   * The Marathon credentials for `u`. A URI the user gave gets them; one Mesos named (its marathon
   * framework's webui_url, as the agent follows it) only when that state came from the Mesos origin the
   * user named or from a master that received the Mesos credentials — not from a host reached after a
   * redirect that left the credentials behind, which could otherwise name itself as Marathon.
   */
  const marathonTrust = (u: ClusterUri): CredentialTrust | undefined => {
    const c = marathonSource === 'flag' && u.credentials ? u.credentials : (marathonKeyCreds ?? u.credentials);
    if (!c) return undefined;
    const vouched = marathonSource !== 'mesos' || !state || mesosUri instanceof ClusterError || state.credentialsSent || originOf(state.url) === originOf(mesosUri.base);
    return new CredentialTrust(c, vouched ? u.base : undefined);
  };
  if (!input.skipMarathon) {
    // As the agent follows Marathon: the framework's webui_url, else http://<its hostname>:8080.
    const followed = state?.marathons[0] ? state.marathons[0].webui_url || (state.marathons[0].hostname ? `http://${state.marathons[0].hostname}:8080` : undefined) : undefined;
    secrets.addUri(followed);
    if (!marathonUri && followed) {
      marathonSource = 'mesos';
      marathonUri = tryUri(followed, true);
    }
    if (!marathonUri) marathonUri = tryUri(DEFAULT_MARATHON, true);
    report.marathon.source = marathonSource;
    if (marathonUri instanceof ClusterError) {
      report.marathon.uri = marathonSource === 'mesos' ? redactUri(followed ?? '') : marathonRaw !== undefined ? redactUri(marathonRaw) : null;
      add('marathon.uri', 'fail', marathonUri.message + (marathonSource === 'mesos' ? ' (this is the webui_url Mesos reports for Marathon: set marathon_uris, or start Marathon with --webui_url)' : ''));
      for (const id of ['marathon.ping', 'marathon.info', 'marathon.leader']) add(id, 'skip', 'Marathon URI unusable');
    } else {
      report.marathon.uri = marathonUri.shown;
      const trust = marathonTrust(marathonUri);
      const creds = trust?.credentials;
      secrets.addCredentials(marathonUri.credentials).addCredentials(creds);
      // with --marathon the credentials come from that URI (or the config's keys): the advice says so, not marathon_uris
      const credentialsHint = input.credentialsHints?.marathon ?? (marathonSource === 'flag' ? 'user:password@ in --marathon, or marathon_user/marathon_password in the --config file' : undefined);
      const mo: ClientOptions = { ...base, credentials: creds, trust, credentialsHint };
      marathonOpts = mo;
      let skipWhy = '';
      try {
        const { res } = await marathonPing(marathonUri.base, mo);
        marathonReachable = true;
        report.marathon.reachable = true;
        report.marathon.latencyMs = res.latencyMs;
        report.marathon.auth = !creds ? 'none' : res.credentialsSent ? 'accepted' : 'unknown';
        const credsSaid = !creds ? '' : res.credentialsSent ? `, credentials for ${creds.user} accepted by ${hostPort(res.url)}` : `, credentials for ${creds.user} not sent to ${hostPort(res.url)} and so not tested: they go only to a Marathon URI you gave (marathon_uris, --marathon), or to one named by a Mesos master you named or that accepted the Mesos credentials`;
        // the answer is quoted cut to 160 characters, marked `…`, as every server answer in a message: a /ping
        // answering megabytes made one line (and the editor's notification) of megabytes
        add('marathon.ping', res.credentialsSent || !creds ? 'pass' : 'warn', `${marathonUri.shown} (${sourceLabel(marathonSource)}): /ping answered ${JSON.stringify(cut(res.body.trim()) || String(res.status))} in ${res.latencyMs} ms${credsSaid}`);
      } catch (e) {
        const ce = e as ClusterError;
        report.marathon.auth = authOf(ce, creds !== undefined);
        report.marathon.reachable = ce instanceof ClusterError && !NETWORK.has(ce.kind);
        add('marathon.ping', 'fail', ce.message);
        skipWhy = ce instanceof ClusterError && ce.kind === 'unauthorized' ? 'Marathon refused the request (see marathon.ping)' : ce instanceof ClusterError && ce.kind === 'no-leader' ? 'Marathon has no leader (see marathon.ping)' : report.marathon.reachable ? 'Marathon did not answer /ping (see marathon.ping)' : 'Marathon not reachable';
      }
      if (!marathonReachable) {
        add('marathon.info', 'skip', skipWhy);
        add('marathon.leader', 'skip', skipWhy);
      } else {
        try {
          const { info } = await marathonInfo(marathonUri.base, mo);
          report.marathon.version = info.version ?? null;
          report.marathon.frameworkId = info.frameworkId ?? null;
          const mesosIds = state?.marathons.map((f) => f.id) ?? [];
          if (info.frameworkId && state && mesosIds.length > 0 && !mesosIds.includes(info.frameworkId)) {
            add('marathon.info', 'warn', `Marathon ${info.version}, frameworkId ${info.frameworkId} — not the marathon framework Mesos shows (${mesosIds.join(', ')}): this Marathon runs on another Mesos cluster`);
          } else {
            add('marathon.info', 'pass', `Marathon ${info.version}, frameworkId ${info.frameworkId ?? '(none)'}${info.via ? `, proxied by the standby ${info.via.replace(/^1\.1 /, '')}` : ''}`);
          }
        } catch (e) {
          add('marathon.info', 'fail', (e as Error).message);
        }
        try {
          const { leader } = await marathonLeader(marathonUri.base, mo);
          report.marathon.leader = leader;
          add('marathon.leader', 'pass', `leader ${leader}`);
        } catch (e) {
          add('marathon.leader', 'fail', (e as Error).message);
        }
      }
    }
  }

  // ---- the agent's Marathon app
  if (input.app) {
    const appDoc = service.parse(input.app.text, 'marathon-app');
    const root = resolve(appDoc.root);
    const app = (root && root.type === 'object' ? nodeValue(root) : undefined) as Record<string, unknown> | undefined;
    const id = typeof app?.id === 'string' ? app.id : null;
    const instances = typeof app?.instances === 'number' ? app.instances : null;
    const constraints = Array.isArray(app?.constraints) ? (app!.constraints as unknown[]) : [];
    const unique = constraints.some((c) => Array.isArray(c) && c[0] === 'hostname' && c[1] === 'UNIQUE');
    const appReport: NonNullable<CheckReport['app']> = { file: input.app.file, id, instances, agents: state ? state.agents.length : null, deployed: null, taskCount: null, taskHosts: [], masterAgentHosts: [] };
    report.app = appReport;
    if (!app || appDoc.syntaxErrors.length > 0) {
      const next = input.door === 'editor' ? 'fix what the Problems panel shows for it' : `run sysdig-mesos lint ${input.app.file}`;
      add('app.file', 'fail', `${input.app.file}: not a readable app definition (${appDoc.syntaxErrors[0]?.message ?? 'no JSON object'}): ${next}`);
    }
    // instances vs agents
    if (!state) add('app.instances', 'skip', 'the number of Mesos agents is unknown');
    else if (instances === null) add('app.instances', 'fail', `${input.app.file}: "instances" is not a number (the guide leaves YOUR-NUMBER-OF-INSTANCES-HERE): set it to the number of agents, ${state.agents.length}`);
    else if (instances === state.agents.length) add('app.instances', 'pass', `instances ${instances} = ${state.agents.length} Mesos agent(s)`);
    else if (instances > state.agents.length) {
      add(
        'app.instances',
        unique ? 'fail' : 'warn',
        `instances ${instances} > ${state.agents.length} Mesos agent(s)${unique ? ': with ["hostname","UNIQUE"] the extra instances never start and the deployment never finishes' : ': several agents would run on one node'} — set instances to ${state.agents.length}`,
      );
    } else add('app.instances', 'warn', `instances ${instances} < ${state.agents.length} Mesos agent(s): ${state.agents.length - instances} node(s) stay unmonitored — set instances to ${state.agents.length}`);

    // master + agent on one node
    let deployed: MarathonApp | undefined;
    if (id && marathonReachable && !(marathonUri instanceof ClusterError) && marathonUri && marathonOpts) {
      try {
        deployed = (await marathonApp(marathonUri.base, id, marathonOpts)).app;
        appReport.deployed = deployed !== undefined;
        appReport.taskCount = deployed ? deployed.tasks.length : null;
        appReport.taskHosts = deployed ? [...new Set(deployed.tasks.map((t) => t.host).filter((h): h is string => !!h))] : [];
        add('app.deployed', 'pass', deployed ? `${canonicalAppId(id)} is deployed: ${deployed.tasks.length} task(s) on ${appReport.taskHosts.join(', ') || 'no host yet'}` : `${canonicalAppId(id)} is not deployed yet`);
      } catch (e) {
        add('app.deployed', 'fail', (e as Error).message);
      }
    } else add('app.deployed', 'skip', id ? marathonUnusable(checks, input.skipMarathon) : 'the app has no id');
    if (!state) add('app.master-agent', 'skip', 'the Mesos state is unknown');
    else {
      const masters = masterNames(state, mesosLeaderHost, mesosUri instanceof ClusterError ? undefined : mesosUri.base);
      const both = state.agents.filter((a) => masters.has(a.hostname.toLowerCase()) || (a.ip !== undefined && masters.has(a.ip.toLowerCase())));
      const names = both.map((a) => a.hostname);
      appReport.masterAgentHosts = names;
      if (both.length === 0) add('app.master-agent', 'pass', `no Mesos master is also an agent (masters: ${[...masters].join(', ')})`);
      else {
        const on = both.filter((a) => appReport.taskHosts.some((h) => h.toLowerCase() === a.hostname.toLowerCase() || h === a.ip));
        if (on.length > 0) {
          add('app.master-agent', 'fail', `the agent app runs on ${on.map((a) => a.hostname).join(', ')}, which is both Mesos master and agent: the guide says the agent must not run as a Marathon app there — add ["hostname","UNLIKE","${on[0].hostname}"] to constraints and run the agent there as a host daemon`);
        } else {
          add('app.master-agent', 'warn', `${names.join(', ')} is both Mesos master and agent: the guide says the agent must not run as a Marathon app there — add ["hostname","UNLIKE","${names[0]}"] to constraints and run the agent there as a host daemon`);
        }
      }
    }
  }

  report.ok = !checks.some((c) => c.status === 'fail');
  return report;
}

function tryUri(s: string, keepPath: boolean): ClusterUri | ClusterError {
  try {
    return parseClusterUri(s, keepPath);
  } catch (e) {
    if (e instanceof ClusterError) return e;
    throw e;
  }
}

function sourceLabel(s: CheckReport['marathon']['source']): string {
  return s === 'mesos' ? "from Mesos' marathon framework" : s === 'config' ? 'from the config' : s === 'flag' ? 'from --marathon' : 'the default';
}

/** Every name the Mesos masters are known by: the leader, the answering master, the URI's host. */
function masterNames(state: MesosState, leader: string | undefined, base: string | undefined): Set<string> {
  const out = new Set<string>();
  const addHost = (h: string | undefined) => {
    if (!h) return;
    const host = h.replace(/:\d+$/, '').replace(/^\[|\]$/g, '').toLowerCase();
    if (host) out.add(host);
  };
  addHost(leader);
  addHost(state.leader);
  addHost(state.hostname);
  addHost(state.pid);
  addHost(hostPort(state.url));
  if (base) addHost(hostPort(base));
  return out;
}
