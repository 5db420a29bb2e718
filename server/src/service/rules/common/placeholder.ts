import { findPlaceholders, type PlaceholderMatch } from '../../placeholders';
import type { Rule } from '../rule';
import type { ParsedDocument } from '../../documents/model';
import { nonOverlapping, valueRanges } from './scalar-scan';
import type { Span } from '../../types';
import { collectUris, type UriKey } from '../../dragent/uris';
import { agentApp, envEntries, type EnvEntry } from '../marathon/agent';
import { fillFinding, isFilledName, type DeployFills, type FilledName } from '../../deploy-fills';

/** The port of each URI key's API: Mesos masters listen on 5050, Marathon on 8080. */
const TEMPLATE_EXAMPLE: Record<UriKey, string> = {
  mesos_state_uri: '`http://user:password@10.0.0.1:5050` (the Mesos master, port 5050',
  marathon_uris: '`http://user:password@10.0.0.1:8080` (Marathon, port 8080',
};

function what(m: PlaceholderMatch, key: UriKey | undefined): string {
  const t = m.text.toUpperCase();
  if (m.kind === 'sample-key' || /ACCESS|KEY/.test(t)) return 'your Sysdig access key';
  if (/INSTANCE/.test(t)) return 'the number of Mesos agent nodes that should run the agent';
  if (/COLLECTOR/.test(t)) return 'the collector host name or IP address';
  if (m.kind === 'sample-credentials') return 'the Mesos/Marathon API\'s real user name and password (or remove the user-info if the API needs no login)';
  if (m.kind === 'template') return key ? `a real URI, such as ${TEMPLATE_EXAMPLE[key]}; no brackets; credentials only if the API needs them)` : 'a real URI (no brackets; credentials only if the API needs them)';
  return 'the real value';
}

export const placeholder: Rule = {
  id: 'placeholder',
  kinds: ['dragent', 'marathon-app'],
  severity: 'error',
  severities: [
    { severity: 'error', when: 'in general' },
    { severity: 'info', when: 'in the agent app\'s `ACCESS_KEY` or `COLLECTOR` when the editor\'s deploy fills that variable (an access key in secret storage, the `sysdig-mesos.deploy.collector` setting)', kind: 'marathon-app' },
  ],
  title: 'Placeholder left over from the vendor guide',
  docs:
    'The vendor guide\'s examples are full of stand-ins that must be replaced before use: `YOUR-NUMBER-OF-INSTANCES-HERE`, `YOUR-ACCESS—KEY-HERE` (written with an em dash in the guide), `COLLECTOR-ADDRESS-HERE`, the sample access key `831g28-Your-Key-Here-a0fpc9d`, the sample credentials `myacct:mypass` of its example file, and URI templates such as `http://[username:password@][hostname][:port]`. Left in place they stop things quietly: the agent cannot authenticate with a sample key, the agent refuses a bracketed Marathon URI at start-up, and an unquoted placeholder makes sysdig.json invalid JSON. Any case and any kind of dash are recognised; an IPv6 address in brackets (`http://[fd00::5]:5050`) is not a template. Comments are not checked. In the editor, a placeholder in the agent app\'s `ACCESS_KEY` (or `COLLECTOR`) that deploy replaces — the access key stored with \"Set Sysdig access key\", the `sysdig-mesos.deploy.collector` setting — is shown as information: the file keeps it, the app sent to Marathon does not.',
  check({ doc, settings, report }) {
    const uris = doc.kind === 'dragent' ? collectUris(doc).entries : [];
    const fills = settings.deployFills;
    const app = fills && doc.kind === 'marathon-app' ? agentApp(doc) : null;
    const env = app ? envEntries(doc, app) : [];
    for (const r of placeholderRanges(doc)) {
      const slice = doc.text.slice(r.start, r.end);
      const key = uris.find((e) => e.scalar.range.start <= r.start && r.end <= e.scalar.range.end)?.key;
      for (const m of findPlaceholders(slice)) {
        const start = r.start + m.start;
        const end = r.start + m.end;
        const message = `\`${m.text}\` is a placeholder from the vendor guide: replace it with ${what(m, key)}.`;
        const entry = fills ? env.find((e) => isFilledName(e.name) && e.valueRange.start <= start && end <= e.valueRange.end) : undefined;
        if (fills && entry && isFilledName(entry.name)) report({ start, end, ...filledAtDeploy(fills, env, entry, m.text, message) });
        else report({ start, end, message });
      }
    }
  },
};

/**
 * A placeholder in ACCESS_KEY or COLLECTOR, in the editor: deploy sends the stored value in its place
 * (information), or it does not and the way out is named beside the usual one (error).
 */
function filledAtDeploy(fills: DeployFills, env: readonly EnvEntry[], entry: EnvEntry, text: string, message: string): { severity?: 'info'; message: string } {
  const name = entry.name as FilledName;
  return fillFinding(
    fills,
    env,
    name,
    (from) => `\`${text}\` stays in the file: deploy sends ${name} from ${from} in its place.`,
    (wayOut) => `${message.slice(0, -1)}, or keep it out of the file: ${wayOut}.`,
  );
}

/** Every key and scalar on its own (a template is judged within one string), plus the bare words of JSON
 * syntax errors (an unquoted placeholder is not a JSON value, so it is not in the model). */
function placeholderRanges(doc: ParsedDocument): Span[] {
  return doc.kind === 'marathon-app' ? nonOverlapping([...valueRanges(doc), ...doc.syntaxErrors]) : valueRanges(doc);
}
