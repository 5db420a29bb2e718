import { effectivePort, parseAgentUri } from '../../agent-uri';
import { subRange } from '../../documents/scalar-offsets';
import { collectUris } from '../../dragent/uris';
import type { Rule } from '../rule';

export const mesosUriPort: Rule = {
  id: 'mesos-uri-port',
  kinds: ['dragent'],
  severity: 'warning',
  severities: [
    { severity: 'info', when: 'with the agent profile guide-2016 (the default)' },
    { severity: 'warning', when: 'with the agent profile latest' },
  ],
  title: '`mesos_state_uri` not on port 5050',
  docs:
    'Since December 2016 the agent reads Mesos and Marathon cluster data only when the Mesos URI\'s port is exactly 5050; any other port — including the implicit 80 or 443 of a URI without a port — marks the node as a Mesos agent (slave), and the URI is then only used for app checks ("Mesos uri … is for slave, not performing further queries"). With the profile `latest` this is a warning; with `guide-2016` (agents of the guide\'s time, which read any port, as in the guide\'s own `localhost:5055` example) it is information only. Put the master behind port 5050 or write the port explicitly.',
  check({ doc, settings, report }) {
    for (const e of collectUris(doc).entries) {
      if (e.key !== 'mesos_state_uri') continue;
      const r = parseAgentUri(e.scalar.text);
      if (!r.ok || (r.uri.scheme !== 'http' && r.uri.scheme !== 'https')) continue;
      const port = effectivePort(r.uri);
      if (port === 5050) continue;
      const at = r.uri.port ? subRange(doc.text, e.scalar, r.uri.port.start, r.uri.port.end) : subRange(doc.text, e.scalar, r.uri.host.start, r.uri.host.end);
      report({
        ...at,
        severity: settings.agentProfile === 'latest' ? 'warning' : 'info',
        message: `\`mesos_state_uri\` ${r.uri.port ? `uses port ${port}` : `has no port, so the agent uses ${port}, not 5050`}: agents since December 2016 read cluster data only from port 5050 and treat any other port as a Mesos agent (slave), reading no Mesos or Marathon metadata.`,
      });
    }
  },
};
