// Editor-feature latency over real stdio (dist/server.js): hover, completion, code actions (lightbulb and
// fix-all), document symbols, folding — request → response, after the document is open and validated.
// Run: `node scripts/build.mjs && node dist-bench/features-bench.js` (prints numbers; not a test).
import {
  CodeActionRequest,
  CompletionRequest,
  DocumentSymbolRequest,
  FoldingRangeRequest,
  HoverRequest,
  type Position,
} from 'vscode-languageserver-protocol/node';
import { LspClient } from '../test/lsp/lsp-client';
import { createLanguageService, type DocKind } from '../server/src/service/index';
import { generateDragentYaml, generateMarathonAppJson, type Generated } from './generate';

const RUNS = 50;

function pct(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
}

/** positions of every key on the first 1,000 lines (hover/completion targets spread over the file) */
function keyPositions(g: Generated): Position[] {
  const out: Position[] = [];
  g.text.split('\n').forEach((line, i) => {
    const m = /^(\s*(?:- )?)"?([A-Za-z_][\w.]*)"?\s*:/.exec(line);
    if (m) out.push({ line: i, character: m[1].length + 1 });
  });
  return out;
}

async function measure(name: string, fn: (i: number) => Promise<unknown>): Promise<string> {
  for (let i = 0; i < 5; i++) await fn(i);
  const t: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await fn(i);
    t.push(performance.now() - t0);
  }
  return `  ${name.padEnd(34)} p50 ${pct(t, 50).toFixed(1).padStart(6)} ms, p95 ${pct(t, 95).toFixed(1).padStart(6)} ms`;
}

/** the same document with a typographic hyphen in every 25th `key: value` (fix-all has work to do) */
function withTypography(g: Generated): Generated {
  let n = 0;
  return { ...g, text: g.text.replace(/(\w)(": "|: )(\w)/g, (m, a: string, sep: string, b: string) => (++n % 25 === 0 ? `${a}${sep}${b}\u2010` : m)) };
}

async function main(): Promise<void> {
  const docs = [
    { name: 'dragent.yaml 1,000 lines', uri: 'file:///bench/features/dragent.yaml', gen: generateDragentYaml(1000) },
    { name: 'dragent.yaml 1,000 lines, 40 typographic hyphens', uri: 'file:///bench/features/typo/dragent.yaml', gen: withTypography(generateDragentYaml(1000)) },
    { name: 'sysdig.json 5,000 lines', uri: 'file:///bench/features/sysdig.json', gen: generateMarathonAppJson(5000) },
  ];
  const c = await LspClient.start({ snippets: true });
  await c.initialize();
  const out: string[] = [`node ${process.version}; ${RUNS} requests each after 5 warm-ups; request → response over stdio`];
  try {
    for (const d of docs) {
      await c.open(d.uri, d.gen.text);
      await c.waitForDiagnostics(d.uri, 1, 30_000);
      const keys = keyPositions(d.gen);
      const at = (i: number) => keys[(i * 37) % keys.length];
      const textDocument = { uri: d.uri };
      const lines = d.gen.text.split('\n').length;
      out.push(`${d.name} (${c.latest(d.uri)?.diagnostics.filter((x) => x.code === 'smart-quotes').length ?? 0} smart-quotes findings):`);
      out.push(await measure('hover on a key', (i) => c.connection.sendRequest(HoverRequest.type, { textDocument, position: at(i) })));
      out.push(await measure('completion at a key', (i) => c.connection.sendRequest(CompletionRequest.type, { textDocument, position: at(i) })));
      out.push(
        await measure('codeAction (lightbulb, one line)', (i) =>
          c.connection.sendRequest(CodeActionRequest.type, { textDocument, range: { start: at(i), end: at(i) }, context: { diagnostics: [], triggerKind: 2 } }),
        ),
      );
      out.push(
        await measure('codeAction, invoked, one line', (i) =>
          c.connection.sendRequest(CodeActionRequest.type, { textDocument, range: { start: at(i), end: at(i) }, context: { diagnostics: [], triggerKind: 1 } }),
        ),
      );
      out.push(
        await measure('codeAction source.fixAll (memo)', () =>
          c.connection.sendRequest(CodeActionRequest.type, {
            textDocument,
            range: { start: { line: 0, character: 0 }, end: { line: lines, character: 0 } },
            context: { diagnostics: [], only: ['source.fixAll'] },
          }),
        ),
      );
      {
        // the first fix-all after a change is computed (lint, apply, lint again): in-process, no memo
        const svc = createLanguageService();
        const kind: DocKind = d.uri.endsWith('.json') ? 'marathon-app' : 'dragent';
        const t: number[] = [];
        let passes = 0;
        for (let i = 0; i < 10; i++) {
          const t0 = performance.now();
          passes = svc.fixAll(d.gen.text, kind).passes;
          t.push(performance.now() - t0);
        }
        out.push(`  ${'fix-all computed (in-process)'.padEnd(34)} p50 ${pct(t, 50).toFixed(1).padStart(6)} ms, p95 ${pct(t, 95).toFixed(1).padStart(6)} ms (${passes} lint passes)`);
      }
      out.push(await measure('documentSymbol', () => c.connection.sendRequest(DocumentSymbolRequest.type, { textDocument })));
      out.push(await measure('foldingRange', () => c.connection.sendRequest(FoldingRangeRequest.type, { textDocument })));
    }
  } finally {
    c.kill();
  }
  process.stdout.write(out.join('\n') + '\n');
}

main().then(
  () => process.exit(0),
  (e) => {
    process.stderr.write(`bench failed: ${(e as Error)?.stack ?? e}\n`);
    process.exit(1);
  },
);
