import type { MScalar } from './model';

/**
 * Offset in the document of character 0 of a scalar's content, when content and source coincide
 * (plain, or quoted without escapes); undefined when they do not (escapes, folded lines), in which
 * case a rule reports on the whole scalar instead of a sub-range.
 */
export function contentBase(text: string, s: MScalar): number | undefined {
  const raw = text.slice(s.range.start, s.range.end);
  if (s.style === 'plain' && raw === s.text) return s.range.start;
  if ((s.style === 'double' || s.style === 'single') && raw.length >= 2 && raw.slice(1, -1) === s.text) return s.range.start + 1;
  return undefined;
}

/** A sub-range of a scalar's content mapped to document offsets, or the whole scalar when unmappable. */
export function subRange(text: string, s: MScalar, start: number, end: number): { start: number; end: number } {
  const base = contentBase(text, s);
  if (base === undefined) return { start: s.range.start, end: s.range.end };
  return { start: base + start, end: base + end };
}
