// The language ids the extension contributes for our two kinds of file (package.json `contributes.languages`,
// written by scripts/manifest.ts). With an id of our own, VS Code's built-in JSON service and the Red Hat
// YAML extension, which attach to `json`/`jsonc`/`yaml`, leave the documents to us: one source for every
// problem, hover, completion item and symbol (ARCHITECTURE.md, "One voice per file"). Shared by the server
// (a document in one of these languages is of that kind), the client (selector, switching a sniffed file)
// and the manifest generator.
import type { DocKind } from '../service/types';

export interface OwnLanguage {
  id: string;
  /** the name VS Code shows (language status, Change Language Mode) */
  alias: string;
  /** the general language our files had before, and that a file matched only by content still opens in */
  base: 'json' | 'yaml';
  /** the TextMate scope of the base grammar, which ours includes whole */
  baseScope: string;
  /** our grammar's own scope name */
  scopeName: string;
}

export const OWN_LANGUAGES: Record<DocKind, OwnLanguage> = {
  dragent: { id: 'dragent-yaml', alias: 'Sysdig Agent (YAML)', base: 'yaml', baseScope: 'source.yaml', scopeName: 'source.yaml.dragent' },
  'marathon-app': { id: 'marathon-app-json', alias: 'Marathon App (JSON)', base: 'json', baseScope: 'source.json', scopeName: 'source.json.marathon-app' },
};

/** The kind a language id stands for (undefined: not one of ours). */
export function kindOfLanguage(languageId: string): DocKind | undefined {
  for (const [kind, l] of Object.entries(OWN_LANGUAGES) as [DocKind, OwnLanguage][]) if (l.id === languageId) return kind;
  return undefined;
}
