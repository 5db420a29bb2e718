// VS Code's glob syntax (https://code.visualstudio.com/docs/editor/glob-patterns), for tests that check which
// files the manifest and the client's document selector pick: `*`, `?`, `**`, `{a,b}`, `[abc]`, `[!a]`, `[a-z]`.
// Matched against a whole path with `/` separators, as VS Code matches a DocumentFilter pattern against the
// document's fsPath (case-sensitive).

export function vscodeGlobToRegExp(glob: string): RegExp {
  return new RegExp(`^${translate(glob)}$`);
}

export function matchesVscodeGlob(glob: string, path: string): boolean {
  return vscodeGlobToRegExp(glob).test(path.replace(/\\/g, '/'));
}

function translate(g: string): string {
  let out = '';
  for (let i = 0; i < g.length; i++) {
    const ch = g[i];
    if (ch === '*' && g[i + 1] === '*') {
      if (g[i + 2] === '/') {
        out += '(?:[^/]*/)*';
        i += 2;
      } else {
        out += '.*';
        i += 1;
      }
    } else if (ch === '*') out += '[^/]*';
    else if (ch === '?') out += '[^/]';
    else if (ch === '[') {
      const end = g.indexOf(']', i + 1);
      if (end < 0) throw new Error(`unclosed [ in ${g}`);
      let body = g.slice(i + 1, end);
      if (body.startsWith('!')) body = `^${body.slice(1)}`;
      out += `[${body.replace(/\\/g, '\\\\')}]`;
      i = end;
    } else if (ch === '{') {
      let depth = 1;
      let j = i + 1;
      const parts: string[] = [];
      let start = j;
      for (; j < g.length && depth > 0; j++) {
        if (g[j] === '{') depth++;
        else if (g[j] === '}') depth--;
        else if (g[j] === '[') j = g.indexOf(']', j + 1);
        if (depth === 1 && g[j] === ',') {
          parts.push(g.slice(start, j));
          start = j + 1;
        }
      }
      if (depth !== 0) throw new Error(`unclosed { in ${g}`);
      parts.push(g.slice(start, j - 1));
      out += `(?:${parts.map(translate).join('|')})`;
      i = j - 1;
    } else out += ch.replace(/[.+^$()|\\/]/g, '\\$&');
  }
  return out;
}
