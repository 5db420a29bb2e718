/**
 * The agent image's entrypoint as it writes /opt/draios/etc/dragent.yaml (agent-dragent.md §1 item 16, §5; its
 * source S2 `docker/docker-entrypoint.sh`). Pure: lines in, lines out, each line keeping where it came from.
 *
 * What the doc says, and what this models:
 * - each variable that is set and not empty (`[ ! -z "$VAR" ]`) replaces every line matching its `^pattern`
 *   (`sed -i "s/^pattern.*\/key: $VAR/g"`), or, when no line matches (`grep`), is appended (`echo "key: $VAR" >>`);
 * - ADDITIONAL_CONF is appended with `echo -e` only when no dragent.yaml existed before the container started.
 *
 * Where the doc is silent, the entrypoint source it cites (S2, read at commit 1dbc3fc) decides:
 * - the patterns are not all `key:`: `^customerid`, `^tags`, `^collector_port` and `^ssl_verify_certificate` have no
 *   colon, `^collector:`, `^ssl:` and `^run_mode:` have one;
 * - the order: ACCESS_KEY, TAGS, COLLECTOR, COLLECTOR_PORT, SECURE, CHECK_CERTIFICATE, then ADDITIONAL_CONF, then
 *   RUN_MODE — so RUN_MODE's `sed` also rewrites a `run_mode:` line that ADDITIONAL_CONF wrote at column 0;
 * - the image ships no /opt/draios/etc/dragent.yaml (the defaults are dragent.default.yaml, §0 and §1 item 2): the
 *   entrypoint starts from an empty file. Otherwise ADDITIONAL_CONF, which Sysdig's own app uses, would never apply.
 */

/** One variable the entrypoint writes as a dragent.yaml key, in the order the script handles them. */
export interface EntrypointStep {
  name: string;
  key: string;
  /** the `grep`/`sed` pattern after `^` (a literal prefix: none of them holds a regex character) */
  pattern: string;
}

export const ENV_STEPS_BEFORE_CONF: readonly EntrypointStep[] = [
  { name: 'ACCESS_KEY', key: 'customerid', pattern: 'customerid' },
  { name: 'TAGS', key: 'tags', pattern: 'tags' },
  { name: 'COLLECTOR', key: 'collector', pattern: 'collector:' },
  { name: 'COLLECTOR_PORT', key: 'collector_port', pattern: 'collector_port' },
  { name: 'SECURE', key: 'ssl', pattern: 'ssl:' },
  { name: 'CHECK_CERTIFICATE', key: 'ssl_verify_certificate', pattern: 'ssl_verify_certificate' },
];
export const ENV_STEPS_AFTER_CONF: readonly EntrypointStep[] = [{ name: 'RUN_MODE', key: 'run_mode', pattern: 'run_mode:' }];

/** A line of the file being written, with what wrote it. */
export interface FileLine<O> {
  text: string;
  origin: O;
  /** the origin of a line this one replaced (RUN_MODE's sed over an ADDITIONAL_CONF line) */
  replaced?: O;
}

/** The file as the script builds it: lines, and whether the last one lacks its newline (`echo -e` stopped by `\c`). */
export class EntrypointFile<O> {
  readonly lines: FileLine<O>[] = [];
  private open = false;

  /** `echo "…" >> file`, `echo -e "…" >> file`: the text (with its final newline, when echo wrote one) appended */
  append(text: string, origin: O): void {
    if (text === '') return;
    const parts = text.split('\n');
    const complete = text.endsWith('\n');
    if (complete) parts.pop();
    parts.forEach((p, i) => {
      // a line left open gets the next text on it (it keeps its first origin)
      if (i === 0 && this.open && this.lines.length) this.lines[this.lines.length - 1].text += p;
      else this.lines.push({ text: p, origin });
    });
    this.open = !complete;
  }

  /**
   * One variable's step: `grep ^pattern` then `sed -i "s/^pattern.*\/key: value/g"`, else `echo "key: value" >>`.
   * Returns what happened, for the notes.
   */
  set(step: EntrypointStep, value: string, origin: O): 'appended' | 'replaced' | 'sed-failed' {
    const hits = this.lines.filter((l) => l.text.startsWith(step.pattern));
    if (!hits.length) {
      // plain `echo` (no -e): the value is written as it is, a newline in it included
      this.append(`${step.key}: ${value}\n`, origin);
      return 'appended';
    }
    const replacement = sedReplacement(`${step.key}: ${value}`);
    if (replacement === undefined) return 'sed-failed';
    for (const l of hits) {
      const old = l.origin;
      // `&` is the whole match: `.*` takes the whole line
      l.text = replacement.map((r) => (r === AMP ? l.text : r)).join('');
      l.replaced = old;
      l.origin = origin;
    }
    // `\n` in the value put a newline into the line: the file has one line more there (one pass, no splice per line)
    if (replacement.some((r) => r !== AMP && r.includes('\n'))) {
      const out: FileLine<O>[] = [];
      for (const l of this.lines) {
        if (l.text.includes('\n')) for (const text of l.text.split('\n')) out.push({ ...l, text });
        else out.push(l);
      }
      // pushed one by one: a spread of 100,000 lines into splice overflows the stack
      this.lines.length = 0;
      for (const l of out) this.lines.push(l);
    }
    return 'replaced';
  }
}

const AMP = Symbol('&');

/**
 * The right-hand side of GNU sed's `s/…/RHS/g` as the script builds it (`"s/^key.*\/key: $VAR/g"`): a `/` in the
 * value ends the RHS early and the `g` after it makes an unknown option, a newline ends the command — sed then
 * fails and leaves the file as it was; `&` is the matched text; `\&`, `\\`, `\/` are the character; `\n` and `\t`
 * a newline and a tab; `\1`…`\9` refer to a group the pattern has not (sed fails). Undefined: sed fails.
 */
export function sedReplacement(rhs: string): (string | typeof AMP)[] | undefined {
  const out: (string | typeof AMP)[] = [];
  let lit = '';
  for (let i = 0; i < rhs.length; i++) {
    const c = rhs[i];
    if (c === '/' || c === '\n') return undefined;
    if (c === '&') {
      out.push(lit, AMP);
      lit = '';
      continue;
    }
    if (c !== '\\') {
      lit += c;
      continue;
    }
    const n = rhs[++i];
    // a backslash at the very end escapes the `/` that closes the RHS: the command is then unterminated
    if (n === undefined) return undefined;
    if (n >= '1' && n <= '9') return undefined;
    if (n === '\n') return undefined;
    lit += n === 'n' ? '\n' : n === 't' ? '\t' : n;
  }
  out.push(lit);
  return out;
}
