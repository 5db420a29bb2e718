import type { ParsedDocument } from '../documents/model';
import type { Finding, Fix, Span, TextEdit } from '../types';
import { disableNextLineEdit } from './suppression';
import { placeholderQuestion, type PlaceholderQuestion } from './fill-placeholder';
import { receptionActions } from './metadata-reception';

/** The "fix all" source action's kind (a sub-kind of LSP's `source.fixAll`). */
export const FIX_ALL_KIND = 'source.fixAll.sysdig-mesos';
export const MAX_FIX_PASSES = 10;
/** the kind of the actions that rewrite settings without fixing a finding (turn Mesos metadata reception off/on) */
export const REWRITE_KIND = 'refactor.rewrite';

export interface CodeActionItem {
  title: string;
  kind: 'quickfix' | typeof FIX_ALL_KIND | typeof REWRITE_KIND;
  edits: TextEdit[];
  /** the findings the action resolves (LSP: the diagnostics it is attached to) */
  findings: Finding[];
  preferred?: boolean;
  /** an action the editor completes by asking the user (no edits until then): fill a placeholder */
  ask?: PlaceholderQuestion;
}

export interface FixAllResult {
  output: string;
  /** lint passes run (each applies the fixes that do not overlap one already applied) */
  passes: number;
  /** fixes applied over all passes */
  applied: number;
  /**
   * edits turning the text into `output`: the fixes' own edits when one pass did it all, else one edit from
   * the first to the last changed character (empty when nothing changed)
   */
  edits: TextEdit[];
}

function overlaps(a: Span, b: Span): boolean {
  return (a.start < b.end && b.start < a.end) || a.start === b.start;
}

/**
 * Applies every preferred fix, ESLint's way: fixes sorted by position, a fix that overlaps one already
 * applied in this pass is skipped; the result is linted again and the loop repeats until nothing is left
 * to fix or `MAX_FIX_PASSES` passes ran.
 */
export function fixAll(text: string, lint: (text: string) => readonly Finding[], accept: (f: Finding) => boolean = () => true): FixAllResult {
  let cur = text;
  let passes = 0;
  let applied = 0;
  let changingPasses = 0;
  let firstEdits: TextEdit[] = [];
  while (passes < MAX_FIX_PASSES) {
    passes++;
    const fixes: Fix[] = [];
    for (const f of lint(cur)) {
      if (!accept(f)) continue;
      const fix = f.fixes?.find((x) => x.preferred);
      if (fix && fix.edits.length) fixes.push(fix);
    }
    fixes.sort((a, b) => minStart(a) - minStart(b));
    const taken: TextEdit[] = [];
    const takenSorted = new TakenEdits();
    for (const fix of fixes) {
      if (fix.edits.some((e) => takenSorted.overlaps(e) || fix.edits.some((o) => o !== e && overlaps(o, e)))) continue;
      for (const e of fix.edits) {
        taken.push(e);
        takenSorted.add(e);
      }
      applied++;
    }
    if (!taken.length) break;
    const next = applyOffsetEdits(cur, taken);
    if (next === cur) break;
    if (++changingPasses === 1) firstEdits = [...taken].sort((a, b) => a.start - b.start);
    cur = next;
  }
  const edits = cur === text ? [] : changingPasses === 1 ? firstEdits : [diffEdit(text, cur)];
  return { output: cur, passes, applied, edits };
}

/**
 * The edits taken in a fix-all pass, sorted by start, for an overlap test by binary search (a scan of every
 * taken edit per fix made a pass quadratic in fixes). Taken edits never overlap one another, so sorted by start
 * they are sorted by end too: only the last one starting before an edit and the first one starting at or after
 * it can overlap it.
 */
class TakenEdits {
  private readonly list: Span[] = [];

  /** index of the first edit starting at or after `start` */
  private lowerBound(start: number): number {
    let lo = 0;
    let hi = this.list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.list[mid].start < start) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  overlaps(e: Span): boolean {
    const i = this.lowerBound(e.start);
    return (i > 0 && overlaps(e, this.list[i - 1])) || (i < this.list.length && overlaps(e, this.list[i]));
  }

  add(e: Span): void {
    this.list.splice(this.lowerBound(e.start), 0, e);
  }
}

function minStart(f: Fix): number {
  return Math.min(...f.edits.map((e) => e.start));
}

/** Applies non-overlapping offset edits to a text. */
export function applyOffsetEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let pos = 0;
  for (const e of sorted) {
    if (e.start < pos) continue;
    out += text.slice(pos, e.start) + e.newText;
    pos = e.end;
  }
  return out + text.slice(pos);
}

/** The smallest single edit turning `a` into `b` (common prefix and suffix kept). */
export function diffEdit(a: string, b: string): TextEdit {
  let s = 0;
  const max = Math.min(a.length, b.length);
  while (s < max && a.charCodeAt(s) === b.charCodeAt(s)) s++;
  // do not split a surrogate pair or a \r\n
  if (s > 0 && s < a.length && (isLowSurrogate(a.charCodeAt(s)) || (a[s - 1] === '\r' && a[s] === '\n'))) s--;
  let ea = a.length;
  let eb = b.length;
  while (ea > s && eb > s && a.charCodeAt(ea - 1) === b.charCodeAt(eb - 1)) {
    ea--;
    eb--;
  }
  if (ea < a.length && ea > s && (isLowSurrogate(a.charCodeAt(ea)) || (a[ea - 1] === '\r' && a[ea] === '\n'))) {
    ea++;
    eb++;
  }
  return { start: s, end: ea, newText: b.slice(s, eb) };
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

export interface CodeActionOptions {
  /** lints a text of the same kind with the same settings (for fix-all) */
  lint: (text: string) => readonly Finding[];
  /** LSP `context.only`: requested action kinds (prefix match); undefined = all */
  only?: readonly string[];
  /**
   * an automatic request (the editor asking as the cursor moves): the whole-file source action, which re-lints
   * the file, is left out unless `only` asks for it
   */
  automatic?: boolean;
  /** computes (or recalls) a fix-all result; defaults to `fixAll(doc.text, lint, accept)` */
  fixAll?: (which: 'all' | 'smart-quotes') => FixAllResult;
}

function wanted(kind: string, only: readonly string[] | undefined): boolean {
  return !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
}

/**
 * Quick fixes for the findings under `range`, suppression comments (YAML), the fix-all actions, and (dragent.yaml,
 * on a Mesos parameter) the guide's turning off of Mesos metadata reception and its reverse.
 */
export function codeActions(doc: ParsedDocument, findings: readonly Finding[], range: Span, options: CodeActionOptions): CodeActionItem[] {
  const out: CodeActionItem[] = [];
  const here = findings.filter((f) => f.start <= range.end && range.start <= f.end);
  if (wanted('quickfix', options.only)) {
    for (const f of here) {
      for (const fix of f.fixes ?? []) {
        out.push({ title: fix.title, kind: 'quickfix', edits: fix.edits, findings: [f], ...(fix.preferred ? { preferred: true } : {}) });
      }
    }
    for (const f of here) {
      if (f.ruleId !== 'placeholder') continue;
      const q = placeholderQuestion(doc, f);
      out.push({ title: `Fill in ${q.placeholder}…`, kind: 'quickfix', edits: [], findings: [f], preferred: true, ask: q });
    }
    const smart = findings.filter((f) => f.ruleId === 'smart-quotes' && f.fixes?.some((x) => x.preferred));
    const smartHere = here.filter((f) => f.ruleId === 'smart-quotes');
    if (smartHere.length && smart.length > 1) {
      const r = options.fixAll ? options.fixAll('smart-quotes') : fixAll(doc.text, options.lint, (f) => f.ruleId === 'smart-quotes');
      if (r.edits.length) out.push({ title: 'Fix all typographic characters in file', kind: 'quickfix', edits: r.edits, findings: smartHere });
    }
    if (doc.kind === 'dragent') {
      const seen = new Set<string>();
      for (const f of here) {
        const line = doc.lines.positionAt(f.start).line;
        const key = `${line}:${f.ruleId}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const edit = disableNextLineEdit(doc, line, f.ruleId);
        if (edit) out.push({ title: `Disable ${f.ruleId} for this line`, kind: 'quickfix', edits: [edit], findings: [f] });
      }
    }
  }
  if (doc.kind === 'dragent' && wanted(REWRITE_KIND, options.only)) {
    for (const a of receptionActions(doc, range)) out.push({ title: a.title, kind: REWRITE_KIND, edits: a.edits, findings: [] });
  }
  const fixAllWanted = options.only ? wanted(FIX_ALL_KIND, options.only) : !options.automatic;
  if (fixAllWanted && findings.some((f) => f.fixes?.some((x) => x.preferred))) {
    const r = options.fixAll ? options.fixAll('all') : fixAll(doc.text, options.lint);
    if (r.edits.length) out.push({ title: 'Fix all auto-fixable problems', kind: FIX_ALL_KIND, edits: r.edits, findings: [] });
  }
  return out;
}
