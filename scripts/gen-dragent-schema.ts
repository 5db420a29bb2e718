// Generates schemas/dragent.schema.json (JSON Schema draft-07) from the agent key inventory
// (shared/docs/agent-keys.json, research output) and our own one-line descriptions
// (schemas/src/dragent-descriptions.json, hand-written; optional and possibly incomplete).
//
// Run:  npx esbuild scripts/gen-dragent-schema.ts --bundle --platform=node --outfile=dist/gen-dragent-schema.js \
//         && node dist/gen-dragent-schema.js [path/to/agent-keys.json]
// (scripts/build.mjs also bundles it as dist/gen-dragent-schema.js.) After changing the schema, the next
// `npm run build` regenerates the precompiled validator (scripts/gen-schema-validators.mjs).
//
// Design (see docs/agent-dragent.md §1–§3):
// - Scalars follow yaml-cpp, the agent's parser: every `$defs` scalar type is "the JSON type OR a string
//   of the right form" (JSON Schema `type: [..., "string"]` + `pattern`, which applies to strings only).
//   So `yes`, `"10000"` and `On` validate both for our YAML-1.2 model and for yaml-language-server users.
// - The top level and every nesting level that only exists because of dotted keys are closed
//   (`additionalProperties: false`); the `unknown-key` rule reports extra keys, the `schema` rule skips them.
//   Free-form maps (inventory type `map` handed to other components, app check `conf`, events, process maps)
//   stay open.
// - Every inventory key is present; pre-release/renamed keys carry `deprecationMessage` and `x-replacedBy`.
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';

interface KeyEntry {
  key: string;
  type: string | null;
  default: string | null;
  meaning: string;
  hidden: boolean;
  sources: string[];
  first_seen: string | null;
  last_seen: string | null;
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type SchemaObj = { [k: string]: Json };

function projectRoot(): string {
  let dir = __dirname;
  for (let i = 0; i < 8; i++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'schemas'))) return dir;
    dir = dirname(dir);
  }
  return process.cwd();
}

const ROOT = projectRoot();
const KEYS_FILE = resolve(process.argv[2] ?? process.env.AGENT_KEYS ?? join(ROOT, '..', 'shared', 'docs', 'agent-keys.json'));
const DESCRIPTIONS_FILE = process.env.DRAGENT_DESCRIPTIONS ?? join(ROOT, 'schemas', 'src', 'dragent-descriptions.json');
const OUT = process.env.DRAGENT_SCHEMA_OUT ?? join(ROOT, 'schemas', 'dragent.schema.json');

// ---------------------------------------------------------------------------------------------------------
// Scalar and list definitions. `x-expect` is the phrase our `schema` rule uses ("must be <x-expect>");
// `x-typeName` is the short name used in generated descriptions and hovers.

const BOOL_FORMS = ['y', 'Y', 'yes', 'Yes', 'YES', 'n', 'N', 'no', 'No', 'NO', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE', 'on', 'On', 'ON', 'off', 'Off', 'OFF'];
// yaml-cpp reads integers with std::stringstream in automatic base: decimal, 0x hex, leading-0 octal; trailing blanks are fine.
const INT_PATTERN = '^[-+]?(0[xX][0-9a-fA-F]+|[0-9]+)\\s*$';
const UINT_PATTERN = '^\\+?(0[xX][0-9a-fA-F]+|[0-9]+)\\s*$';
// 0..65535 (leading zeros allowed), or a hex value of at most 4 digits
const UINT16_PATTERN = '^\\+?(0*([0-9]{1,4}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5])|0[xX]0*[0-9a-fA-F]{1,4})\\s*$';
// `[0-9]+(\.[0-9]*)?`, not `[0-9]+\.?[0-9]*`: the same strings, but the latter splits a run of digits between its two
// repeats in every way before failing — quadratic on a long number (issue 10 §4)
const FLOAT_PATTERN = '^([-+]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][-+]?[0-9]+)?\\s*|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN))$';

const QUOTE_NOTE = 'quoted numbers such as "10000" are accepted too';

const DEFS: Record<string, SchemaObj> = {
  bool: {
    title: 'boolean',
    'x-typeName': 'boolean',
    'x-expect': 'a boolean (true/false, yes/no, on/off, y/n)',
    'x-forms': 'true/false, yes/no, on/off, y/n in lower, Capitalised or UPPER case; quoted forms are accepted too',
    type: ['boolean', 'string'],
    pattern: `^(${BOOL_FORMS.join('|')})$`,
    patternErrorMessage: 'Not a boolean for the agent: use true/false, yes/no, on/off or y/n.',
  },
  int: {
    title: 'integer',
    'x-typeName': 'integer',
    'x-expect': 'an integer',
    'x-forms': `a whole number from -2147483648 to 2147483647 (0x hex accepted); ${QUOTE_NOTE}; no units`,
    type: ['integer', 'string'],
    minimum: -2147483648,
    maximum: 2147483647,
    pattern: INT_PATTERN,
    patternErrorMessage: 'Not an integer for the agent: write a plain whole number without units.',
  },
  int64: {
    title: '64-bit integer',
    'x-typeName': '64-bit integer',
    'x-expect': 'an integer',
    'x-forms': `a whole number, may be negative; ${QUOTE_NOTE}; no units`,
    type: ['integer', 'string'],
    pattern: INT_PATTERN,
    patternErrorMessage: 'Not an integer for the agent: write a plain whole number without units.',
  },
  uint16: {
    title: '16-bit unsigned integer',
    'x-typeName': '16-bit unsigned integer',
    'x-expect': 'an integer from 0 to 65535',
    'x-forms': `a whole number from 0 to 65535; ${QUOTE_NOTE}; no units`,
    type: ['integer', 'string'],
    minimum: 0,
    maximum: 65535,
    pattern: UINT16_PATTERN,
    patternErrorMessage: 'Not a port-sized number for the agent: write a whole number from 0 to 65535.',
  },
  uint32: {
    title: 'unsigned integer',
    'x-typeName': 'unsigned integer',
    'x-expect': 'a whole number of 0 or more',
    'x-forms': `a whole number from 0 to 4294967295; ${QUOTE_NOTE}; no units`,
    type: ['integer', 'string'],
    minimum: 0,
    maximum: 4294967295,
    pattern: UINT_PATTERN,
    patternErrorMessage: 'Not an unsigned integer for the agent: write a plain whole number without units.',
  },
  uint64: {
    title: '64-bit unsigned integer',
    'x-typeName': '64-bit unsigned integer',
    'x-expect': 'a whole number of 0 or more',
    'x-forms': `a whole number of 0 or more; ${QUOTE_NOTE}; no units`,
    type: ['integer', 'string'],
    minimum: 0,
    pattern: UINT_PATTERN,
    patternErrorMessage: 'Not an unsigned integer for the agent: write a plain whole number without units.',
  },
  float: {
    title: 'number',
    'x-typeName': 'number',
    'x-expect': 'a number',
    'x-forms': `a decimal number (1, 0.5, 1e6, .inf); ${QUOTE_NOTE}; no units`,
    type: ['number', 'string'],
    pattern: FLOAT_PATTERN,
    patternErrorMessage: 'Not a number for the agent: write a plain decimal number without units.',
  },
  string: {
    title: 'text',
    'x-typeName': 'string',
    'x-expect': 'a single value (text)',
    'x-forms': 'any single value; yaml-cpp reads numbers and booleans as their text; quote values containing `: `, ` #`, `{` or a leading `*`, `&`, `!`, `%`, `@`',
    type: ['string', 'number', 'boolean'],
  },
  // The log priorities: text to yaml-cpp, but the agent matches it by prefix, ignoring case, against these
  // level names and stops on anything else (agent-dragent.md §1.14, §3). Not an `enum`: `warn`, `Info` and
  // `information` are right too (rule log-priority judges); `examples` is what completion offers.
  logLevel: {
    title: 'log level',
    'x-typeName': 'log level',
    'x-expect': 'a log level',
    'x-forms': 'emergency, alert, fatal, critical, error, warning, notice, info, debug, trace or none, matched by prefix in any case (`warn`, `Info` are fine; empty means none); any other word stops the agent',
    type: ['string', 'number', 'boolean'],
    examples: ['emergency', 'alert', 'fatal', 'critical', 'error', 'warning', 'notice', 'info', 'debug', 'trace', 'none'],
  },
  any: {
    title: 'any value',
    'x-typeName': 'any value',
    'x-expect': 'a value',
    'x-forms': 'any YAML value',
  },
  stringOrMap: {
    title: 'text or mapping',
    'x-typeName': 'text or mapping',
    'x-expect': 'a value or a mapping',
    'x-forms': 'a single value or a mapping',
    type: ['string', 'number', 'boolean', 'object', 'null'],
  },
  map: {
    title: 'mapping',
    'x-typeName': 'mapping',
    'x-expect': 'a mapping (nested keys)',
    'x-forms': 'a mapping of nested keys; may be empty',
    type: ['object', 'null'],
  },
  stringList: {
    title: 'list of strings',
    'x-typeName': 'list of strings',
    'x-expect': 'a list of strings (a YAML sequence: one `- item` per line or `[a, b]`)',
    'x-forms': 'a YAML sequence of single values (`- item` lines or `[a, b]`); may be empty',
    type: ['array', 'null'],
    items: { $ref: '#/$defs/string' },
  },
  portList: {
    title: 'list of ports',
    'x-typeName': 'list of ports',
    'x-expect': 'a list of port numbers (a YAML sequence)',
    'x-forms': 'a YAML sequence of whole numbers from 0 to 65535; may be empty',
    type: ['array', 'null'],
    items: { $ref: '#/$defs/uint16' },
  },
  numberList: {
    title: 'list of numbers',
    'x-typeName': 'list of numbers',
    'x-expect': 'a list of numbers (a YAML sequence)',
    'x-forms': 'a YAML sequence of numbers such as `[50, 95, 99]`; may be empty',
    type: ['array', 'null'],
    items: { $ref: '#/$defs/float' },
  },
  mapList: {
    title: 'list of mappings',
    'x-typeName': 'list of mappings',
    'x-expect': 'a list of mappings (a YAML sequence of `- key: value` items)',
    'x-forms': 'a YAML sequence whose items are mappings; may be empty',
    type: ['array', 'null'],
    items: { $ref: '#/$defs/mapItem' },
  },
  mapItem: {
    title: 'mapping',
    'x-typeName': 'mapping',
    'x-expect': 'a mapping (`key: value` pairs)',
    type: 'object',
  },
  filterList: {
    title: 'list of include/exclude rules',
    'x-typeName': 'list of include/exclude rules',
    'x-expect': 'a list of `- include: …` / `- exclude: …` rules',
    'x-forms': 'a YAML sequence of `- include: <pattern>` / `- exclude: <pattern>` items, first match wins; may be empty',
    type: ['array', 'null'],
    items: { $ref: '#/$defs/filterRule' },
  },
  filterRule: {
    title: 'include/exclude rule',
    'x-typeName': 'include/exclude rule',
    'x-expect': 'an `include: …` or `exclude: …` mapping',
    type: 'object',
  },
  processMap: {
    title: 'per-process values',
    'x-typeName': 'mapping of process name to number',
    'x-expect': 'a mapping of process name to number',
    'x-forms': 'a mapping such as `{sdchecks: 128, sdjagent: 256}`',
    type: ['object', 'null'],
    additionalProperties: { $ref: '#/$defs/int64' },
  },
  appCheckList: {
    title: 'list of app checks',
    'x-typeName': 'list of app checks',
    'x-expect': 'a list of app checks (a YAML sequence of `- name: …` items)',
    'x-forms': 'a YAML sequence of app check mappings, each with a `name`; may be empty (e.g. all items commented out)',
    type: ['array', 'null'],
    items: { $ref: '#/$defs/appCheck' },
  },
  appCheck: {
    title: 'app check',
    'x-typeName': 'app check',
    'x-expect': 'an app check mapping (`name`, `check_module`, `pattern`, `conf`, …)',
    type: 'object',
    required: ['name'],
    properties: {
      name: { $ref: '#/$defs/string', description: 'Name of the app check; an item with `enabled: false` switches off every check with this name, including the defaults.' },
      check_module: { $ref: '#/$defs/string', description: 'Python module of the check (defaults to the name).' },
      enabled: { $ref: '#/$defs/bool', description: 'Set to false to switch off every app check with this name.' },
      log_errors: { $ref: '#/$defs/bool', description: 'Whether the check logs its errors.' },
      retry: { $ref: '#/$defs/bool', description: 'Whether the agent retries a check that failed.' },
      interval: { $ref: '#/$defs/int', description: 'Seconds between two runs of the check.' },
      pattern: {
        type: ['object', 'null'],
        'x-expect': 'a mapping (`comm`, `exe`, `arg`, `port`)',
        description: 'Which processes the check applies to.',
        properties: {
          comm: { $ref: '#/$defs/string', description: 'Process name (comm) to match.' },
          exe: { $ref: '#/$defs/string', description: 'Executable path to match.' },
          arg: { $ref: '#/$defs/string', description: 'Text that one of the command-line arguments must contain.' },
          port: { $ref: '#/$defs/uint16', description: 'Port the process must listen on.' },
        },
      },
      conf: {
        type: ['object', 'null'],
        'x-expect': 'a mapping of check options',
        description:
          'Options passed to the check. Values may use the placeholders `{port}`, `{mesos_url}`, `{marathon_url}`, `{auth_token}`, `{mesos_creds}`, `{marathon_creds}`; quote them, or YAML reads `{port}` as a mapping.',
      },
    },
  },
};


/** inventory type → $defs name */
function defFor(e: KeyEntry): string {
  const t = e.type ?? '';
  switch (t) {
    case 'bool':
      return 'bool';
    case 'int':
    case 'int32':
      return 'int';
    case 'int64':
      return 'int64';
    case 'uint':
    case 'uint32':
      return 'uint32';
    case 'uint16':
      return 'uint16';
    case 'uint64':
      return 'uint64';
    case 'float':
      return 'float';
    case 'string':
    case 'k8s_export_format':
      return 'string';
    case 'list[string]':
    case 'list[list[string]]':
    case 'list[k8s_ext_list_t::value_type]':
      return 'stringList';
    case 'list[uint16]':
      return 'portList';
    case 'list[list[float]]':
      return 'numberList';
    case 'list[list[map]]':
    case 'list[datadog_check]':
      return 'mapList';
    case 'list[user_configured_filter]':
      return 'filterList';
    case 'list[app_check]':
      return 'appCheckList';
    case 'ProcessValueMap':
    case 'ProcessValue64Map':
      return 'processMap';
    case 'map':
    case 'list[seq_t]':
      return 'map';
  }
  if (t.startsWith('decltype(')) {
    // Members declared with decltype: watchdog timeouts and log sizes are unsigned 64-bit; jmx.sampling is signed.
    return /watchdog|size_b/.test(t) ? 'uint64' : 'int64';
  }
  // Untyped in the inventory: infer from the default.
  const d = (e.default ?? '').trim();
  if (d === 'true' || d === 'false') return 'bool';
  if (/^-?\d+$/.test(d)) return 'int';
  return 'any';
}

// Keys whose inventory type does not fit what the agent's own defaults file writes.
// agent-dragent.md §1.14: matched by prefix; anything else throws "Invalid log priority" at start-up
const LOG_LEVEL_WHY = 'the inventory says string; the agent reads it as a log level name, matched by prefix, and stops at start-up on anything else ("Invalid log priority")';
const TYPE_OVERRIDES: Record<string, { def: string; why: string }> = {
  'log.file_priority': { def: 'logLevel', why: LOG_LEVEL_WHY },
  'log.console_priority': { def: 'logLevel', why: LOG_LEVEL_WHY },
  'log.event_priority': { def: 'logLevel', why: LOG_LEVEL_WHY },
  'secure_audit_streams.k8s_filters': { def: 'stringOrMap', why: "the agent's 2021 defaults file writes a mapping of named audit filters here" },
  'secure_audit.k8s_filters': { def: 'stringOrMap', why: 'the successor key `secure_audit_streams.k8s_filters` is written as a mapping' },
};

// Keys the inventory does not list but the agent's own dragent.default.yaml (2021-10) writes; accepted so the
// shipped defaults validate. (jmx.* and events.* are open maps anyway.)
const EXTRA_KEYS: KeyEntry[] = [
  { key: 'event_labels.max_agent_labels', type: 'int', default: null, meaning: '', hidden: false, sources: ['D'], first_seen: '2019-08-23', last_seen: '2021-10-26' },
  { key: 'monitor_files.files', type: 'list[string]', default: null, meaning: '', hidden: false, sources: ['D'], first_seen: '2018-02-26', last_seen: '2021-10-26' },
  { key: 'secure_audit_streams.k8s_limit', type: 'int', default: null, meaning: '', hidden: false, sources: ['D'], first_seen: '2019-10-23', last_seen: '2021-10-26' },
  { key: 'jmx.default_beans', type: 'list[list[map]]', default: null, meaning: '', hidden: false, sources: ['D'], first_seen: '2015-06-29', last_seen: '2021-10-26' },
  { key: 'jmx.per_process_beans', type: 'map', default: null, meaning: '', hidden: false, sources: ['D'], first_seen: '2015-06-29', last_seen: '2021-10-26' },
];
const EXTRA_DESCRIPTIONS: Record<string, string> = {
  'event_labels.max_agent_labels': "Written by the agent's own 2021 defaults file; the setting the agent declares for this limit is `event_labels.max_agent_tags`.",
  'monitor_files.files': 'Configuration files (relative to the agent root) that the agent watches for changes.',
  'secure_audit_streams.k8s_limit': 'Maximum number of Kubernetes audit events per message (0 = no limit), as written by the 2021 defaults file.',
  'jmx.default_beans': 'JMX beans queried in every Java process (list of `query` + `attributes`).',
  'jmx.per_process_beans': 'JMX beans per application: `<app>: {pattern, beans: [...]}`.',
};

// Parents that are free-form maps: other components read keys the inventory cannot list.
const OPEN_MAPS = new Map<string, string>([
  ['jmx', 'the Java helper (sdjagent) reads the whole `jmx` tree, including per-application sections such as `jmx.tomcat` in the 2015 layout'],
  ['events', 'per component (`kubernetes`, `docker`, `containerd`) a mapping of event kinds to lists of event names, or `all`/`none`'],
  ['rabbitmq', 'options of the 2015 RabbitMQ integration'],
  ['options', 'free-form options'],
]);

// Pre-release and renamed keys (agent-dragent.md §1.13, §6 R19/R20). `rename`: the value keeps its shape, so the
// key can simply be renamed; 'ms-to-s': renamed with a unit change.
interface Deprecation {
  replacedBy?: string;
  rename?: true | 'ms-to-s';
  message: string;
}
const DEPRECATED: Record<string, Deprecation> = {
  marathon_apps_uri: {
    replacedBy: 'marathon_uris',
    message: 'Pre-release Mesos key (Dec 2015 – Jan 2016), no longer read. Use `marathon_uris`, a list of Marathon base URIs such as `[http://marathon.mesos:8080]`.',
  },
  marathon_groups_uri: {
    replacedBy: 'marathon_uris',
    message: 'Pre-release Mesos key (Dec 2015 – Jan 2016), no longer read. Use `marathon_uris`, a list of Marathon base URIs such as `[http://marathon.mesos:8080]`.',
  },
  marathon_ports: {
    message: 'Read only by a January 2016 pre-release, no longer read. The Marathon port is part of the URI in `marathon_uris`.',
  },
  dcos_uid: { replacedBy: 'dcos_user', rename: true, message: 'Pre-release spelling (Oct 2016), no longer read. The DC/OS Enterprise login is `dcos_user`.' },
  k8s_timeout_ms: {
    replacedBy: 'k8s_timeout_s',
    rename: 'ms-to-s',
    message: 'Read until October 2017; later agents read `k8s_timeout_s`, in seconds.',
  },
  ssh_enabled: { message: 'The SSH feature was removed from the agent in 2018; the key has no effect any more.' },
  'ssh.enabled': { message: 'Spelling of one April-2015 build; later agents read `ssh_enabled`, and the SSH feature itself was removed in 2018.' },
  'server.address': { replacedBy: 'collector', message: 'March-2015 pre-release form, no longer read. The collector host is the top-level `collector`.' },
  'server.port': { replacedBy: 'collector_port', message: 'March-2015 pre-release form, no longer read. The collector port is the top-level `collector_port`.' },
  'ssl.enabled': {
    replacedBy: 'ssl',
    message: 'March-2015 pre-release form, no longer read. Later agents read `ssl: true|false` directly; a mapping under `ssl` cannot be converted, so the default (true) applies.',
  },
  'ssl.ca_certificate': {
    replacedBy: 'ca_certificate',
    message: 'March-2015 pre-release form, no longer read. The CA bundle is the top-level `ca_certificate`.',
  },
  protocols_enabled: { replacedBy: 'protocols', rename: true, message: 'March-2015 pre-release name, no longer read. Use `protocols`.' },
  remotefs_enabled: { replacedBy: 'remotefs', rename: true, message: 'March-2015 pre-release name, no longer read. Use `remotefs`.' },
  'watchdog.enabled': { replacedBy: 'watchdog_enabled', message: 'March-2015 pre-release form, no longer read. Use the top-level `watchdog_enabled`.' },
  file_priority: { replacedBy: 'log.file_priority', message: 'Read by one March-2015 build only. The file log level is `log.file_priority`.' },
  'ui.tags': { replacedBy: 'tags', message: 'March-2015 pre-release form, no longer read. Host tags are the top-level `tags`.' },
  k8s_api: { replacedBy: 'k8s_uri', rename: true, message: 'Pre-release name (October 2015), no longer read. Use `k8s_uri`.' },
  'prometheus.max_metrics_per_proc': {
    replacedBy: 'prometheus.max_metrics_per_process',
    rename: true,
    message: 'Read only until October 2017. Use `prometheus.max_metrics_per_process`.',
  },
};

// Default values whose text is a note rather than a value.
function parseDefault(e: KeyEntry, def: string): { value?: Json; note?: string } {
  const raw = (e.default ?? '').trim();
  if (!raw || raw === '(computed)' || raw === '(none)') return raw === '(computed)' ? { note: 'computed by the agent at start-up' } : {};
  // "true (false on Windows)", "6443 (6666 before 2020-01)"
  const paren = /^(.*?)\s*\(([^)]*)\)\s*$/.exec(raw);
  if (paren && paren[1]) {
    const inner = parseDefault({ ...e, default: paren[1] }, def);
    return { ...inner, note: paren[2] };
  }
  if (/^true if /.test(raw) || /^per-component/.test(raw) || raw.includes('…')) return { note: raw };
  let v: Json | undefined;
  try {
    v = JSON.parse(raw) as Json;
  } catch {
    const m = /^(-?\d+)u$/.exec(raw);
    if (m) v = Number(m[1]);
    else {
      try {
        v = parseYaml(raw) as Json;
      } catch {
        return { note: raw };
      }
    }
  }
  if (def.endsWith('List') && v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0) v = [];
  if (v === null || v === undefined) return {};
  if ((def === 'int' || def.startsWith('uint') || def === 'int64' || def === 'float') && typeof v !== 'number') return { note: raw };
  if (def === 'bool' && typeof v !== 'boolean') return { note: raw };
  return { value: v };
}

const SOURCE_WORDS: Record<string, string> = {
  C: "the agent's configuration code",
  T: "the agent's typed settings registry",
  F: "the agent's feature manager",
  D: "the agent's dragent.default.yaml",
  X: 'a commented example in dragent.default.yaml',
  H: 'the sysdiglabs Helm chart',
  E: 'the container entrypoint (environment variables)',
  S: "Sysdig's ConfigMap templates",
};

function fmtValue(v: Json): string {
  if (typeof v === 'string') return v === '' ? '"" (empty)' : JSON.stringify(v);
  if (Array.isArray(v)) return v.length === 0 ? '[] (empty list)' : `[${v.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))).join(', ')}]`;
  return JSON.stringify(v);
}

function seenText(e: KeyEntry): string | undefined {
  if (!e.first_seen && !e.last_seen) return undefined;
  const last = e.last_seen && /^2021-10/.test(e.last_seen) ? 'the latest sources (2021-10)' : e.last_seen;
  return `${e.first_seen ?? '?'} to ${last ?? '?'}`;
}

function loadDescriptions(): Record<string, string> {
  if (!existsSync(DESCRIPTIONS_FILE)) {
    process.stderr.write(`note: ${DESCRIPTIONS_FILE} not found; using generated descriptions\n`);
    return {};
  }
  try {
    const raw = JSON.parse(readFileSync(DESCRIPTIONS_FILE, 'utf8')) as unknown;
    const obj = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
    const src = obj.descriptions && typeof obj.descriptions === 'object' ? (obj.descriptions as Record<string, unknown>) : obj;
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(src)) {
      if (k.startsWith('$')) continue;
      const text = typeof v === 'string' ? v : v && typeof v === 'object' && typeof (v as { description?: unknown }).description === 'string' ? (v as { description: string }).description : undefined;
      if (text && text.trim()) out[k] = text.trim().replace(/\s+/g, ' ');
    }
    return out;
  } catch (err) {
    process.stderr.write(`warning: cannot read ${DESCRIPTIONS_FILE}: ${(err as Error).message}; using generated descriptions\n`);
    return {};
  }
}

interface TreeNode {
  name: string;
  path: string;
  entry?: KeyEntry;
  children: Map<string, TreeNode>;
}

function buildTree(entries: KeyEntry[]): TreeNode {
  const root: TreeNode = { name: '', path: '', children: new Map() };
  for (const e of entries) {
    const parts = e.key.split('.');
    let n = root;
    parts.forEach((p, i) => {
      let c = n.children.get(p);
      if (!c) {
        c = { name: p, path: parts.slice(0, i + 1).join('.'), children: new Map() };
        n.children.set(p, c);
      }
      n = c;
    });
    if (n.entry) throw new Error(`duplicate key ${e.key}`);
    n.entry = e;
  }
  return root;
}

function main(): void {
  const inv = JSON.parse(readFileSync(KEYS_FILE, 'utf8')) as { keys: KeyEntry[] };
  const entries = [...inv.keys, ...EXTRA_KEYS.filter((x) => !inv.keys.some((k) => k.key === x.key))];
  const own = loadDescriptions();
  const descriptions = { ...EXTRA_DESCRIPTIONS, ...own };
  const known = new Set<string>();
  for (const e of entries) e.key.split('.').forEach((_, i, parts) => known.add(parts.slice(0, i + 1).join('.')));
  const stray = Object.keys(own).filter((k) => !known.has(k));
  if (stray.length) process.stderr.write(`note: descriptions for keys that are not in the inventory (ignored): ${stray.join(', ')}\n`);
  const tree = buildTree(entries);
  let described = 0;

  const leafSchema = (n: TreeNode): SchemaObj => {
    const e = n.entry!;
    const def = TYPE_OVERRIDES[e.key]?.def ?? defFor(e);
    const s: SchemaObj = { $ref: `#/$defs/${def}` };
    const { value, note } = parseDefault(e, def);
    if (value !== undefined) s.default = value;
    if (note) s['x-defaultNote'] = note;
    annotate(s, n, def, value, note);
    return s;
  };

  const annotate = (s: SchemaObj, n: TreeNode, def: string | undefined, defaultValue: Json | undefined, defaultNote: string | undefined): void => {
    const e = n.entry;
    const typeName = def ? (DEFS[def]['x-typeName'] as string) : 'mapping';
    const hand = descriptions[n.path];
    if (hand && !(n.path in EXTRA_DESCRIPTIONS)) described++;
    const description = hand ?? (e ? `Agent setting \`${n.path}\` (${typeName}).` : `Group of agent settings under \`${n.path}\`.`);
    s.description = description;
    const lines: string[] = [description, ''];
    const forms = def ? (DEFS[def]['x-forms'] as string | undefined) : undefined;
    lines.push(`- **Type:** ${typeName}${forms ? ` — ${forms}` : ''}`);
    if (defaultValue !== undefined) lines.push(`- **Default:** \`${fmtValue(defaultValue)}\`${defaultNote ? ` (${defaultNote})` : ''}`);
    else if (defaultNote) lines.push(`- **Default:** ${defaultNote}`);
    if (TYPE_OVERRIDES[n.path]) lines.push(`- **Note:** ${TYPE_OVERRIDES[n.path].why}.`);
    if (n.children.size) {
      const names = [...n.children.keys()];
      lines.push(`- **Nested keys:** ${names.slice(0, 40).map((k) => `\`${k}\``).join(', ')}${names.length > 40 ? ', …' : ''}`);
    }
    if (e) {
      const seen = seenText(e);
      const srcs = e.sources.map((c) => SOURCE_WORDS[c]).filter(Boolean);
      if (seen) lines.push(`- **Read by agents:** ${seen}`);
      if (srcs.length) lines.push(`- **Found in:** ${srcs.join('; ')}`);
      if (e.hidden) lines.push('- Hidden setting: valid, but not listed in the configuration the agent prints.');
      if (e.sources.length === 1 && e.sources[0] === 'S') lines.push('- Marker written by Sysdig deployment templates; the agent itself never reads it.');
      s['x-agentType'] = e.type ?? 'untyped';
      if (e.first_seen) s['x-firstSeen'] = e.first_seen;
      if (e.last_seen) s['x-lastSeen'] = e.last_seen;
    }
    const dep = DEPRECATED[n.path];
    if (dep) {
      s.deprecationMessage = dep.message;
      if (dep.replacedBy) s['x-replacedBy'] = dep.replacedBy;
      if (dep.rename) s['x-renameFix'] = dep.rename;
      lines.push(`- **Deprecated:** ${dep.message}`);
    }
    s.markdownDescription = lines.join('\n');
  };

  const nodeSchema = (n: TreeNode): SchemaObj => {
    if (n.children.size === 0) return leafSchema(n);
    const props: Record<string, Json> = {};
    for (const c of n.children.values()) props[c.name] = nodeSchema(c);
    const e = n.entry;
    if (n.path === 'ssl') {
      // Current form: a boolean. The March-2015 pre-release mapping form (`enabled`, `ca_certificate`) stays
      // structurally valid so its keys can be reported as deprecated, one finding each, by `unknown-key`.
      const s: SchemaObj = {
        type: ['boolean', 'string', 'object', 'null'],
        pattern: DEFS.bool.pattern as string,
        patternErrorMessage: DEFS.bool.patternErrorMessage as string,
        'x-expect': DEFS.bool['x-expect'] as string,
        default: true,
        properties: props,
        additionalProperties: false,
      };
      annotate(s, n, 'bool', true, undefined);
      return s;
    }
    const open = OPEN_MAPS.has(n.path);
    const s: SchemaObj = { type: ['object', 'null'], 'x-expect': 'a mapping (nested keys)', properties: props };
    if (!open) s.additionalProperties = false;
    annotate(s, n, e ? 'map' : undefined, undefined, undefined);
    if (open) s.markdownDescription = `${s.markdownDescription as string}\n- Free-form: ${OPEN_MAPS.get(n.path)}.`;
    return s;
  };

  const properties: Record<string, Json> = {};
  for (const c of tree.children.values()) properties[c.name] = nodeSchema(c);

  const schema: SchemaObj = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Sysdig agent dragent.yaml',
    description:
      "Settings of the Sysdig agent (/opt/draios/etc/dragent.yaml). Generated by scripts/gen-dragent-schema.ts from the agent key inventory; scalar types follow yaml-cpp, the agent's YAML reader, so yes/no/on/off booleans and quoted numbers are valid.",
    type: ['object', 'null'],
    'x-expect': 'a mapping of agent settings',
    additionalProperties: false,
    properties,
    $defs: DEFS as unknown as Json,
  };
  mkdirSync(dirname(OUT), { recursive: true });
  const text = JSON.stringify(schema, null, 2) + '\n';
  writeFileSync(OUT, text);
  process.stdout.write(`wrote ${OUT}: ${entries.length} keys (${inv.keys.length} from the inventory), ${described} descriptions from ${DESCRIPTIONS_FILE}\n`);
}

main();
