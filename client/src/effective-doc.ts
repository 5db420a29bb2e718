// "Show the agent's effective dragent.yaml": the read-only document's address and text, and which of them an
// edit makes stale. Plain logic (no `vscode`): effective-command.ts is the UI around it.
import type { EffectiveConfigResult } from '../../server/src/lsp/constants';

/** Our own URI scheme: the document's content comes from the server (sysdig-mesos/effectiveConfig), never a file. */
export const EFFECTIVE_SCHEME = 'sysdig-mesos-effective';
/** Edits are typed in bursts: the view asks the server again once they pause. */
export const REFRESH_DELAY_MS = 300;

/**
 * The read-only document of an app: its path names the app (the tab's title: `sysdig.json — effective
 * dragent.yaml`, ending in `.yaml` so VS Code colours it as YAML), its query holds the app's URI.
 */
export function effectiveAddress(appUri: string): { path: string; query: string } {
  // the path without query and fragment (found by hand: `/[?#].*$/` is quadratic on many `#`, the regex audit)
  const cut = [appUri.indexOf('?'), appUri.indexOf('#')].filter((i) => i >= 0);
  const path = cut.length ? appUri.slice(0, Math.min(...cut)) : appUri;
  let base = path.slice(path.lastIndexOf('/') + 1) || 'app';
  try {
    base = decodeURIComponent(base);
  } catch {
    // not percent-encoded as a URI would be: the name as written
  }
  return { path: `/${base.replace(/[\\/]/g, '_')} — effective dragent.yaml`, query: encodeURIComponent(appUri) };
}

/** The app a read-only document shows (undefined: not one of ours, or a query that is not a URI). */
export function appOf(query: string): string | undefined {
  try {
    const uri = decodeURIComponent(query);
    return /^[a-z][a-z0-9+.-]*:/i.test(uri) ? uri : undefined;
  } catch {
    return undefined;
  }
}

/** The document's text for the server's answer: the annotated file, or the reason there is none as a comment. */
export function effectiveText(r: EffectiveConfigResult | null | undefined): string {
  if (!r) return '# The language server did not answer.\n';
  if ('error' in r) return `# No effective dragent.yaml: ${r.error.replace(/\n/g, ' ')}.\n`;
  return r.text;
}

/** The open effective documents (their queries) that show the edited app: those to refresh. */
export function staleViews(openQueries: readonly string[], editedAppUri: string): string[] {
  return openQueries.filter((q) => appOf(q) === editedAppUri);
}
