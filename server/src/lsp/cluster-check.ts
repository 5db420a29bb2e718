// The editor's "Check Mesos/Marathon connectivity": runs the cluster check (cluster/check.ts) with the
// URIs and credentials of the dragent.yaml in the editor, and turns what failed into diagnostics on the
// lines the URIs came from. Loaded by the server on first use (its own bundle, dist/cluster-check.js), so
// undici and the cluster code cost nothing until a check runs.
import { runCheck, type CheckInput, type CheckItem, type CheckReport } from '../cluster/check';
import { maskUserInfo } from '../service/agent-uri';
import { safeText } from '../service/safe-text';
import { createLanguageService, type ParsedDocument } from '../service/index';
import { getProps, resolve } from '../service/documents/model';
import { collectUris } from '../service/dragent/uris';
import type { Span } from '../service/types';
import { DIAGNOSTIC_SOURCE, type ClusterCheckParams, type ClusterCheckResult } from './constants';
import { checkHref } from '../cluster/check-ids';
import { credentialSpan } from './check-places';
import { namedTarget } from './named-target';

type Section = ClusterCheckResult['sections'][number];
type DiagnosticItem = ClusterCheckResult['diagnostics'][number]['items'][number];

const service = createLanguageService();

/**
 * What the editor shows (diagnostics, the output channel, notifications) quotes Mesos' and Marathon's
 * answers: passwords masked and control characters escaped, so that no answer forges a line there.
 */
function shown(s: string): string {
  return safeText(maskUserInfo(s));
}

/** A document's name as a message shows it (its URI is for the editor, not for reading). */
function fileName(uri: string): string {
  const cut = [uri.indexOf('?'), uri.indexOf('#')].filter((i) => i >= 0);
  const last = (cut.length ? uri.slice(0, Math.min(...cut)) : uri).split('/').pop() ?? uri;
  try {
    return decodeURIComponent(last) || uri;
  } catch {
    return last || uri;
  }
}

export async function clusterCheck(params: ClusterCheckParams): Promise<ClusterCheckResult> {
  // a named cluster: its own URIs and credentials, and no dragent.yaml (nothing of its is checked, no line is marked)
  const named = params.named ? namedTarget(params.named) : undefined;
  if (named) params = { ...params, config: undefined };
  const config = params.config ? service.parse(params.config.text, 'dragent') : undefined;
  const app = params.app ? service.parse(params.app.text, 'marathon-app') : undefined;
  const input: CheckInput = {
    config: params.config ? { file: fileName(params.config.uri), text: params.config.text } : undefined,
    timeoutMs: params.timeoutMs,
    door: 'editor',
    ...(named ? { mesos: named.mesos, marathon: named.marathon, credentialsHints: named.hints } : {}),
  };
  const diagnostics = new Map<string, DiagnosticItem[]>();
  const place = (uri: string | undefined, doc: ParsedDocument | undefined, span: Span | undefined, c: CheckItem, label: string) => {
    if (!uri || !doc || !span || (c.status !== 'fail' && c.status !== 'warn')) return;
    const list = diagnostics.get(uri) ?? [];
    list.push({
      range: { start: doc.lines.positionAt(span.start), end: doc.lines.positionAt(span.end) },
      severity: c.status === 'fail' ? 1 : 2,
      message: shown(`${label}: ${c.message}`),
      code: c.id,
      // the same source as the lint diagnostics, and a link to what the check means (docs/checks.md)
      source: DIAGNOSTIC_SOURCE,
      href: checkHref(c.id),
    });
    diagnostics.set(uri, list);
  };
  const uris = config ? collectUris(config) : undefined;
  const mesosScalar = uris?.entries.find((e) => e.key === 'mesos_state_uri')?.scalar;
  const mesosSpan = mesosScalar?.range;
  const sections: Section[] = [];
  const section = (title: string, checks: CheckItem[]) => sections.push({ title: shown(title), checks: checks.map((c) => ({ ...c, message: shown(c.message) })) });

  if (params.target === 'mesos') {
    const report = await runCheck({ ...input, app: params.app ? { file: fileName(params.app.uri), text: params.app.text } : undefined, skipMarathon: !params.app });
    const mesos = report.checks.filter((c) => c.id.startsWith('mesos.'));
    section(`Mesos ${report.mesos.uri} (${sourceLabel(report.mesos.source)})`, mesos);
    const fromConfig = report.mesos.source === 'config';
    for (const c of mesos) {
      // refused credentials: on the key that set them (mesos_password, or the URI's user-info), not on the URI
      const refused = c.id === 'mesos.auth' && c.status === 'fail' && report.mesos.auth === 'refused' && config;
      const span = refused ? credentialSpan(config, 'mesos', fromConfig ? mesosScalar : undefined) ?? (fromConfig ? mesosSpan : undefined) : fromConfig ? mesosSpan : undefined;
      place(params.config?.uri, config, span, c, 'Check Mesos');
    }
    const appChecks = report.checks.filter((c) => c.id.startsWith('app.'));
    if (appChecks.length) {
      section(`App ${report.app?.id ?? params.app?.uri ?? ''}`, appChecks);
      for (const c of appChecks) place(params.app?.uri, app, appSpan(app, c.id), c, 'Check Mesos');
    }
    const ok = !report.checks.some((c) => c.status === 'fail');
    return {
      ok,
      summary: shown(mesosSummary(report, ok)),
      sections,
      mesosLeader: report.mesos.leader === null ? null : shown(report.mesos.leader),
      marathonLeaders: [],
      agents: report.mesos.agents,
      appDeployed: report.app?.deployed ?? null,
      appTasks: report.app?.deployed ? report.app.taskCount : null,
      diagnostics: [...diagnostics].map(([uri, items]) => ({ uri, items })),
    };
  }

  // Marathon: every marathon_uris item (the agent reads only the first; a rule says so), else the one
  // Mesos names, else the guide's default.
  const items = uris?.entries.filter((e) => e.key === 'marathon_uris') ?? [];
  const runs = items.length ? items.map((_e, i) => i) : [undefined];
  const leaders: string[] = [];
  let ok = true;
  let agents: number | null = null;
  let mesosLeader: string | null = null;
  const failures: string[] = [];
  const versions: string[] = [];
  let frameworksWarned = false;
  for (const i of runs) {
    const report = await runCheck({ ...input, marathonItem: i });
    agents ??= report.mesos.agents;
    mesosLeader ??= report.mesos.leader === null ? null : shown(report.mesos.leader);
    const checks = report.checks.filter((c) => c.id.startsWith('marathon.'));
    const framework = report.checks.find((c) => c.id === 'mesos.marathon-framework' && c.status === 'warn');
    if (framework && !frameworksWarned) {
      // more than one (or no) framework named marathon: said once, on the marathon_uris key
      frameworksWarned = true;
      checks.push(framework);
    }
    const span = i === undefined ? undefined : items[i].scalar.range;
    section(`Marathon ${report.marathon.uri ?? '(none)'} (${i === undefined ? sourceLabel(report.marathon.source) : `marathon_uris item ${i + 1}`})`, checks);
    const fromConfig = report.marathon.source === 'config';
    for (const c of checks) {
      const refused = c.id === 'marathon.ping' && c.status === 'fail' && report.marathon.auth === 'refused' && config;
      const credentials = refused ? credentialSpan(config, 'marathon', fromConfig && i !== undefined ? items[i].scalar : undefined) : undefined;
      const target = c.id === 'mesos.marathon-framework' && config ? getProps(config.root, 'marathon_uris')[0]?.keyRange : span;
      place(params.config?.uri, config, credentials ?? (fromConfig || c.id.startsWith('mesos.') ? target : undefined), c, 'Check Marathon');
    }
    if (report.marathon.leader) leaders.push(shown(report.marathon.leader));
    if (report.marathon.version) versions.push(report.marathon.version);
    const failed = checks.find((c) => c.status === 'fail');
    if (failed) {
      ok = false;
      failures.push(failed.message);
    }
  }
  const summary = ok
    ? `Marathon ${versions[0] ?? ''} reachable, leader ${leaders.join(', ') || 'unknown'}`.replace(/\s+/g, ' ')
    : `Check Marathon failed: ${failures[0]}`;
  return {
    ok,
    summary: shown(summary),
    sections,
    mesosLeader,
    marathonLeaders: leaders,
    agents,
    appDeployed: null,
    appTasks: null,
    diagnostics: [...diagnostics].map(([uri, items]) => ({ uri, items })),
  };
}

function sourceLabel(s: CheckReport['mesos']['source'] | CheckReport['marathon']['source']): string {
  return s === 'config' ? 'from dragent.yaml' : s === 'mesos' ? "named by Mesos' marathon framework" : s === 'flag' ? 'given' : 'the guide\'s default';
}

function mesosSummary(r: CheckReport, ok: boolean): string {
  if (!ok) return `Check Mesos failed: ${r.checks.find((c) => c.status === 'fail')!.message}`;
  const warns = r.checks.filter((c) => c.status === 'warn').length;
  return `Mesos ${r.mesos.version ?? ''} leader ${r.mesos.leader ?? 'unknown'}: ${r.mesos.agents ?? 0} agent(s), /master/state.json ${r.mesos.stateJson ? 'present' : 'absent'}${warns ? ` — ${warns} warning(s)` : ''}`.replace(/\s+/g, ' ');
}

/** Where an app check belongs in sysdig.json. */
function appSpan(doc: ParsedDocument | undefined, id: string): Span | undefined {
  if (!doc) return undefined;
  const root = resolve(doc.root);
  if (!root || root.type !== 'object') return { start: 0, end: 0 };
  const prop = (key: string) => getProps(root, key)[0];
  switch (id) {
    case 'app.instances':
      return (prop('instances')?.value ?? undefined)?.range ?? prop('instances')?.keyRange ?? prop('id')?.keyRange;
    case 'app.master-agent':
      return prop('constraints')?.keyRange ?? prop('id')?.keyRange;
    default:
      return prop('id')?.value?.range ?? prop('id')?.keyRange ?? { start: 0, end: 0 };
  }
}
