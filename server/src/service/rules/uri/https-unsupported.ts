import { parseAgentUri } from '../../agent-uri';
import { subRange } from '../../documents/scalar-offsets';
import { collectUris, uriLabel } from '../../dragent/uris';
import type { Rule } from '../rule';

export const httpsUnsupported: Rule = {
  id: 'https-unsupported',
  kinds: ['dragent'],
  severity: 'error',
  severities: [
    { severity: 'error', when: 'with the agent profile guide-2016 (the default)' },
    { severity: 'warning', when: 'with the agent profile latest' },
  ],
  fixable: true,
  title: 'https URI for Mesos or Marathon',
  docs:
    'The vendor guide says plainly that the agent does not support HTTPS to Mesos or Marathon, and agents of that time (up to October 2016) refused an https `mesos_state_uri` ("No support for mesos https.") and switched Mesos support off until restart; Marathon over https did not work either. With the default profile `guide-2016` this is therefore an error. Later agents accept https but switch certificate and host-name checks off for these connections, with no option to turn them on: with the profile `latest` the finding is a warning that the connection is encrypted but not authenticated. The scheme is matched in any case (`HTTPS://`). The fix changes the scheme to `http://` — credentials in the URI then travel in clear text, so prefer a network you trust.',
  check({ doc, settings, report }) {
    const latest = settings.agentProfile === 'latest';
    for (const e of collectUris(doc).entries) {
      const r = parseAgentUri(e.scalar.text);
      if (!r.ok || r.uri.scheme !== 'https') continue;
      const schemeEnd = e.scalar.text.indexOf('://');
      const at = subRange(doc.text, e.scalar, 0, schemeEnd);
      const hasCredentials = !!r.uri.userinfo;
      report({
        ...at,
        severity: latest ? 'warning' : 'error',
        message: latest
          ? `${uriLabel(e)} uses https: agents since November 2016 accept it but never verify the server's certificate or host name, so the connection is encrypted but not authenticated (profile: latest).`
          : `${uriLabel(e)} uses https, which the agent does not support for Mesos or Marathon (vendor guide; agents up to October 2016 ${e.key === 'mesos_state_uri' ? 'refuse it with "No support for mesos https." and turn Mesos support off' : 'cannot talk to Marathon over it'}) (profile: guide-2016).`,
        fixes:
          at.end - at.start === 5
            ? [
                {
                  title: hasCredentials ? 'Use http:// (the credentials in this URI will then travel in clear text)' : 'Use http:// (traffic to this API will not be encrypted)',
                  edits: [{ start: at.start, end: at.end, newText: 'http' }],
                },
              ]
            : undefined,
      });
    }
  },
};
