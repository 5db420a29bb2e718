/**
 * A line diff of two small texts (an app definition: tens to a few hundred lines), shown as changed
 * lines with `context` unchanged lines around them, `-` before and `+` after, like `diff -u`.
 */
/**
 * The most cells the longest-common-subsequence table may have (time and memory are both its size). An
 * app file may be 1 MiB and Marathon's answer 32 MiB: two 10,000-line definitions took 3.5 s and 900 MB,
 * 30,000 lines ran out of memory. Past the limit the changed middle is shown as removed, then added.
 */
const MAX_CELLS = 1_000_000;

export function lineDiff(before: string, after: string, context = 2): string {
  const all = { a: before.split('\n'), b: after.split('\n') };
  // the common head and tail cost nothing to diff: the table covers only the middle
  let head = 0;
  while (head < all.a.length && head < all.b.length && all.a[head] === all.b[head]) head++;
  let tail = 0;
  while (tail < all.a.length - head && tail < all.b.length - head && all.a[all.a.length - 1 - tail] === all.b[all.b.length - 1 - tail]) tail++;
  const a = all.a.slice(head, all.a.length - tail);
  const b = all.b.slice(head, all.b.length - tail);
  const ops: { op: ' ' | '-' | '+'; line: string }[] = all.a.slice(0, head).map((line) => ({ op: ' ', line }));
  if ((a.length + 1) * (b.length + 1) > MAX_CELLS) {
    for (const line of a) ops.push({ op: '-', line });
    for (const line of b) ops.push({ op: '+', line });
  } else {
    // longest common subsequence table, from the ends
    const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
    for (let i = a.length - 1; i >= 0; i--) for (let j = b.length - 1; j >= 0; j--) lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    let i = 0;
    let j = 0;
    while (i < a.length || j < b.length) {
      if (i < a.length && j < b.length && a[i] === b[j]) {
        ops.push({ op: ' ', line: a[i++] });
        j++;
      } else if (i < a.length && (j >= b.length || lcs[i + 1][j] >= lcs[i][j + 1])) ops.push({ op: '-', line: a[i++] });
      else ops.push({ op: '+', line: b[j++] });
    }
  }
  for (const line of all.a.slice(all.a.length - tail)) ops.push({ op: ' ', line });
  const keep = ops.map((o, k) => o.op !== ' ' || ops.slice(Math.max(0, k - context), k + context + 1).some((x) => x.op !== ' '));
  const out: string[] = [];
  let skipped = false;
  ops.forEach((o, k) => {
    if (keep[k]) {
      out.push(`${o.op} ${o.line}`);
      skipped = false;
    } else if (!skipped) {
      out.push('  …');
      skipped = true;
    }
  });
  return out.join('\n');
}
