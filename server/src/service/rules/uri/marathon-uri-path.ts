import { parseAgentUri } from '../../agent-uri';
import { subRange } from '../../documents/scalar-offsets';
import { collectUris, uriLabel } from '../../dragent/uris';
import type { Rule } from '../rule';

export const marathonUriPath = uriPathRule();

function uriPathRule(): Rule {
  return {
    id: 'marathon-uri-path',
    kinds: ['dragent'],
    severity: 'warning',
    fixable: true,
    title: 'Path, query or trailing slash on a Marathon URI',
    docs:
      'The agent builds Marathon requests by appending `/v2/groups` and `/v2/apps?embed=apps.tasks` to the configured string, but sends `/v2/info` to scheme, host and port only. A trailing slash therefore produces `//v2/groups`; a base path such as `/marathon` (DC/OS Admin Router) is kept for groups and apps but dropped for `/v2/info`, which then fails ("Could not obtain Mesos Marathon framework information"); a `?query` corrupts every request. Give Marathon\'s own address, e.g. `http://10.0.0.1:8080`. The fix removes a trailing slash; a real path needs a different address, which only you know.',
    check({ doc, report }) {
      for (const e of collectUris(doc).entries) {
        if (e.key !== 'marathon_uris') continue;
        const r = parseAgentUri(e.scalar.text);
        if (!r.ok) continue;
        const { path, query } = r.uri;
        if (path.value === '' && !query) continue;
        const start = path.value !== '' ? path.start : query!.start;
        const end = query ? query.end : path.end;
        const at = subRange(doc.text, e.scalar, start, end);
        const onlySlash = /^\/+$/.test(path.value) && !query;
        report({
          ...at,
          message: onlySlash
            ? `${uriLabel(e)} ends in \`/\`: the agent appends \`/v2/groups\` to it and requests \`//v2/groups\`.`
            : `${uriLabel(e)} has ${query ? 'a query' : `the path \`${path.value}\``}: the agent appends its request paths to the whole string but sends \`/v2/info\` to the host root, so Marathon framework information cannot be read.`,
          fixes: onlySlash && at.end - at.start === end - start ? [{ title: 'Remove the trailing slash', edits: [{ start: at.start, end: at.end, newText: '' }], preferred: true }] : undefined,
        });
      }
    },
  };
}
