// Hostile inputs of issue 10 §4, in-process (the service and the server's LSP shaping; no stdio): the time of each,
// and of the same at a quarter of the size, so that super-linear growth shows as a ratio well above 4.
// Run: `npm run bench:hostile` (prints numbers; the bounds are asserted by test/security/).
import { createLanguageService, detectKind, globMatch } from '../server/src/service/index';
import { documentKind } from '../server/src/lsp/kind';
import { toCodeAction } from '../server/src/lsp/features';
import { toDiagnostic } from '../server/src/lsp/diagnostics';
import { manyFindingsDragent, manyStarGlob, singleLineDragent } from '../test/security/hostile-inputs';

const RUNS = 7;
const svc = createLanguageService();

function p50(fn: () => unknown): number {
  fn();
  const t: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    fn();
    t.push(performance.now() - t0);
  }
  return t.sort((a, b) => a - b)[Math.floor(RUNS / 2)];
}

function row(name: string, full: number, quarter: number, small = '¼ size'): string {
  return `  ${name.padEnd(58)} ${full.toFixed(2).padStart(9)} ms   (${small} ${quarter.toFixed(2).padStart(8)} ms, × ${(full / Math.max(quarter, 0.01)).toFixed(1)})`;
}

function codeActionRequest(n: number): () => unknown {
  const text = manyFindingsDragent(n);
  const { doc, findings } = svc.check(text, 'dragent', {});
  const context = findings.map((f) => toDiagnostic(doc.lines, f, 1));
  return () => svc.codeActions(doc, findings, { start: 0, end: text.length }, {}).map((it) => toCodeAction('file:///b/dragent.yaml', doc.lines, 1, it, context));
}

const out = [`node ${process.version}; p50 of ${RUNS} runs after a warm-up`];
{
  const full = singleLineDragent(1_000_000);
  const quarter = singleLineDragent(250_000);
  out.push(row('lint, 1 MB single-line dragent.yaml', p50(() => svc.lint(full, 'dragent')), p50(() => svc.lint(quarter, 'dragent'))));
}
{
  const name = `${'a'.repeat(60)}.yml`;
  const g40 = manyStarGlob(40);
  const g10 = manyStarGlob(10);
  out.push(row('40-star glob, .sysdig-mesos.json ignore (globMatch)', p50(() => globMatch(g40, `deploy/${name}`)), p50(() => globMatch(g10, `deploy/${name}`)), '10 stars'));
  out.push(row('40-star glob, files.dragent name (detectKind)', p50(() => detectKind(`/w/${name}`, '', { dragent: [g40], marathonApp: [] })), p50(() => detectKind(`/w/${name}`, '', { dragent: [g10], marathonApp: [] })), '10 stars'));
  out.push(
    row(
      '40-star glob, files.dragent path (server documentKind)',
      p50(() => documentKind(`file:///w/deploy/${name}`, 'yaml', '', { dragent: [`**/${g40}`], marathonApp: [] })),
      p50(() => documentKind(`file:///w/deploy/${name}`, 'yaml', '', { dragent: [`**/${g10}`], marathonApp: [] })),
      '10 stars',
    ),
  );
}
{
  const full = codeActionRequest(10_000);
  const quarter = codeActionRequest(2_500);
  out.push(row('code actions, select-all, 10,000 findings (fix-all memo)', p50(full), p50(quarter)));
  const text = manyFindingsDragent(10_000);
  const textQ = manyFindingsDragent(2_500);
  out.push(row('fix-all computed, 10,000 findings (lints the file twice)', p50(() => svc.fixAll(text, 'dragent')), p50(() => svc.fixAll(textQ, 'dragent'))));
}
process.stdout.write(out.join('\n') + '\n');
