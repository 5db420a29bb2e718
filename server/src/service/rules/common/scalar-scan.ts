import { walk, type ParsedDocument } from '../../documents/model';
import type { Span } from '../../types';

/** Every key and every scalar value, each on its own, without overlaps (never comments). */
export function valueRanges(doc: ParsedDocument): Span[] {
  const out: Span[] = [];
  walk(doc.root, (node) => {
    if (node.type === 'object') for (const p of node.props) out.push(p.keyRange);
    else if (node.type === 'scalar') out.push(node.range);
  });
  return nonOverlapping(out);
}

/**
 * Source ranges a character scan may look at: for YAML every key and scalar value (never comments);
 * for JSON the whole text, so that characters outside strings — where they broke the syntax — are seen too.
 */
export function scanRanges(doc: ParsedDocument): Span[] {
  return doc.kind === 'dragent' ? valueRanges(doc) : [{ start: 0, end: doc.text.length }];
}

export function nonOverlapping(spans: Span[]): Span[] {
  const out = [...spans].sort((a, b) => a.start - b.start || a.end - b.end);
  return out.filter((x, i) => i === 0 || x.start >= out[i - 1].end);
}
