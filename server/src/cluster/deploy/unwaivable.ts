import { createLanguageService, type LanguageService } from '../../service/index';
import type { ParsedDocument } from '../../service/documents/model';
import { findPlaceholders } from '../../service/placeholders';
import type { Finding } from '../../service/types';

/**
 * What rule settings cannot waive for a deploy. Severities, `.sysdig-mesos.json` (rules and ignore
 * entries) and disable comments shape what the editor and `lint` *show*; they never let these be *sent*:
 *
 * - a syntax error: the body would be what the tolerant parser made of the file (trailing garbage dropped,
 *   typographic quotes repaired), not what the file says — Marathon itself would refuse the file;
 * - a guide placeholder: Marathon accepts it and runs an agent that cannot authenticate.
 *
 * So both are found again here with the rules' default severities, whatever the settings say.
 */

const UNWAIVABLE = new Set(['syntax', 'placeholder']);

let strict: LanguageService | undefined;

function strictService(): LanguageService {
  strict ??= (() => {
    const all = createLanguageService();
    // the JSON body's own syntax and placeholders; ADDITIONAL_CONF's YAML is judged by the configured findings
    return createLanguageService({ rules: all.rules.filter((r) => UNWAIVABLE.has(r.id)), embeddedConf: false });
  })();
  return strict;
}

const WHY: Record<string, string> = {
  syntax: 'a file with a syntax error is not sent even though the rule is off: Marathon would get what the parser repaired, not what the file says',
  placeholder: 'a guide placeholder is not sent even though the rule is off',
};

/**
 * The syntax and placeholder findings (default severities) that the findings as configured did not already
 * refuse (`refused`: those prepare made problems of), each with the reason it still refuses. `answered`: a
 * placeholder that a fill replaces.
 */
export function unwaivedFindings(doc: ParsedDocument, configured: readonly Finding[], refused: readonly Finding[], answered: (f: Finding) => boolean): Finding[] {
  const key = (f: Finding) => `${f.ruleId}@${f.start}`;
  const already = new Set(refused.map(key));
  const shown = new Set(configured.filter((f) => f.severity === 'error').map(key));
  const out: Finding[] = [];
  for (const f of strictService().validate(doc)) {
    // a fill replaces a placeholder; nothing replaces a syntax error
    if (already.has(key(f)) || (f.ruleId === 'placeholder' && answered(f))) continue;
    // shown as an error yet not refused: a fill covered it (a syntax error inside the filled value)
    const why = shown.has(key(f)) ? 'a value filled at send time does not repair the file around it' : WHY[f.ruleId];
    out.push({ ...f, severity: 'error', message: `${f.message} (${why})` });
  }
  // The typographic quotes the parser repaired leave no syntax error behind; the text is still not JSON.
  if (doc.syntaxErrors.length === 0) {
    const at = doc.repairs[0]?.offset;
    if (at !== undefined && !refused.some((f) => f.start <= at && at < Math.max(f.end, f.start + 1))) {
      out.push({
        ruleId: 'syntax',
        severity: 'error',
        start: at,
        end: at + 1,
        message: `A typographic quote stands where JSON needs " (Marathon rejects the file as invalid JSON; ${WHY.syntax})`,
      });
    }
  }
  return out;
}

/** A value filled at send time (an environment variable, SYSDIG_ACCESS_KEY) that is itself a guide placeholder. */
export function filledPlaceholder(value: string): string | undefined {
  return findPlaceholders(value)[0]?.text;
}
