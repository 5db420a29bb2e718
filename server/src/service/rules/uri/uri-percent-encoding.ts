import { parseAgentUri } from '../../agent-uri';
import { subRange } from '../../documents/scalar-offsets';
import { collectUris, uriLabel } from '../../dragent/uris';
import type { Rule } from '../rule';

export const uriPercentEncoding: Rule = {
  id: 'uri-percent-encoding',
  kinds: ['dragent'],
  severity: 'warning',
  title: 'Percent-encoding in URI credentials',
  docs:
    'Most tools decode `%40` to `@` in the user-info of a URI; the agent does not. A password written as `p%40ss` is sent as the seven characters `p%40ss`, so authentication fails with a password that looks right. Characters the agent\'s URI parser cannot take (such as `@`) cannot be put in a URI at all: use `mesos_user`/`mesos_password` or `marathon_user`/`marathon_password` for such credentials.',
  check({ doc, report }) {
    for (const e of collectUris(doc).entries) {
      const r = parseAgentUri(e.scalar.text);
      if (!r.ok || !r.uri.userinfo) continue;
      const info = e.scalar.text.slice(r.uri.userinfo.start, r.uri.userinfo.end);
      for (const m of info.matchAll(/%[0-9A-Fa-f]{2}/g)) {
        const at = subRange(doc.text, e.scalar, r.uri.userinfo.start + m.index!, r.uri.userinfo.start + m.index! + 3);
        const decoded = String.fromCharCode(parseInt(m[0].slice(1), 16));
        // a password is never quoted, not even one escape of it: messages reach SARIF files and CI logs
        const inPassword = m.index! > info.indexOf(':');
        report({
          ...at,
          message: `${uriLabel(e)}: the agent does not decode ${inPassword ? 'this escape' : `\`${m[0]}\``}; it sends these three characters, not ${inPassword ? 'the character they encode' : JSON.stringify(decoded)}, as part of the ${inPassword ? 'password' : 'user name'}. Use ${e.key === 'mesos_state_uri' ? '`mesos_user`/`mesos_password`' : '`marathon_user`/`marathon_password`'} for credentials with special characters.`,
        });
      }
    }
  },
};
