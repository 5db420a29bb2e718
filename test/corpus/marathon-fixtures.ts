import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../helpers/paths';

export { projectRoot };


export const SHARED = join(projectRoot(), '..', 'shared');
export const CORPUS = join(SHARED, 'corpus');
export const MARATHON_APPS = join(CORPUS, 'marathon-apps');
export const SCHEMA_PATH = join(projectRoot(), 'schemas', 'marathon-app.schema.json');

export function readCorpus(...parts: string[]): string {
  return readFileSync(join(CORPUS, ...parts), 'utf8');
}

export function marathonAppFiles(): { accepted: string[]; rejected: string[]; allFields: string[] } {
  const files = readdirSync(MARATHON_APPS).filter((f) => f.endsWith('.json')).sort();
  return {
    accepted: files.filter((f) => !f.startsWith('rejected.') && !f.startsWith('marathon-docs.app-all-fields-')),
    rejected: files.filter((f) => f.startsWith('rejected.')),
    allFields: files.filter((f) => f.startsWith('marathon-docs.app-all-fields-')),
  };
}

/** The sysdig.json the vendor guide recommends, exactly as printed (invalid JSON: placeholders, typographic quotes). */
export function vendorGuideAppRaw(): string {
  const guide = readFileSync(join(SHARED, 'docs', 'vendor-guide-mesos-marathon.txt'), 'utf8');
  const lines = guide.split(/\r?\n/);
  const start = lines.findIndex((l) => l.includes('$cat <<- EOF > "sysdig.json"'));
  if (start < 0) throw new Error('heredoc start not found in the vendor guide');
  const end = lines.findIndex((l, i) => i > start && l.trim() === 'EOF');
  if (end < 0) throw new Error('heredoc end not found in the vendor guide');
  return lines.slice(start + 1, end).join('\n') + '\n';
}

export const SAMPLE_ACCESS_KEY = '5f3c2a1e-8b7d-4c6e-9a0f-1d2e3f4a5b6c';

/** The guide's app with its placeholders filled in as a user would, and the typographic quotes fixed. */
export function vendorGuideAppFilled(): string {
  return vendorGuideAppRaw()
    .replace(/[\u201C\u201D]/g, '"')
    .replace('YOUR-NUMBER-OF-INSTANCES-HERE', '3')
    .replace(/ACCESS_KEY=[^"]*/, `ACCESS_KEY=${SAMPLE_ACCESS_KEY}`)
    .replace(/COLLECTOR=[^"]*/, 'COLLECTOR=collector.example.com');
}

/**
 * 1-based start and end position of the `occurrence`-th (0-based) appearance of `needle` in `text`,
 * for findings whose exact range is that text. Throws when the needle is missing, so a typo cannot pass.
 */
export function at(text: string, needle: string, occurrence = 0): { line: number; column: number; endLine: number; endColumn: number } {
  let idx = -1;
  for (let i = 0; i <= occurrence; i++) {
    idx = text.indexOf(needle, idx + 1);
    if (idx < 0) throw new Error(`${JSON.stringify(needle)} #${occurrence} not found`);
  }
  const pos = (o: number) => {
    const before = text.slice(0, o);
    const line = before.split('\n').length;
    return { line, column: o - before.lastIndexOf('\n') };
  };
  const s = pos(idx);
  const e = pos(idx + needle.length);
  return { line: s.line, column: s.column, endLine: e.line, endColumn: e.column };
}

/** A correct agent app in the guide's layout (volumes indented as the guide does), for the agent-app-* rule tests. */
export const AGENT_APP = `{
  "id": "sysdig-agent",
  "cpus": 1.0,
  "constraints": [["hostname", "UNIQUE"]],
  "mem": 500.0,
  "instances": 3,
  "container": {
    "type": "DOCKER",
    "docker": {
      "image": "sysdig/agent",
      "forcePullImage": true,
      "network": "HOST",
      "privileged": true,
      "parameters": [
        { "key": "pid", "value": "host" },
        { "key": "env", "value": "ACCESS_KEY=${SAMPLE_ACCESS_KEY}" },
        { "key": "env", "value": "COLLECTOR=collector.example.com" }
      ]
    },
    "volumes": [
        {
          "containerPath": "/host/var/run/docker.sock",
          "hostPath": "/var/run/docker.sock",
          "mode": "RW"
        },
        {
          "containerPath": "/host/dev",
          "hostPath": "/dev",
          "mode": "RW"
        },
        {
          "containerPath": "/host/proc",
          "hostPath": "/proc",
          "mode": "RO"
        },
        {
          "containerPath": "/host/boot",
          "hostPath": "/boot",
          "mode": "RO"
        },
        {
          "containerPath": "/host/lib/modules",
          "hostPath": "/lib/modules",
          "mode": "RO"
        },
        {
          "containerPath": "/host/usr",
          "hostPath": "/usr",
          "mode": "RO"
        }
      ]
  }
}
`;

/** AGENT_APP with `from` replaced by `to`; throws when `from` is not there, so a stale test cannot pass. */
export function agentApp(from: string, to: string): string {
  if (!AGENT_APP.includes(from)) throw new Error(`${JSON.stringify(from)} not in AGENT_APP`);
  return AGENT_APP.replace(from, to);
}

/** Replaces `from` by `to` in `text`, throwing when `from` is missing. */
export function edit(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error(`${JSON.stringify(from)} not in text`);
  return text.replace(from, to);
}
