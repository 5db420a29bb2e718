// Where in dragent.yaml a failed cluster check belongs: the key that caused it. A refused password is the
// password's fault, so the diagnostic goes on the line that set it, not on the URI the request went to.
import { userInfoSpan } from '../service/agent-uri';
import { getProps, resolve, type ParsedDocument, type MScalar } from '../service/documents/model';
import { subRange } from '../service/documents/scalar-offsets';
import type { Span } from '../service/types';

/**
 * The span of the credentials that were refused, as the check chose them (cluster/check.ts, like the agent):
 * `<prefix>_user`/`<prefix>_password` replace the URI's user-info when the user is set, so then the password's
 * value (its key when it has none, the user's value when there is no password key); else the user-info inside
 * the URI. Undefined when neither is in the document (the caller falls back to the URI's line).
 */
export function credentialSpan(doc: ParsedDocument, prefix: 'mesos' | 'marathon', uri: MScalar | undefined): Span | undefined {
  const user = getProps(doc.root, `${prefix}_user`)[0];
  const userValue = resolve(user?.value ?? null);
  if (user && userValue && userValue.type === 'scalar' && userValue.value !== null && userValue.text !== '') {
    const password = getProps(doc.root, `${prefix}_password`)[0];
    if (password) return password.value?.range ?? password.keyRange;
    return userValue.range;
  }
  if (!uri) return undefined;
  const info = userInfoSpan(uri.text);
  return info ? subRange(doc.text, uri, info.start, info.end) : undefined;
}
