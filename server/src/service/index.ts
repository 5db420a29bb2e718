import { parseJson } from './documents/json-document';
import { parseYaml } from './documents/yaml-document';
import type { ParsedDocument } from './documents/model';
import { ALL_RULES, WORKSPACE_RULES } from './rules/registry';
import type { WorkspaceRule } from './rules/workspace/workspace-rule';
import { checkWorkspace, type WorkspaceFileInput } from './workspace/check-workspace';
import { factsKey, workspaceFacts } from './workspace/facts';
import type { Rule } from './rules/rule';
import { runRules, type RuleFailure } from './validate';
import { DEFAULT_SETTINGS, type AgentProfile, type DocKind, type Finding, type Settings, type Span, type TextEdit } from './types';
import { codeActions, fixAll, type CodeActionItem, type FixAllResult } from './features/code-actions';
import { checkPlaceholderValue, fillPlaceholderEdits, placeholderQuestion, type PlaceholderQuestion, type PlaceholderValueKind } from './features/fill-placeholder';
import { planFill, type FillInput, type FillPlan } from './features/fill-plan';
import { agentProfileEdit } from './features/config-edit';
import { hover, type HoverResult } from './features/hover';
import { complete, type CompletionEntry } from './features/completion';
import { documentSymbols, foldingRanges, selectionRanges, type FoldingEntry, type SymbolEntry } from './features/outline';
import { formatEdits, type FormatOptions } from './features/format';
import { applyConfig, readConfig, settingsWithConfig, type SysdigMesosConfig } from './features/suppression';
import { withEmbeddedFindings } from './embedded/embedded-findings';
import { embeddedCompletion, embeddedHover } from './embedded/embedded-features';
import { confNameAt, confNameHover } from './embedded/conf-name';
import { effectiveConfig, type EffectiveConfig } from './embedded/effective-config';
import { effectiveJsonLines, formatEffectiveYaml, type EffectiveJsonLine } from './embedded/effective-format';

export * from './types';
export type { EffectiveConfig, EffectiveLine, LineOrigin, DuplicateKey, PersistedVolume } from './embedded/effective-config';
export type { EffectiveJsonLine } from './embedded/effective-format';
export { marathonPathRange, parseMarathonPath, formatPath, type MarathonPathRange, type MarathonPathSegment } from './marathon-paths';
export { detectKind, looksLikeMarathonApp, DEFAULT_PATTERNS, type KindPatterns } from './documents/kind';
export type { ParsedDocument } from './documents/model';
export type { Rule } from './rules/rule';
export { ALL_RULES, WORKSPACE_RULES, RULE_INFOS, type RuleInfo } from './rules/registry';
export type { WorkspaceRule } from './rules/workspace/workspace-rule';
export type { WorkspaceFileInput } from './workspace/check-workspace';
export { workspaceFacts, factsKey, type FileFacts } from './workspace/facts';
export { FIX_ALL_KIND, MAX_FIX_PASSES, REWRITE_KIND, type CodeActionItem, type FixAllResult } from './features/code-actions';
export type { HoverResult } from './features/hover';
export { TURN_OFF_TITLE, TURN_ON_TITLE, OFF_PREFIX, OFF_HEADER, OFF_SETTING, MESOS_CONNECTION_KEYS, MESOS_PARAMETER_KEYS } from './features/metadata-reception';
export type { PlaceholderQuestion, PlaceholderValueKind } from './features/fill-placeholder';
export type { FillInput, FillPlan } from './features/fill-plan';
export type { UriParts, UriStep, UriStepName } from './features/fill-uri';
export { AGENT_APP_SNIPPET, MESOS_BLOCK_SNIPPET, type CompletionEntry } from './features/completion';
export type { FoldingEntry, SymbolEntry } from './features/outline';
export type { FormatOptions } from './features/format';
export {
  applyConfig,
  applySuppressionComments,
  readConfig,
  settingsWithConfig,
  globMatch,
  CONFIG_FILE,
  DISABLE_NEXT_LINE,
  type IgnoreEntry,
  type SysdigMesosConfig,
} from './features/suppression';

/** What a finding list depends on besides the text: settings, and the workspace file for this file. */
export interface LintContext {
  settings?: Partial<Settings>;
  /** the parsed, checked `.sysdig-mesos.json` (see readConfig) */
  config?: SysdigMesosConfig;
  /** the file's path relative to the folder holding the workspace file (for its `ignore[].files` globs) */
  filePath?: string;
}

export interface LanguageServiceOptions {
  rules?: readonly Rule[];
  /** the rules over several files (default: every workspace rule) */
  workspaceRules?: readonly WorkspaceRule[];
  /** called when a rule throws; the rule is skipped, the other rules' findings are kept */
  onRuleError?: (f: RuleFailure) => void;
  /**
   * false: an agent app's ADDITIONAL_CONF is not checked as dragent.yaml (deploy's unwaivable checks, which are
   * about the JSON body Marathon gets). Default true.
   */
  embeddedConf?: boolean;
}

export interface LanguageService {
  parse(text: string, kind: DocKind): ParsedDocument;
  validate(doc: ParsedDocument, settings?: Partial<Settings>): Finding[];
  /** parse + validate in one call */
  lint(text: string, kind: DocKind, settings?: Partial<Settings>): { doc: ParsedDocument; findings: Finding[] };
  /**
   * lint with the workspace file applied: its rules/agentProfile over `settings`, then disable-next-line
   * comments and its `ignore` entries (what the server and the CLI report)
   */
  check(text: string, kind: DocKind, context?: LintContext): { doc: ParsedDocument; findings: Finding[] };
  /** quick fixes, suppression comments and fix-all actions for the findings under `range` */
  codeActions(doc: ParsedDocument, findings: readonly Finding[], range: Span, context?: LintContext & { only?: readonly string[]; automatic?: boolean }): CodeActionItem[];
  /** every preferred fix, re-linting until stable (at most MAX_FIX_PASSES passes) */
  fixAll(text: string, kind: DocKind, context?: LintContext, accept?: (f: Finding) => boolean): FixAllResult;
  hover(doc: ParsedDocument, offset: number, findings: readonly Finding[]): HoverResult | undefined;
  complete(doc: ParsedDocument, offset: number): CompletionEntry[];
  documentSymbols(doc: ParsedDocument): SymbolEntry[];
  foldingRanges(doc: ParsedDocument): FoldingEntry[];
  selectionRanges(doc: ParsedDocument, offsets: readonly number[]): Span[][];
  /** Format Document (or the range): white-space edits for a Marathon app without syntax errors, else none */
  format(text: string, kind: DocKind, options: FormatOptions, range?: Span): TextEdit[];
  /** the edit that puts a typed value in place of a placeholder (undefined: nothing to fill there) */
  fillPlaceholder(doc: ParsedDocument, span: Span, value: string): TextEdit[] | undefined;
  /** what to ask the user for a `placeholder` finding, and whether a typed value fits (a message if not) */
  placeholderQuestion(doc: ParsedDocument, finding: Finding): PlaceholderQuestion;
  checkPlaceholderValue(expects: PlaceholderValueKind, value: string): string | undefined;
  /**
   * the fill-in box's one check, while typing and on Enter: the edits for the typed value (or URI parts), or the
   * reason it cannot go in — the step's own check, else the message of a finding the file would get from it
   */
  planFill(doc: ParsedDocument, findings: readonly Finding[], finding: Finding, input: FillInput, context?: LintContext): FillPlan;
  /** the smallest edit of a `.sysdig-mesos.json` text that sets its `agentProfile` (comments and layout kept) */
  agentProfileEdit(text: string, profile: AgentProfile): TextEdit[] | { error: string };
  /** checks a parsed `.sysdig-mesos.json` (see features/suppression.ts) */
  readConfig(raw: unknown): { config: SysdigMesosConfig; problems: string[] };
  /**
   * The workspace rules over several files (issue 12 §2): each file's cross-file findings, by the id it was
   * given, with related locations in the other files. Each file's settings, comments and ignores apply to its own.
   */
  checkWorkspace(files: readonly WorkspaceFileInput[]): Map<string, Finding[]>;
  /** what the workspace rules read of a file, as one string: equal keys, equal cross-file findings (no secret in it) */
  workspaceFactsKey(doc: ParsedDocument): string;
  /**
   * The dragent.yaml the agent image's entrypoint writes from an agent app (issue 12 §1): each line with its
   * origin, secrets masked; `yaml` annotated, `lines` for JSON. Undefined for anything but a `sysdig/agent` app.
   * `settings.deployFills`: what deploy will fill (the editor's), shown as filled at deploy.
   */
  effective(doc: ParsedDocument, settings?: Partial<Settings>): { config: EffectiveConfig; yaml: string; lines: EffectiveJsonLine[] } | undefined;
  readonly rules: readonly Rule[];
  readonly workspaceRules: readonly WorkspaceRule[];
}

const fixAllMemo = new WeakMap<ParsedDocument, { context: LintContext; results: Map<string, FixAllResult> }>();
function sameContext(a: LintContext, b: LintContext): boolean {
  return a.settings === b.settings && a.config === b.config && a.filePath === b.filePath;
}

/** The hover on the ADDITIONAL_CONF name (when ignored, the persisted volume) first, then what the app's hover says there. */
function withConfName(doc: ParsedDocument, offset: number, h: HoverResult | undefined): HoverResult | undefined {
  const at = confNameAt(doc, offset);
  if (!at) return h;
  const own = confNameHover(at.volume);
  return { contents: h ? `${own}\n\n---\n\n${h.contents}` : own, ...at.span };
}

/** The pure language service: no I/O, no LSP, no VS Code. */
export function createLanguageService(options: LanguageServiceOptions = {}): LanguageService {
  const rules = options.rules ?? ALL_RULES;
  const parse = (text: string, kind: DocKind): ParsedDocument => (kind === 'dragent' ? parseYaml(text, kind) : parseJson(text, kind));
  const validate = (doc: ParsedDocument, settings?: Partial<Settings>): Finding[] => {
    const s: Settings = { ...DEFAULT_SETTINGS, ...settings, rules: { ...(settings?.rules ?? {}) } };
    const own = runRules(doc, rules, s, options.onRuleError);
    if (doc.kind !== 'marathon-app' || options.embeddedConf === false) return own;
    // an agent app's ADDITIONAL_CONF is dragent.yaml text: the dragent rules run on it with the same settings
    return withEmbeddedFindings(doc, own, (embedded) => runRules(embedded, rules, s, options.onRuleError));
  };
  const check = (text: string, kind: DocKind, context: LintContext = {}) => {
    const doc = parse(text, kind);
    const settings = settingsWithConfig({ ...DEFAULT_SETTINGS, ...context.settings, rules: { ...(context.settings?.rules ?? {}) } }, context.config);
    return { doc, findings: applyConfig(validate(doc, settings), doc, context.config, context.filePath ?? '') };
  };
  const workspaceRules = options.workspaceRules ?? WORKSPACE_RULES;
  return {
    rules,
    workspaceRules,
    checkWorkspace: (files) => checkWorkspace(files, workspaceRules, options.onRuleError),
    workspaceFactsKey: (doc) => factsKey(workspaceFacts(doc)),
    parse,
    validate,
    lint(text, kind, settings) {
      const doc = parse(text, kind);
      return { doc, findings: validate(doc, settings) };
    },
    check,
    fillPlaceholder(doc, span, value) {
      return fillPlaceholderEdits(doc, span, value);
    },
    placeholderQuestion,
    checkPlaceholderValue,
    agentProfileEdit,
    planFill(doc, findings, finding, input, context = {}) {
      return planFill(doc, findings, finding, input, (t) => check(t, doc.kind, context).findings);
    },
    codeActions(doc, findings, range, context = {}) {
      const lint = (t: string) => check(t, doc.kind, context).findings;
      // fix-all results are remembered per document model and context: cursor moves in an unchanged
      // document do not re-lint it
      let memo = fixAllMemo.get(doc);
      if (!memo || !sameContext(memo.context, context)) {
        memo = { context, results: new Map() };
        fixAllMemo.set(doc, memo);
      }
      const m = memo;
      const fixAllFor = (which: 'all' | 'smart-quotes'): FixAllResult => {
        let r = m.results.get(which);
        if (!r) {
          r = fixAll(doc.text, lint, which === 'all' ? undefined : (f) => f.ruleId === 'smart-quotes');
          m.results.set(which, r);
        }
        return r;
      };
      return codeActions(doc, findings, range, { only: context.only, automatic: context.automatic, lint, fixAll: fixAllFor });
    },
    fixAll(text, kind, context = {}, accept) {
      return fixAll(text, (t) => check(t, kind, context).findings, accept);
    },
    // a cross-file finding (merged in by the server) hovers with its rule's paragraph like any other; inside an
    // agent app's ADDITIONAL_CONF, hover and completion are the embedded dragent.yaml's
    hover: (doc, offset, findings) => embeddedHover(doc, offset, findings, rules) ?? withConfName(doc, offset, hover(doc, offset, findings, [...rules, ...workspaceRules])),
    effective(doc, settings) {
      const config = effectiveConfig(doc, settings?.deployFills);
      return config && { config, yaml: formatEffectiveYaml(config), lines: effectiveJsonLines(config) };
    },
    complete: (doc, offset) => embeddedCompletion(doc, offset) ?? complete(doc, offset),
    documentSymbols,
    foldingRanges,
    selectionRanges,
    format: formatEdits,
    readConfig,
  };
}
