import type { DocKind } from '../types';
import { compileGlob, type CompiledGlob } from '../text/glob';

export interface KindPatterns {
  dragent: string[];
  marathonApp: string[];
}

/** File-name globs (matched against the base name) that mark our documents; configurable by the user. */
export const DEFAULT_PATTERNS: KindPatterns = {
  dragent: ['dragent.yaml', 'dragent.*.yaml', '*.dragent.yaml', 'dragent.yml', 'dragent.*.yml', '*.dragent.yml'],
  marathonApp: ['sysdig.json', 'sysdig*.json', 'marathon*.json', '*.marathon.json'],
};

/** A file-name glob against a base name, without case (linear: text/glob.ts). */
function nameGlob(glob: string): CompiledGlob {
  return compileGlob(glob, { anchor: 'whole', ignoreCase: true });
}

function baseName(path: string): string {
  const p = path.replace(/\\/g, '/');
  return p.slice(p.lastIndexOf('/') + 1);
}

/**
 * Decides what a file is: by name first, then (for .json) by content — a JSON object with `id` and one
 * of `container`/`cmd`/`args` is a Marathon app. Returns undefined for files that are not ours.
 */
export function detectKind(path: string, text: string | undefined, patterns: KindPatterns = DEFAULT_PATTERNS): DocKind | undefined {
  const name = baseName(path);
  if (patterns.dragent.some((g) => nameGlob(g).test(name))) return 'dragent';
  if (patterns.marathonApp.some((g) => nameGlob(g).test(name))) return 'marathon-app';
  if (/\.json$/i.test(name) && text !== undefined && looksLikeMarathonApp(text)) return 'marathon-app';
  return undefined;
}

/** Cheap content sniff that also works on broken JSON: top-level "id" and "container"/"cmd"/"args" keys. */
export function looksLikeMarathonApp(text: string): boolean {
  const head = text.slice(0, 200_000);
  if (!/^\s*\{/.test(head.replace(/^\uFEFF/, ''))) return false;
  return /"id"\s*:/.test(head) && /"(container|cmd|args)"\s*:/.test(head);
}
