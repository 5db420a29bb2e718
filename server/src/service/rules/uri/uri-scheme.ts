import { parseAgentUri } from '../../agent-uri';
import { subRange } from '../../documents/scalar-offsets';
import { collectUris, uriLabel } from '../../dragent/uris';
import type { Rule } from '../rule';

export const uriScheme: Rule = {
  id: 'uri-scheme',
  kinds: ['dragent'],
  severity: 'error',
  title: 'Scheme other than http or https',
  docs:
    'The agent fetches Mesos and Marathon over HTTP with curl. Its URI parser accepts any letters as a scheme, so `zk://master:2181/mesos` (the ZooKeeper form Mesos itself uses) or a misspelt `htp://` parse fine but can never be fetched: the agent gets no cluster data. Use `http://` and the master\'s HTTP port (5050 for Mesos, 8080 for Marathon).',
  check({ doc, report }) {
    for (const e of collectUris(doc).entries) {
      const r = parseAgentUri(e.scalar.text);
      if (!r.ok || r.uri.scheme === 'http' || r.uri.scheme === 'https') continue;
      const schemeEnd = e.scalar.text.indexOf('://');
      report({
        ...subRange(doc.text, e.scalar, 0, schemeEnd),
        message: `${uriLabel(e)} uses the scheme \`${e.scalar.text.slice(0, schemeEnd)}\`: the agent only speaks HTTP to Mesos and Marathon, so it gets no data from this URI${r.uri.scheme === 'zk' ? ' (a ZooKeeper URI is not the Mesos HTTP API; use http://<master>:5050)' : ''}.`,
      });
    }
  },
};
