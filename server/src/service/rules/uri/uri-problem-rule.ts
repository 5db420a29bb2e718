import { parseAgentUri, type UriProblemCode } from '../../agent-uri';
import { subRange } from '../../documents/scalar-offsets';
import { collectUris, uriLabel, type UriKey } from '../../dragent/uris';
import { hasPlaceholder } from '../../placeholders';
import type { Rule, RuleContext } from '../rule';

/**
 * The consequence of a URI the agent's parser rejects differs by key (agent-dragent.md §1.6):
 * a bad `marathon_uris` item aborts start-up (error); a bad `mesos_state_uri` is logged and ignored,
 * and autodetection runs instead (warning).
 */
export const CONSEQUENCE = {
  mesos_state_uri: 'the agent logs "Error setting Mesos URI", ignores the setting and falls back to autodetection',
  marathon_uris: 'the agent stops at start-up with "Invalid URI" (the monitor restarts it in a loop)',
} as const;

/** Where the credentials of each URI can go instead: keys the agent reads as they are, `@`, `/` or a space included. */
const CREDENTIAL_KEYS: Record<UriKey, string> = {
  mesos_state_uri: '`mesos_user`/`mesos_password`',
  marathon_uris: '`marathon_user`/`marathon_password`',
};

/** A password the URI cannot hold (an `@`, a `/`…) has one way out: the key pair, named for this URI. */
function credentialAdvice(key: UriKey, problem: { code: UriProblemCode; message: string }): string {
  if (problem.code !== 'userinfo-chars') return '';
  // the parser's message for `/`, `?`, `#` names the *_user/*_password keys already: say which pair
  if (problem.message.includes('*_user/*_password')) return ` (here ${CREDENTIAL_KEYS[key]})`;
  return `; put the credentials in ${CREDENTIAL_KEYS[key]} instead`;
}

export function uriProblemRule(def: Omit<Rule, 'check' | 'kinds' | 'severity'> & { codes: UriProblemCode[] }): Rule {
  return {
    id: def.id,
    title: def.title,
    docs: def.docs,
    fixable: def.fixable,
    kinds: ['dragent'],
    severity: 'error',
    // The agent stops on a bad Marathon URI; a bad Mesos URI is ignored in favour of autodetection (CONSEQUENCE).
    severities: [
      { severity: 'error', when: 'on `marathon_uris`' },
      { severity: 'warning', when: 'on `mesos_state_uri`' },
    ],
    check(ctx: RuleContext) {
      for (const e of collectUris(ctx.doc).entries) {
        if (hasPlaceholder(e.scalar.text)) continue; // the placeholder rule speaks for these
        const r = parseAgentUri(e.scalar.text);
        if (r.ok || !def.codes.includes(r.problem.code)) continue;
        const at = subRange(ctx.doc.text, e.scalar, r.problem.start, r.problem.end);
        ctx.report({
          ...at,
          severity: e.key === 'mesos_state_uri' ? 'warning' : 'error',
          message: `${uriLabel(e)} is not a URI the agent accepts: ${r.problem.message}${credentialAdvice(e.key, r.problem)}; ${CONSEQUENCE[e.key]}.`,
        });
      }
    },
  };
}
