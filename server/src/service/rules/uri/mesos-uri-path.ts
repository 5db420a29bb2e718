import { parseAgentUri } from '../../agent-uri';
import { subRange } from '../../documents/scalar-offsets';
import { collectUris } from '../../dragent/uris';
import type { Rule } from '../rule';

export const mesosUriPath: Rule = {
  id: 'mesos-uri-path',
  kinds: ['dragent'],
  severity: 'info',
  severities: [
    { severity: 'info', when: 'for a path (the agent keeps it)' },
    { severity: 'warning', when: 'for a query (it breaks every request)' },
  ],
  fixable: true,
  title: 'Path or query on `mesos_state_uri`',
  docs:
    'The agent drops the path of `mesos_state_uri` and always requests `/master/state.json` (and `/version`) at the host\'s root, so `http://master:5050/master/state.json` works but the path is misleading; a `?query`, however, is kept and corrupts each request. The fix removes the path (not a query, which should be removed by hand).',
  check({ doc, report }) {
    for (const e of collectUris(doc).entries) {
      if (e.key !== 'mesos_state_uri') continue;
      const r = parseAgentUri(e.scalar.text);
      if (!r.ok) continue;
      const { path, query } = r.uri;
      if (query) {
        report({
          ...subRange(doc.text, e.scalar, query.start, query.end),
          severity: 'warning',
          message: '`mesos_state_uri` has a query: the agent keeps it and appends `/master/state.json` after it, which breaks every request.',
        });
      }
      if (path.value !== '') {
        const at = subRange(doc.text, e.scalar, path.start, path.end);
        report({
          ...at,
          message: `The agent ignores the path \`${path.value}\` of \`mesos_state_uri\` and always reads \`/master/state.json\` from the host root.`,
          fixes: at.end - at.start === path.end - path.start ? [{ title: 'Remove the path', edits: [{ ...at, newText: '' }], preferred: true }] : undefined,
        });
      }
    }
  },
};
