// Which documents the VS Code client hands to the server. No `vscode` import here, so it is unit-tested
// under plain Node (test/client/).
import { DEFAULT_PATTERNS, type KindPatterns } from '../../server/src/service/documents/kind';
import { normalizeSettings } from '../../server/src/lsp/settings';
import { OWN_LANGUAGES } from '../../server/src/lsp/language-ids';

/** The settings the client itself reads (relative to the `sysdig-mesos` section). */
export const CLIENT_SETTINGS = ['files.dragent', 'files.marathonApp', 'diagnostics.workspace'] as const;
/** the deploy command's settings (read by client/src/deploy-command.ts when it runs) */
export const DEPLOY_SETTINGS = ['deploy.marathonUri', 'deploy.collector', 'deploy.variables', 'deploy.timeoutSeconds'] as const;

/**
 * URI schemes we validate: files on disk, new unsaved files and virtual workspaces (GitHub Repositories'
 * `vscode-vfs`). Not `git:` and friends: the old side of a diff would get its own diagnostics.
 */
export const DOCUMENT_SCHEMES = ['file', 'untitled', 'vscode-vfs'] as const;

/** A VS Code `DocumentFilter` (the subset we use; plain data, so it needs no `vscode` import). */
export type DocFilter = { scheme: string; pattern: string } | { scheme: string; language: string };

/**
 * The `files.*` patterns of each scope (the window, and every workspace folder: the settings are
 * resource-scoped and the server reads them per document), read exactly as the server reads them,
 * and joined without duplicates.
 */
export function patternsFromSettings(sections: readonly unknown[]): KindPatterns {
  const out: KindPatterns = { dragent: [], marathonApp: [] };
  const scopes = sections.length ? sections : [undefined];
  for (const raw of scopes) {
    const s = normalizeSettings(raw).patterns;
    for (const g of s.dragent) if (!out.dragent.includes(g)) out.dragent.push(g);
    for (const g of s.marathonApp) if (!out.marathonApp.includes(g)) out.marathonApp.push(g);
  }
  return out;
}

/**
 * Whether the server offers workspace diagnostics (initializationOptions.workspaceDiagnostics): unless every
 * scope turned `diagnostics.workspace` off. The server still leaves out the folders that turned it off; but
 * with the offer made, vscode-languageclient keeps a closed file's problems until a workspace report says
 * otherwise, so with the setting off everywhere the offer is not made at all: problems go with the tab, as before.
 */
export function workspaceDiagnosticsFromSettings(sections: readonly unknown[]): boolean {
  const scopes = sections.length ? sections : [undefined];
  return scopes.some((raw) => normalizeSettings(raw).workspaceDiagnostics);
}

export function defaultPatterns(): KindPatterns {
  return { dragent: [...DEFAULT_PATTERNS.dragent], marathonApp: [...DEFAULT_PATTERNS.marathonApp] };
}

/**
 * The server's glob (server/src/lsp/kind.ts) as a VS Code glob matching at least the same paths:
 * - no `/`: a base name → `**​/name`; with `/`: matched against the end of the path → `**​/path`
 *   (a leading `./` or `/` dropped, as the server does);
 * - the server ignores case: every letter becomes `[xX]`;
 * - `[`, `]`, `{`, `}` and `,` are literal for the server but special (or odd) in VS Code globs: each
 *   becomes `?`, which matches more. The client may hand the server more documents than it wants
 *   (the server decides and ignores the rest), never fewer.
 */
export function toVscodeGlob(glob: string): string {
  let g = glob.trim().replace(/\\/g, '/');
  g = g.replace(/^\.?\/+/, '');
  let out = '';
  for (const ch of g) {
    if (/[[\]{},]/.test(ch)) out += '?';
    else if (ch.toLowerCase() !== ch.toUpperCase()) out += `[${ch.toLowerCase()}${ch.toUpperCase()}]`;
    else out += ch;
  }
  return out.startsWith('**/') ? out : `**/${out}`;
}

/** our own language ids (dragent-yaml, marathon-app-json): a document in one of them is ours whatever its name */
export const OWN_LANGUAGE_IDS: readonly string[] = Object.values(OWN_LANGUAGES).map((l) => l.id);

/**
 * The client's document selector: every file pattern of both kinds and our own languages, in each scheme,
 * plus every `json` document — a Marathon app may have any name and only its content says so. The server
 * decides by content and answers for other JSON documents with nothing (no diagnostics, empty results).
 * `jsonc` is left out: it is VS Code's language for settings, tsconfig and other files with comments,
 * which Marathon apps (plain JSON for Marathon's REST API) never are; a jsonc file matching a name pattern
 * is still included by its pattern.
 */
export function documentSelector(patterns: KindPatterns): DocFilter[] {
  const globs: string[] = [];
  for (const g of [...patterns.dragent, ...patterns.marathonApp]) {
    if (!g.trim()) continue;
    const v = toVscodeGlob(g);
    if (!globs.includes(v)) globs.push(v);
  }
  const out: DocFilter[] = [];
  for (const scheme of DOCUMENT_SCHEMES) {
    for (const pattern of globs) out.push({ scheme, pattern });
    for (const language of OWN_LANGUAGE_IDS) out.push({ scheme, language });
    out.push({ scheme, language: 'json' });
  }
  return out;
}

/** The filters of documents that are ours by name or language (not the content-decided JSON ones). */
export function namedSelector(patterns: KindPatterns): DocFilter[] {
  return documentSelector(patterns).filter((f) => 'pattern' in f || OWN_LANGUAGE_IDS.includes(f.language));
}

/**
 * The language a document the server found to be of `kind` should move to, or undefined to leave it: only a
 * plain `json`/`yaml` document (a file matched by a user's pattern or by its content) moves, once per
 * document per session (`moved`, its URIs): a user who sets it back to JSON keeps JSON.
 */
export function languageToSet(kind: 'dragent' | 'marathon-app' | null | undefined, languageId: string, uri: string, moved: ReadonlySet<string>): string | undefined {
  if (!kind || moved.has(uri)) return undefined;
  const own = OWN_LANGUAGES[kind];
  return languageId === own.base ? own.id : undefined;
}

/** One glob for `workspace.findFiles` covering every file pattern and the workspace file. */
export function workspaceGlob(patterns: KindPatterns, configFile: string): string {
  const parts = [...new Set([...patterns.dragent, ...patterns.marathonApp].filter((g) => g.trim()).map(toVscodeGlob))];
  parts.push(`**/${configFile}`);
  return parts.length === 1 ? parts[0] : `{${parts.join(',')}}`;
}

/**
 * The files whose creation, change or deletion the server hears of (workspace/didChangeWatchedFiles): the
 * workspace file, every file pattern, and every `.json` file — a Marathon app may have any name, and the
 * server's workspace diagnostics re-read a file, or walk its folder again, when told.
 */
export function watchGlob(patterns: KindPatterns, configFile: string): string {
  const g = workspaceGlob(patterns, configFile);
  const inner = g.startsWith('{') ? g.slice(1, -1) : g;
  return `{${inner},**/*.json}`;
}

/** Whether two pattern sets select the same documents (then the client need not restart). */
export function samePatterns(a: KindPatterns, b: KindPatterns): boolean {
  const key = (p: KindPatterns) => JSON.stringify([[...new Set(p.dragent)].sort(), [...new Set(p.marathonApp)].sort()]);
  return key(a) === key(b);
}

/** One glob for `workspace.findFiles` covering the file patterns of one kind. */
export function kindGlob(patterns: KindPatterns, kind: 'dragent' | 'marathon-app'): string | undefined {
  const list = kind === 'dragent' ? patterns.dragent : patterns.marathonApp;
  const parts = [...new Set(list.filter((g) => g.trim()).map(toVscodeGlob))];
  if (parts.length === 0) return undefined;
  return parts.length === 1 ? parts[0] : `{${parts.join(',')}}`;
}
