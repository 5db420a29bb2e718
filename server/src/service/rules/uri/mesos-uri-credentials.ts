import { parseAgentUri } from '../../agent-uri';
import { getProps } from '../../documents/model';
import { contentBase } from '../../documents/scalar-offsets';
import { collectUris } from '../../dragent/uris';
import type { Fix } from '../../types';
import type { Rule } from '../rule';

export const mesosUriCredentials: Rule = {
  id: 'mesos-uri-credentials',
  kinds: ['dragent'],
  severity: 'info',
  fixable: true,
  title: 'Password inside `mesos_state_uri`',
  docs:
    'Credentials written into `mesos_state_uri` work, but the agent prints that URI unmasked in its start-up log ("Mesos state API server: …"), so the password ends up in log files and support bundles (Marathon URIs are masked, Mesos ones are not). Agents since September 2016 read `mesos_user` and `mesos_password` instead, which also override credentials in the URI. The fix moves the user and password out of the URI into those two keys, right below it.',
  check({ doc, report }) {
    const { entries } = collectUris(doc);
    const e = entries.find((x) => x.key === 'mesos_state_uri');
    if (!e) return;
    const r = parseAgentUri(e.scalar.text);
    if (!r.ok || !r.uri.userinfo || r.uri.userinfo.password === undefined) return;
    const base = contentBase(doc.text, e.scalar);
    const info = r.uri.userinfo;
    const hasKeys = getProps(doc.root, 'mesos_user').length > 0 || getProps(doc.root, 'mesos_password').length > 0;
    const start = base !== undefined ? base + info.start : e.scalar.range.start;
    const end = base !== undefined ? base + info.end + 1 : e.scalar.range.end;
    let fixes: Fix[] | undefined;
    if (base !== undefined && !hasKeys) {
      const prop = getProps(doc.root, 'mesos_state_uri')[0];
      const lineStart = doc.text.lastIndexOf('\n', prop.keyRange.start - 1) + 1;
      const indent = doc.text.slice(lineStart, prop.keyRange.start);
      if (/^[ ]*$/.test(indent)) {
        const eolAt = nextLineBreak(doc.text, e.scalar.range.end);
        const eol = doc.text.startsWith('\r\n', eolAt) ? '\r\n' : '\n';
        const insertion = `${eolAt === doc.text.length ? eol : ''}${indent}mesos_user: ${yamlScalar(info.user)}${eol}${indent}mesos_password: ${yamlScalar(info.password!)}${eol}`;
        const insertAt = eolAt === doc.text.length ? eolAt : eolAt + eol.length;
        fixes = [
          {
            title: 'Move the credentials to mesos_user / mesos_password',
            edits: [
              { start, end, newText: '' },
              { start: insertAt, end: insertAt, newText: insertion },
            ],
          },
        ];
      }
    }
    report({
      start,
      end,
      message: `\`mesos_state_uri\` carries the password of user \`${info.user}\`: the agent prints this URI unmasked in its start-up log. Prefer \`mesos_user\` and \`mesos_password\`.`,
      fixes,
    });
  },
};

function nextLineBreak(text: string, from: number): number {
  const n = text.indexOf('\n', from);
  if (n < 0) return text.length;
  return text[n - 1] === '\r' ? n - 1 : n;
}

function yamlScalar(s: string): string {
  return /^[A-Za-z0-9_.\-]+$/.test(s) && !/^(y|n|yes|no|on|off|true|false|null|~|[-+]?[0-9.]+)$/i.test(s) ? s : JSON.stringify(s);
}
