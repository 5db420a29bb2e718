import { detectKind, looksLikeMarathonApp, type KindPatterns } from '../service/documents/kind';
import { kindOfLanguage } from './language-ids';
import type { DocKind } from '../service/types';
import { compileGlob, type CompiledGlob } from '../service/text/glob';

/** The file system path (or best-effort path) of a document URI; never throws. */
export function uriPath(uri: string): string {
  try {
    const u = new URL(uri);
    let p = u.pathname;
    try {
      p = decodeURIComponent(p);
    } catch {
      // keep the encoded form
    }
    return p || uri;
  } catch {
    return uri;
  }
}

/** A glob with a `/` is matched against the end of the whole path; `**` spans folders (linear: text/glob.ts). */
function pathGlob(glob: string): CompiledGlob {
  return compileGlob(glob, { anchor: 'tail', ignoreCase: true });
}

/**
 * Which of our two kinds a document is, or undefined when it is not ours. File-name globs (the
 * user's `files.*` settings, or the defaults) decide first; globs containing `/` are matched against
 * the path. A JSON document (by extension or by `json`/`jsonc` language id) that looks like a
 * Marathon app counts too. A document in one of our own languages (OWN_LANGUAGES: set by its name's default
 * pattern, by the user, or by the client after a content sniff) is of that kind whatever its name: the
 * editor then gives it to us alone, so nobody else would validate it.
 */
export function documentKind(uri: string, languageId: string, text: string, patterns: KindPatterns): DocKind | undefined {
  const byLanguage = kindOfLanguage(languageId);
  if (byLanguage) return byLanguage;
  const path = uriPath(uri);
  const byPath = fileKind(path, text, patterns);
  if (byPath) return byPath;
  if ((languageId === 'json' || languageId === 'jsonc') && looksLikeMarathonApp(text)) return 'marathon-app';
  return undefined;
}

/**
 * A file's kind by its path and, for a `.json` name no pattern claims, its content: what documentKind decides
 * for a document that is not in a language of ours. Without `text`, 'sniff' says the content would decide
 * (the workspace walk reads only those files, and the ones a pattern names).
 */
export function fileKind(path: string, text: string, patterns: KindPatterns): DocKind | undefined;
export function fileKind(path: string, text: undefined, patterns: KindPatterns): DocKind | 'sniff' | undefined;
export function fileKind(path: string, text: string | undefined, patterns: KindPatterns): DocKind | 'sniff' | undefined {
  const nameOnly = (gs: string[]) => gs.filter((g) => !g.includes('/') && !g.includes('\\'));
  const withPath = (gs: string[]) => gs.filter((g) => g.includes('/') || g.includes('\\'));
  const normalized = path.replace(/\\/g, '/');
  if (withPath(patterns.dragent).some((g) => pathGlob(g).test(normalized))) return 'dragent';
  if (withPath(patterns.marathonApp).some((g) => pathGlob(g).test(normalized))) return 'marathon-app';
  const byName = detectKind(path, text, { dragent: nameOnly(patterns.dragent), marathonApp: nameOnly(patterns.marathonApp) });
  if (byName) return byName;
  return text === undefined && /\.json$/i.test(normalized) ? 'sniff' : undefined;
}
