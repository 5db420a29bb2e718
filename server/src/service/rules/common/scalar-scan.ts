import { walk, type ParsedDocument } from '../../documents/model';
import type { Span } from '../../types';

/**
 * Source ranges a text scan may look at: for YAML every key and scalar value (never comments);
 * for JSON the whole text, so that characters outside strings — where they broke the syntax — are seen too.
 */
export function scanRanges(doc: ParsedDocument): Span[] {
  if (doc.kind !== 'dragent') return [{ start: 0, end: doc.text.length }];
  const out: Span[] = [];
  walk(doc.root, (node) => {
    if (node.type === 'object') for (const p of node.props) out.push(p.keyRange);
    else if (node.type === 'scalar') out.push(node.range);
  });
  out.sort((a, b) => a.start - b.start || a.end - b.end);
  return out.filter((x, i) => i === 0 || x.start >= out[i - 1].end);
}
