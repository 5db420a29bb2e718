import { redactUri } from '../../agent-uri';
import { resolve } from '../../documents/model';
import { collectUris } from '../../dragent/uris';
import type { Fix } from '../../types';
import type { Rule } from '../rule';

export const multipleMarathonUris: Rule = {
  id: 'multiple-marathon-uris',
  kinds: ['dragent'],
  severity: 'warning',
  fixable: true,
  title: 'More than one `marathon_uris` item',
  docs:
    '`marathon_uris` is a list, but the agent supports one Marathon framework per cluster: it uses the first item and logs "Multiple root marathon URIs configured; only the first one … will have effect", treating the others as generic frameworks. The vendor guide says multiple Marathon frameworks should not be configured. Block and flow sequences are both checked. The fix turns each extra item of a block sequence into a comment, so nothing you typed is lost.',
  check({ doc, report }) {
    const { marathonItems } = collectUris(doc);
    if (marathonItems.length < 2) return;
    const first = resolve(marathonItems[0]);
    const firstText = first && first.type === 'scalar' ? first.text : 'the first item';
    for (const item of marathonItems.slice(1)) {
      report({
        start: item.range.start,
        end: item.range.end,
        message: `Only the first \`marathon_uris\` item (${redactUri(firstText)}) is used: the agent supports one Marathon framework per cluster and treats this one as a generic framework.`,
        fixes: commentOut(doc.text, item.range.start, item.range.end),
      });
    }
  },
};

/** For `  - item` on its own line(s): insert `# ` before the dash of every line of the item. */
function commentOut(text: string, start: number, end: number): Fix[] | undefined {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const prefix = text.slice(lineStart, start);
  const m = /^([ \t]*)-[ \t]+$/.exec(prefix);
  if (!m) return undefined; // flow sequence or item not alone on its line: no safe comment form
  const edits = [{ start: lineStart + m[1].length, end: lineStart + m[1].length, newText: '# ' }];
  // continuation lines of a multi-line item
  let i = text.indexOf('\n', start);
  while (i >= 0 && i + 1 < end) {
    edits.push({ start: i + 1, end: i + 1, newText: '# ' });
    i = text.indexOf('\n', i + 1);
  }
  return [{ title: 'Comment out this extra Marathon URI', edits }];
}
