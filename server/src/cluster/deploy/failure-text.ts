/**
 * The one line a failed plan says, for the CLI and the editor alike: which Marathon (where its URI came from)
 * and what it answered. The cluster client's messages start with the URL they asked (`http://m:8080/v2/leader:
 * 401 …`): that URL names the Marathon already, so the line says it once, followed by its source.
 */
export function marathonFailure(shown: string, sourceSaid: string, message: string): string {
  const asked = /^(https?:\/\/\S+?): (.*)$/s.exec(message);
  return asked ? `Marathon ${asked[1]} (${sourceSaid}): ${asked[2]}` : `Marathon ${shown} (${sourceSaid}): ${message}`;
}
