// Hostile inputs for issue 10 §4, shared by the hostile-input tests (test/security/) and bench/hostile-bench.ts:
// each is what once froze the language server or the CLI.

/** One line of `bytes` characters: `key: ` and a value of dash-joined words, the shape the placeholder regexes
 * retried from every word (`your-your-…` and `A-A-…`), then the `here` that made them look at all. */
export function singleLineDragent(bytes: number): string {
  const head = 'tags: ';
  const unit = 'your-A-';
  return head + unit.repeat(Math.max(0, Math.floor((bytes - head.length - 5) / unit.length))) + ' here';
}

/** A glob of `stars` stars that cannot match the names it is tried on (the regex tried every split of the name). */
export function manyStarGlob(stars: number): string {
  return `${'*'.repeat(stars)}x.yaml`;
}

/**
 * A dragent.yaml with about `n` findings spread over its lines, of the kinds code actions work on: placeholders
 * (a "Fill in" action each), typographic quotes (a fix each, and fix-all) and unknown keys (a rename fix each),
 * all with a disable-next-line action. About 29 bytes a finding, as in the 289 KB file.
 */
export function manyFindingsDragent(n: number): string {
  const lines = ['app_checks:'];
  for (let i = 0; i < n / 3; i++) {
    lines.push(`  - name: YOUR-NAME-HERE-${i}`);
    lines.push(`    check_module: \u201credis${i}\u201d`);
    lines.push(`    pattrn: {comm: r${i}}`);
  }
  return lines.join('\n') + '\n';
}
