import type { ParsedDocument } from '../documents/model';
import { applyConfig, settingsWithConfig, type SysdigMesosConfig } from '../features/suppression';
import { defaultSeverity } from '../rules/rule';
import type { WorkspaceEntry, WorkspaceRule } from '../rules/workspace/workspace-rule';
import { DEFAULT_SETTINGS, type Finding, type Settings } from '../types';
import type { RuleFailure } from '../validate';
import { workspaceFacts } from './facts';

/** One file for checkWorkspace. */
export interface WorkspaceFileInput {
  /** how the caller names the file; findings come back under it and related locations point with it */
  id: string;
  /** the file's directory ("the same folder" of the rules: equal strings) */
  folder: string;
  /** the name messages use for it (default: the last segment of `id`) */
  name?: string;
  doc: ParsedDocument;
  /** the file's own settings and workspace file, as for `check` */
  context?: { settings?: Partial<Settings>; config?: SysdigMesosConfig; filePath?: string };
}

/**
 * Runs the workspace rules over the files and returns each file's findings (files without any are absent).
 * Per file, its settings decide (a rule off there reports nothing there, a severity setting applies), then its
 * disable-next-line comments and `.sysdig-mesos.json` ignores, as for its own findings.
 */
export function checkWorkspace(files: readonly WorkspaceFileInput[], rules: readonly WorkspaceRule[], onRuleError?: (f: RuleFailure) => void): Map<string, Finding[]> {
  const byId = new Map<string, WorkspaceFileInput>();
  const entries: WorkspaceEntry[] = [];
  for (const f of files) {
    if (byId.has(f.id)) continue;
    byId.set(f.id, f);
    const name = f.name ?? baseName(f.id);
    entries.push({ id: f.id, folder: f.folder, name, label: `${baseName(f.folder)}/${name}`, facts: workspaceFacts(f.doc) });
  }
  const settingsOf = new Map<string, Settings>();
  const settingsFor = (f: WorkspaceFileInput): Settings => {
    let s = settingsOf.get(f.id);
    if (!s) {
      const c = f.context ?? {};
      s = settingsWithConfig({ ...DEFAULT_SETTINGS, ...c.settings, rules: { ...(c.settings?.rules ?? {}) } }, c.config);
      settingsOf.set(f.id, s);
    }
    return s;
  };
  const raw = new Map<string, Finding[]>();
  for (const rule of rules) {
    try {
      rule.checkWorkspace({
        entries,
        report(r) {
          const f = byId.get(r.id);
          if (!f || !rule.kinds.includes(f.doc.kind)) return;
          const override = settingsFor(f).rules[rule.id];
          if (override === 'off') return;
          const max = f.doc.text.length;
          const start = clamp(r.start, max);
          const finding: Finding = {
            ruleId: rule.id,
            severity: override ?? r.severity ?? defaultSeverity(rule, f.doc.kind),
            message: r.message,
            start,
            end: Math.max(start, clamp(r.end, max)),
            ...(r.related && r.related.length ? { related: r.related.filter((x) => byId.has(x.id)) } : {}),
          };
          let list = raw.get(r.id);
          if (!list) raw.set(r.id, (list = []));
          list.push(finding);
        },
      });
    } catch (error) {
      onRuleError?.({ ruleId: rule.id, error });
    }
  }
  const out = new Map<string, Finding[]>();
  for (const [id, found] of raw) {
    const f = byId.get(id)!;
    const kept = applyConfig(found, f.doc, f.context?.config, f.context?.filePath ?? '');
    kept.sort((a, b) => a.start - b.start || a.end - b.end || a.ruleId.localeCompare(b.ruleId));
    if (kept.length) out.set(id, kept);
  }
  return out;
}

function baseName(id: string): string {
  const cut = Math.max(id.lastIndexOf('/'), id.lastIndexOf('\\'));
  const last = id.slice(cut + 1);
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

function clamp(n: number, max: number): number {
  return Number.isFinite(n) ? Math.max(0, Math.min(Math.trunc(n), max)) : 0;
}
