import { createLanguageService, type ParsedDocument } from '../service/index';
import { getProps, resolve } from '../service/documents/model';
import { collectUris } from '../service/dragent/uris';
import { maskUserInfo, redactUri } from '../service/agent-uri';

/**
 * What `check --config` and `deploy --config` say about the dragent.yaml they take URIs and credentials
 * from. The tolerant parser recovers something from a file with YAML syntax errors, but the agent will
 * not start with such a file, and what was recovered may not be what the author wrote: when a key the
 * command uses is caught in a syntax error the command refuses (exit 2); any other error is a warning
 * that names what was used.
 */

export type ConfigKey = 'mesos_state_uri' | 'marathon_uris' | 'mesos_user' | 'mesos_password' | 'marathon_user' | 'marathon_password';

export interface ConfigHealth {
  /** the one line to refuse with (exit 2), when a key the command uses cannot be read */
  refuse?: string;
  /** the one line to warn with on stderr, when the file has errors but what the command uses is readable */
  warning?: string;
}

function mentioned(text: string, key: string): boolean {
  // A top-level key (the agent reads only those), plain or quoted.
  return new RegExp(`^(["']?)${key}\\1[ \\t]*:`, 'm').test(text);
}

/** The key's value is caught in (or lost to) a syntax error. */
function unreadable(doc: ParsedDocument, key: ConfigKey): boolean {
  if (!mentioned(doc.text, key)) return false;
  const prop = getProps(doc.root, key)[0];
  if (!prop) return true;
  if (doc.syntaxErrors.some((e) => e.start >= prop.range.start && e.start <= prop.range.end)) return true;
  const v = resolve(prop.value);
  if (!v) return false;
  return key === 'marathon_uris' ? v.type === 'object' : v.type !== 'scalar';
}

function position(doc: ParsedDocument, offset: number): string {
  const p = doc.lines.positionAt(offset);
  return `line ${p.line + 1}, column ${p.character + 1}`;
}

/**
 * `keys`: what the command takes from the file (a URI given by flag is not taken from it). `uriKeys` of
 * them are listed as "used" with their values, passwords masked.
 */
export function configHealth(config: { file: string; text: string }, keys: readonly ConfigKey[]): ConfigHealth {
  const service = createLanguageService();
  const doc = service.parse(config.text, 'dragent');
  if (doc.syntaxErrors.length > 0) {
    const lost = keys.filter((k) => unreadable(doc, k));
    if (lost.length > 0) {
      const first = doc.syntaxErrors[0];
      return {
        refuse: `${config.file}: ${lost.join(', ')} cannot be read: YAML syntax error at ${position(doc, first.start)} (${first.message}); the agent will not start with this file either — fix it (sysdig-mesos lint ${config.file}) or pass the URI with --mesos/--marathon`,
      };
    }
  }
  const errors = service.lint(config.text, 'dragent').findings.filter((f) => f.severity === 'error').length;
  if (errors === 0) return {};
  const { entries } = collectUris(doc);
  const used: string[] = [];
  if (keys.includes('mesos_state_uri')) {
    const m = entries.find((e) => e.key === 'mesos_state_uri');
    used.push(`mesos_state_uri=${m ? show(m.scalar.text) : '(not set)'}`);
  }
  if (keys.includes('marathon_uris')) {
    const m = entries.find((e) => e.key === 'marathon_uris');
    used.push(`marathon_uris[${m?.index ?? 0}]=${m ? show(m.scalar.text) : '(not set)'}`);
  }
  const syntax = doc.syntaxErrors.length > 0 ? '; it has YAML syntax errors, so the agent will not start with it' : '';
  return {
    warning: `${config.file} has ${errors} error(s) (sysdig-mesos lint ${config.file} lists them${syntax})${used.length ? `; used: ${used.join(', ')}` : ''}`,
  };
}

function show(uri: string): string {
  return maskUserInfo(redactUri(uri.trim()));
}
