// Reading whole lists of the workbench, not only the rows on screen: VS Code's lists are virtual (a row exists
// in the DOM only while it is scrolled into view), so a count of visible rows undercounts a long Problems
// panel. Used by one-voice.test.ts to count every Problems row by its source.
import type { Locator } from 'playwright-core';
import { sleep, type Session } from './harness';

/** One row of the Problems panel under the file it belongs to. */
export interface ProblemRow {
  /** the file row above it (its name) */
  file: string;
  message: string;
  /** the diagnostic's `source` as the panel shows it; '' when it has none */
  source: string;
  code: string;
  severity: 'error' | 'warning' | 'info' | 'unknown';
  /** "[Ln 3, Col 5]" */
  at: string;
}

interface RawRow {
  index: number;
  marker: boolean;
  text: string;
  file: string;
  message: string;
  source: string;
  code: string;
  severity: string;
  at: string;
}

/** Every row of a virtual list, scrolling it from top to bottom with the mouse wheel; keyed by data-index. */
async function allRows(s: Session, list: Locator, read: () => Promise<RawRow[]>): Promise<RawRow[]> {
  const box = await list.boundingBox();
  if (!box) return [];
  await s.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await s.page.mouse.wheel(0, -1_000_000);
  await sleep(200);
  const seen = new Map<number, RawRow>();
  for (let unchanged = 0; unchanged < 3; ) {
    const before = seen.size;
    for (const r of await read()) seen.set(r.index, r);
    unchanged = seen.size === before ? unchanged + 1 : 0;
    await s.page.mouse.wheel(0, Math.max(100, box.height * 0.7));
    await sleep(150);
  }
  return [...seen.values()].sort((a, b) => a.index - b.index);
}

/** Every marker row of the Problems panel (opening the panel first), with its file, source and severity. */
export async function problemRows(s: Session): Promise<ProblemRow[]> {
  await s.problems();
  const list = s.page.locator('.markers-panel .monaco-list').first();
  const raw = await allRows(s, list, () =>
    s.page.locator('.markers-panel .monaco-list-row').evaluateAll((rows) =>
      rows.map((r) => {
        const icon = r.querySelector('.marker-icon');
        const severity = ['error', 'warning', 'info'].find((c) => icon?.classList.contains(c)) ?? 'unknown';
        return {
          index: Number(r.getAttribute('data-index')),
          // a marker row renders its details (source, code, [Ln, Col]) in a .details-container; a file row does not
          marker: !!r.querySelector('.details-container'),
          text: (r.textContent ?? '').replace(/\s+/g, ' ').trim(),
          file: r.querySelector('.label-name')?.textContent ?? '',
          message: (r.querySelector('.marker-message') ?? r.querySelector('.marker-message-line'))?.textContent ?? '',
          source: r.querySelector('.marker-source')?.textContent ?? '',
          code: r.querySelector('.marker-code')?.textContent ?? '',
          severity,
          at: r.querySelector('.marker-line')?.textContent ?? '',
        };
      }),
    ),
  );
  const out: ProblemRow[] = [];
  let file = '';
  for (const r of raw) {
    if (!r.marker) {
      file = r.file || r.text;
      continue;
    }
    out.push({ file, message: r.message || r.text, source: r.source, code: r.code, severity: r.severity as ProblemRow['severity'], at: r.at });
  }
  return out;
}

/** The rows counted by source ('(none)' for rows without one), e.g. { 'sysdig-mesos': 7, json: 11, '(none)': 28 }. */
export function countBySource(rows: readonly ProblemRow[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of rows) {
    const k = r.source || '(none)';
    out[k] = (out[k] ?? 0) + 1;
  }
  return out;
}

/** The texts of every entry of the suggest widget (open), scrolling it through. */
export async function allSuggestions(s: Session): Promise<string[]> {
  await s.suggestions();
  const list = s.page.locator('.suggest-widget .monaco-list').first();
  const raw = await allRows(s, list, () =>
    s.page.locator('.suggest-widget .monaco-list-row').evaluateAll((rows) =>
      rows.map((r) => ({
        index: Number(r.getAttribute('data-index')),
        marker: true,
        // the label alone (the row also holds the detail and the type icon)
        text: (r.querySelector('.label-name')?.textContent ?? r.textContent ?? '').trim(),
        file: '',
        message: '',
        source: '',
        code: '',
        severity: '',
        at: '',
      })),
    ),
  );
  return raw.map((r) => r.text);
}
