// Code lenses that run the VS Code client's cluster commands from the lines they concern: "Check Mesos
// connectivity" above `mesos_state_uri`, "Check Marathon connectivity" above `marathon_uris`, and "Deploy
// to Marathon" above the agent app's `id`. Offered only to clients that run those commands.
import type { CodeLens } from 'vscode-languageserver/node';
import type { ParsedDocument } from '../service/index';
import { getProps, resolve } from '../service/documents/model';
import { CHECK_MARATHON_COMMAND, CHECK_MESOS_COMMAND, DEPLOY_APP_COMMAND } from './constants';
import { toRange } from './diagnostics';

export function codeLenses(uri: string, doc: ParsedDocument, commands: ReadonlySet<string>): CodeLens[] {
  const out: CodeLens[] = [];
  const lens = (command: string, title: string, start: number, end: number) => {
    if (commands.has(command)) out.push({ range: toRange(doc.lines, start, end), command: { title, command, arguments: [uri] } });
  };
  if (doc.kind === 'dragent') {
    const mesos = getProps(doc.root, 'mesos_state_uri')[0];
    if (mesos) lens(CHECK_MESOS_COMMAND, 'Check Mesos connectivity', mesos.keyRange.start, mesos.keyRange.end);
    const marathon = getProps(doc.root, 'marathon_uris')[0];
    if (marathon) lens(CHECK_MARATHON_COMMAND, 'Check Marathon connectivity', marathon.keyRange.start, marathon.keyRange.end);
  } else {
    const root = resolve(doc.root);
    const id = root && root.type === 'object' ? getProps(root, 'id')[0] : undefined;
    if (id) lens(DEPLOY_APP_COMMAND, 'Deploy to Marathon', id.keyRange.start, id.keyRange.end);
  }
  return out;
}
