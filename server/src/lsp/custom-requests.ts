import { TextDocument } from 'vscode-languageserver-textdocument';
import { AGENT_PROFILE_EDIT_REQUEST, EFFECTIVE_CONFIG_REQUEST, type AgentProfileEditParams, type AgentProfileEditResult, type EffectiveConfigParams, type EffectiveConfigResult } from './constants';
import { CONFIG_FILE_NAME, DOCUMENT_INFO_REQUEST, FILL_PLACEHOLDER_REQUEST, PLACEHOLDERS_REQUEST, type FillPlaceholderParams, type FillPlaceholderResult, type DocumentInfo, type DocumentInfoParams, type PlaceholdersParams, type PlaceholdersResult } from './constants';
import { documentKind } from './kind';
import type { FillInput } from '../service/index';
import type { NamedCluster } from '../service/clusters';
import { plainText } from '../service/text/plain-text';
import { describeError } from './log';
import { registerClusterRequests } from './cluster-requests';
import type { ServerContext } from './server-context';

/**
 * Our own requests: the document's kind and agent profile (the client's language status item), the
 * cluster requests, filling a placeholder and listing the placeholders of a set of documents.
 */
export function registerCustomRequests(ctx: ServerContext): void {
  const { connection, documents, log, fetchSettings, configFor, analysis, getService } = ctx;

  // The VS Code client's language status item asks what a document is and which agent profile applies.
  connection.onRequest(DOCUMENT_INFO_REQUEST, async (params: DocumentInfoParams): Promise<DocumentInfo | null> => {
    try {
      const uri = params?.uri;
      if (typeof uri !== 'string' || ctx.isShuttingDown() || !documents.get(uri)) return null;
      const settings = await fetchSettings(uri);
      const doc = documents.get(uri);
      if (!doc || ctx.isShuttingDown()) return null;
      const kind = documentKind(doc.uri, doc.languageId, doc.getText(), settings.patterns) ?? null;
      if (!kind) return { kind };
      let fromFile: DocumentInfo['agentProfile'];
      try {
        fromFile = configFor(uri).config?.agentProfile;
      } catch (e) {
        log.once(`wsconfig:${describeError(e, 2)}`, `reading ${CONFIG_FILE_NAME} failed: ${describeError(e)}`);
      }
      return fromFile
        ? { kind, agentProfile: fromFile, profileSource: 'workspace-file' }
        : { kind, agentProfile: settings.service.agentProfile, profileSource: 'settings' };
    } catch (e) {
      log.once(`documentInfo:${describeError(e, 2)}`, `${DOCUMENT_INFO_REQUEST} failed: ${describeError(e)}`);
      return null;
    }
  });

  registerClusterRequests(connection, log, async (uri) => {
    const settings = await fetchSettings(uri);
    const ws = configFor(uri);
    return { settings: settings.service, config: ws.config, filePath: ws.filePath };
  }, () =>
    ctx.folders().map((folderUri) => {
      let clusters: NamedCluster[] = [];
      try {
        clusters = configFor(`${folderUri.endsWith('/') ? folderUri.slice(0, -1) : folderUri}/${CONFIG_FILE_NAME}`).config?.clusters ?? [];
      } catch (e) {
        log.once(`wsconfig:${describeError(e, 2)}`, `reading ${CONFIG_FILE_NAME} failed: ${describeError(e)}`);
      }
      return { folderUri, clusters };
    }),
  );

  connection.onRequest(FILL_PLACEHOLDER_REQUEST, async (params: FillPlaceholderParams): Promise<FillPlaceholderResult> => {
    try {
      const doc = documents.get(params?.uri);
      if (!doc) return { error: 'the document is not open' };
      if (doc.version !== params.version) return { error: 'the document changed meanwhile: run the quick fix again' };
      const a = analysis(params.uri);
      if (!a) return { error: 'not a dragent.yaml or Marathon app document' };
      const lines = a.r.parsed.lines;
      const span = { start: lines.offsetAt(params.range.start), end: lines.offsetAt(params.range.end) };
      const finding = a.r.findings.find((f) => f.ruleId === 'placeholder' && f.start === span.start && f.end === span.end);
      if (!finding) return { error: 'there is no placeholder there any more' };
      const input = fillInput(params);
      if (!input) return { error: 'no value given' };
      const plan = getService().planFill(a.r.parsed, a.r.findings, finding, input, a.r.context);
      if ('error' in plan) return plan;
      if (params.dryRun) return { ok: true };
      return { edits: plan.edits.map((e) => ({ range: { start: lines.positionAt(e.start), end: lines.positionAt(e.end) }, newText: e.newText })) };
    } catch (e) {
      log.once(`fillPlaceholder:${describeError(e, 2)}`, `${FILL_PLACEHOLDER_REQUEST} failed: ${describeError(e)}`);
      return { error: 'filling the placeholder failed (see the log)' };
    }
  });

  // Switch agent profile, when `.sysdig-mesos.json` decides: the client sends the file's text (as open in the
  // editor), applies the edit and saves
  connection.onRequest(AGENT_PROFILE_EDIT_REQUEST, async (params: AgentProfileEditParams): Promise<AgentProfileEditResult> => {
    try {
      if (typeof params?.text !== 'string' || (params.profile !== 'guide-2016' && params.profile !== 'latest')) return { error: 'no workspace file text or profile given' };
      const r = getService().agentProfileEdit(params.text, params.profile);
      if ('error' in r) return r;
      const lines = TextDocument.create('file:///config', 'json', 0, params.text);
      return { edits: r.map((e) => ({ range: { start: lines.positionAt(e.start), end: lines.positionAt(e.end) }, newText: e.newText })) };
    } catch (e) {
      log.once(`agentProfileEdit:${describeError(e, 2)}`, `${AGENT_PROFILE_EDIT_REQUEST} failed: ${describeError(e)}`);
      return { error: 'editing the workspace file failed (see the log)' };
    }
  });

  // "Show the agent's effective dragent.yaml": the service's text for the open app, with the settings' deploy fills
  connection.onRequest(EFFECTIVE_CONFIG_REQUEST, async (params: EffectiveConfigParams): Promise<EffectiveConfigResult> => {
    try {
      const uri = params?.uri;
      if (typeof uri !== 'string' || !documents.get(uri)) return { error: 'the document is not open' };
      await fetchSettings(uri);
      const a = analysis(uri);
      if (!a || a.r.kind !== 'marathon-app' || !a.r.parsed) return { error: 'not a Marathon app document' };
      const r = getService().effective(a.r.parsed, a.r.context?.settings);
      if (!r) return { error: "not the Sysdig agent's app (its container.docker.image is not sysdig/agent)" };
      return { text: r.yaml, lines: r.lines };
    } catch (e) {
      log.once(`effectiveConfig:${describeError(e, 2)}`, `${EFFECTIVE_CONFIG_REQUEST} failed: ${describeError(e)}`);
      return { error: 'computing the effective dragent.yaml failed (see the log)' };
    }
  });

  connection.onRequest(PLACEHOLDERS_REQUEST, async (params: PlaceholdersParams): Promise<PlaceholdersResult> => {
    const items: PlaceholdersResult['items'] = [];
    for (const d of Array.isArray(params?.documents) ? params.documents : []) {
      if (typeof d?.uri !== 'string' || typeof d.text !== 'string') continue;
      try {
        const settings = await fetchSettings(d.uri);
        const kind = documentKind(d.uri, d.uri.endsWith('.json') ? 'json' : 'yaml', d.text, settings.patterns);
        if (!kind) continue;
        // default severities (a placeholder rule turned down in the settings still blocks deploy); a placeholder
        // deploy fills (an access key in secret storage) is an information, not left to fill
        const { doc, findings } = getService().check(d.text, kind, { settings: { ...settings.service, rules: {} }, ...configFor(d.uri) });
        for (const f of findings) {
          if (f.ruleId !== 'placeholder' || f.severity === 'info') continue;
          items.push({ uri: d.uri, range: { start: doc.lines.positionAt(f.start), end: doc.lines.positionAt(f.end) }, message: plainText(f.message) });
        }
      } catch (e) {
        log.once(`placeholders:${describeError(e, 2)}`, `${PLACEHOLDERS_REQUEST} failed: ${describeError(e)}`);
      }
    }
    return { items };
  });
}

/** the typed value, or the URI parts and the step the box is on; undefined when the request has neither */
function fillInput(params: FillPlaceholderParams): FillInput | undefined {
  if (typeof params.value === 'string') return { value: params.value };
  const step = params.step;
  if (step !== 'host' && step !== 'user' && step !== 'password') return undefined;
  const p = params.parts && typeof params.parts === 'object' ? params.parts : {};
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return { parts: { host: str(p.host), user: str(p.user), password: str(p.password) }, step };
}
