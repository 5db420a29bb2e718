/**
 * Messages and fix titles keep markdown code spans (`mesos_state_uri`) where they are written: the hover and
 * SARIF's `message.markdown` render them. The Problems panel, code-action titles, notifications and the CLI's
 * text show plain text, where a backtick is a backtick: there a span becomes "x" in plain ASCII double quotes
 * (never typographic ones: the product itself flags those), or just its text when it holds double quotes
 * already (JSON such as `"network": "HOST"` needs no second pair). Each door to plain text calls this once.
 */
export function plainText(s: string): string {
  if (!s.includes('`')) return s;
  return s.replace(/`([^`\n]+)`/g, (_m, code: string) => (code.includes('"') ? code : `"${code}"`));
}
