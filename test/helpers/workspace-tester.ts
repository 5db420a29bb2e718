import assert from 'node:assert/strict';
import { createLanguageService, type DocKind, type Finding, type Settings } from '../../server/src/service/index';
import type { ParsedDocument } from '../../server/src/service/documents/model';
import type { SysdigMesosConfig } from '../../server/src/service/features/suppression';

export const wsService = createLanguageService({
  onRuleError: ({ ruleId, error }) => {
    throw new Error(`rule ${ruleId} threw: ${(error as Error)?.stack ?? error}`);
  },
});

export interface WsFile {
  /** `folder/name`: the folder is what comes before the last `/` */
  path: string;
  text: string;
  kind?: DocKind;
  settings?: Partial<Settings>;
  config?: SysdigMesosConfig;
}

/** 1-based line and column of an offset range, in the style of the rule tester */
export interface At {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export function kindOf(path: string): DocKind {
  return path.endsWith('.yaml') || path.endsWith('.yml') ? 'dragent' : 'marathon-app';
}

/** Runs the workspace rules over the files; findings of `ruleId` by path, with positions in both files. */
export function checkFiles(files: WsFile[], ruleId?: string) {
  const docs = new Map<string, ParsedDocument>();
  const input = files.map((f) => {
    const doc = wsService.parse(f.text, f.kind ?? kindOf(f.path));
    docs.set(f.path, doc);
    const cut = f.path.lastIndexOf('/');
    return { id: f.path, folder: cut >= 0 ? f.path.slice(0, cut) : '.', doc, context: { settings: f.settings, config: f.config, filePath: f.path } };
  });
  const out = wsService.checkWorkspace(input);
  const at = (path: string, start: number, end: number): At => {
    const lines = docs.get(path)!.lines;
    const s = lines.positionAt(start);
    const e = lines.positionAt(end);
    return { line: s.line + 1, column: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1 };
  };
  const byPath = new Map<string, (Finding & { at: At; relatedAt: (At & { id: string; message: string })[] })[]>();
  for (const [id, list] of out) {
    const mine = list.filter((f) => !ruleId || f.ruleId === ruleId);
    if (!mine.length) continue;
    byPath.set(
      id,
      mine.map((f) => ({ ...f, at: at(id, f.start, f.end), relatedAt: (f.related ?? []).map((r) => ({ id: r.id, message: r.message, ...at(r.id, r.start, r.end) })) })),
    );
  }
  return byPath;
}

/** the 1-based position of the first occurrence of `needle` in `text` (to end of it) */
export function posOf(text: string, needle: string, from = 0): At {
  const i = text.indexOf(needle, from);
  assert.ok(i >= 0, `${needle} not in text`);
  const before = text.slice(0, i).split('\n');
  const line = before.length;
  const column = before[before.length - 1].length + 1;
  const inside = needle.split('\n');
  return { line, column, endLine: line + inside.length - 1, endColumn: inside.length > 1 ? inside[inside.length - 1].length + 1 : column + needle.length };
}

export function agentApp(opts: { id?: string; env?: Record<string, string>; params?: string[]; instances?: number } = {}): string {
  const env = opts.env ? `,\n  "env": ${JSON.stringify(opts.env)}` : '';
  const params = (opts.params ?? []).map((p) => `{ "key": "env", "value": ${JSON.stringify(p)} }`).join(', ');
  return `{
  "id": ${JSON.stringify(opts.id ?? 'sysdig-agent')},
  "instances": ${opts.instances ?? 3},
  "container": {
    "type": "DOCKER",
    "docker": { "image": "sysdig/agent", "network": "HOST", "privileged": true, "parameters": [${params}] }
  }${env}
}
`;
}
