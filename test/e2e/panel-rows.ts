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

/** pixels per wheel step: about three rows, so that no row is ever scrolled past unseen */
const WHEEL_STEP = 60;

/**
 * Every row of a virtual list, scrolling it from top to bottom with the mouse wheel in small steps; keyed by
 * data-index. Throws when an index is missing (a row scrolled past unseen): a count is never short.
 */
async function allRows(s: Session, list: Locator, read: () => Promise<RawRow[]>): Promise<RawRow[]> {
  const box = await list.boundingBox();
  if (!box) return [];
  await s.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  // back to the top: until the first row is rendered (one huge step may be cut short; a list scrolled by one
  // row shows row 1 at the top, its row 0 only as the tree's sticky header, outside the rows read here)
  for (let i = 0; i < 50 && !(await read()).some((r) => r.index === 0); i++) {
    await s.page.mouse.wheel(0, -2000);
    await sleep(100);
  }
  const seen = new Map<number, RawRow>();
  for (let unchanged = 0; unchanged < 3; ) {
    const before = seen.size;
    for (const r of await read()) seen.set(r.index, r);
    unchanged = seen.size === before ? unchanged + 1 : 0;
    await s.page.mouse.wheel(0, WHEEL_STEP);
    await sleep(120);
  }
  const rows = [...seen.values()].sort((a, b) => a.index - b.index);
  rows.forEach((r, i) => {
    if (r.index !== i) throw new Error(`list row ${i} was never seen (scrolled past): ${rows.map((x) => x.index).join(',')}`);
  });
  return rows;
}

/** Every marker row of the Problems panel (opening the panel first), with its file, source and severity. */
export async function problemRows(s: Session): Promise<ProblemRow[]> {
  await s.problems();
  const list = s.page.locator('.markers-panel .monaco-list').first();
  const raw = await allRows(s, list, () =>
    s.page.locator('.markers-panel .monaco-list-rows > .monaco-list-row').evaluateAll((rows) =>
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

/** The count on the Problems tab's badge (every problem of the workspace; 0 when there is no badge). */
export async function problemsBadge(s: Session): Promise<number> {
  const badge = s.page.locator('.part.panel .composite-bar .action-item', { hasText: 'Problems' }).locator('.badge-content');
  if (!(await badge.isVisible())) return 0;
  return Number(((await badge.textContent()) ?? '').replace(/\D/g, '')) || 0;
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
    s.page.locator('.suggest-widget .monaco-list-rows > .monaco-list-row').evaluateAll((rows) =>
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
