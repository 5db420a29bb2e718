// Issue 11 §11: the fill-in box and the file say the same thing. planFill is the box's one check (while typing and
// on Enter): a URI asked in steps (host, user, password), refused with the rule's own message when the file would
// get a finding from it, and — a property over generated inputs — whatever it accepts adds no finding to the file.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { createLanguageService, type DocKind, type FillInput, type Finding } from '../../server/src/service/index';
import { checkUriStep, splitTypedCredentials, uriSteps, uriValue } from '../../server/src/service/features/fill-uri';
import { plainText } from '../../server/src/service/text/plain-text';
import { applyEdits } from '../helpers/edits';
import { projectRoot } from '../helpers/paths';

const svc = createLanguageService();
const guide = (name: string) => readFileSync(join(projectRoot(), 'examples', 'guide', name), 'utf8');
const TEMPLATE = 'mesos_state_uri: http://[username:password@][hostname][:port]\nmarathon_uris:\n  - http://[marathon_ip]:8080\n';

/** plans the fill of the n-th placeholder of `text` */
function plan(text: string, input: FillInput, n = 0, kind: DocKind = 'dragent') {
  const { doc, findings } = svc.check(text, kind);
  const f = findings.filter((x) => x.ruleId === 'placeholder')[n];
  assert.ok(f, 'a placeholder');
  return svc.planFill(doc, findings, f, input);
}

function filled(text: string, input: FillInput, n = 0): string {
  const p = plan(text, input, n);
  assert.ok('edits' in p, JSON.stringify(p));
  return applyEdits(text, p.edits);
}

const ruleCounts = (fs: readonly Finding[]) => {
  const m = new Map<string, number>();
  for (const f of fs) m.set(f.ruleId, (m.get(f.ruleId) ?? 0) + 1);
  return m;
};

describe('URI steps (pure)', () => {
  test('which steps a placeholder needs, from where it stands', () => {
    const g = guide('dragent.yaml');
    const at = (t: string, p: string) => ({ start: t.indexOf(p), end: t.indexOf(p) + p.length });
    assert.deepEqual(uriSteps(TEMPLATE, at(TEMPLATE, '[username:password@][hostname][:port]')), ['host', 'credentials']);
    assert.deepEqual(uriSteps(TEMPLATE, at(TEMPLATE, '[marathon_ip]')), ['host', 'credentials']);
    assert.deepEqual(uriSteps(g, at(g, 'myacct:mypass')), ['credentials']);
    const t = 'mesos_state_uri: http://u:p@[hostname]:5050\n';
    assert.deepEqual(uriSteps(t, at(t, '[hostname]')), ['host']);
  });

  test('credentials typed into the host box are split off (scheme kept, password whole)', () => {
    assert.deepEqual(splitTypedCredentials('admin:s3c@ret@10.0.0.1:5050'), { host: '10.0.0.1:5050', user: 'admin', password: 's3c@ret' });
    assert.deepEqual(splitTypedCredentials('http://admin:pw@h'), { host: 'http://h', user: 'admin', password: 'pw' });
    assert.equal(splitTypedCredentials('10.0.0.1:5050'), undefined);
  });

  test("each step's own check", () => {
    assert.match(checkUriStep('host', '', ['host', 'credentials'])!, /Type the host/);
    assert.match(checkUriStep('host', 'a:b@h', ['host', 'credentials'])!, /next steps .*hidden box/);
    assert.match(checkUriStep('host', 'a:b@h', ['host'])!, /type the host only/);
    assert.equal(checkUriStep('host', '10.0.0.1:5050', ['host', 'credentials']), undefined);
    assert.match(checkUriStep('user', 'a:b', ['credentials'])!, /no ":"/);
    assert.equal(checkUriStep('user', '', ['credentials']), undefined);
    assert.match(checkUriStep('password', '', ['credentials'])!, /Type the password/);
  });

  test('the value built from the parts', () => {
    assert.equal(uriValue(['host', 'credentials'], { host: '10.0.0.1:5050', user: 'u', password: 'p' }, true), 'u:p@10.0.0.1:5050');
    assert.equal(uriValue(['host', 'credentials'], { host: 'https://h', user: 'u', password: 'p' }, true), 'https://u:p@h');
    assert.equal(uriValue(['host', 'credentials'], { host: 'h' }, false), 'http://h');
    assert.equal(uriValue(['credentials'], { user: '' }, true), '');
  });
});

describe('planFill: the box and the file agree', () => {
  test("a host with `_` is refused with uri-host-underscore's own message, in every step", () => {
    const p = plan(TEMPLATE, { parts: { host: 'bad_host' }, step: 'host' });
    assert.ok('error' in p);
    const out = TEMPLATE.replace('[username:password@][hostname][:port]', 'bad_host');
    const rule = svc.check(out, 'dragent').findings.find((f) => f.ruleId === 'uri-host-underscore');
    assert.ok(rule);
    assert.equal(p.error, plainText(rule.message));
    assert.match(p.error, /contains "_"/);
  });

  test('the template filled in three steps; mesos_state_uri credentials go to mesos_user/mesos_password (the rule\'s own fix)', () => {
    assert.deepEqual(plan(TEMPLATE, { parts: { host: '10.0.0.1:5050' }, step: 'host' }), plan(TEMPLATE, { parts: { host: '10.0.0.1:5050' }, step: 'host' }));
    assert.ok('edits' in plan(TEMPLATE, { parts: { host: '10.0.0.1:5050', user: 'admin' }, step: 'user' }));
    const out = filled(TEMPLATE, { parts: { host: '10.0.0.1:5050', user: 'admin', password: 's3cret' }, step: 'password' });
    assert.equal(out, 'mesos_state_uri: http://10.0.0.1:5050\nmesos_user: admin\nmesos_password: s3cret\nmarathon_uris:\n  - http://[marathon_ip]:8080\n');
    // no user: the URI without credentials
    assert.equal(filled(TEMPLATE, { parts: { host: '10.0.0.1:5050', user: '' }, step: 'user' }), TEMPLATE.replace('[username:password@][hostname][:port]', '10.0.0.1:5050'));
    // Marathon URIs keep their credentials (the agent masks them in its log)
    assert.equal(filled(TEMPLATE, { parts: { host: 'marathon.local', user: 'ops', password: 'pw' }, step: 'password' }, 1), TEMPLATE.replace('[marathon_ip]', 'ops:pw@marathon.local'));
  });

  test('a host placeholder followed by :port: a typed port replaces the file\'s, a host alone keeps it', () => {
    assert.equal(filled(TEMPLATE, { parts: { host: '10.0.0.1:8081' }, step: 'host' }, 1), TEMPLATE.replace('[marathon_ip]:8080', '10.0.0.1:8081'));
    assert.equal(filled(TEMPLATE, { parts: { host: '10.0.0.1' }, step: 'host' }, 1), TEMPLATE.replace('[marathon_ip]', '10.0.0.1'));
  });

  test('credentials typed into the host box: refused, split off for the next steps', () => {
    const p = plan(TEMPLATE, { parts: { host: 'admin:s3cret@10.0.0.1' }, step: 'host' });
    assert.ok('error' in p && p.moved);
    assert.deepEqual(p.moved, { host: '10.0.0.1', user: 'admin', password: 's3cret' });
    assert.ok(!p.error.includes('s3cret'));
  });

  test('a password the agent cannot read in a URI: refused with the rule\'s reason, which never quotes it', () => {
    const p = plan(TEMPLATE, { parts: { host: 'marathon.local', user: 'ops', password: 'Zq9 s"3cret' }, step: 'password' }, 1);
    assert.ok('error' in p);
    assert.match(p.error, /credentials contain a character/);
    assert.ok(!p.error.includes('Zq9'));
  });

  test("the guide's myacct:mypass: user and password replace it; no user removes the credentials and the @", () => {
    const g = guide('dragent.yaml');
    const n = svc.check(g, 'dragent').findings.filter((f) => f.ruleId === 'placeholder').findIndex((f) => g.slice(f.start, f.end) === 'myacct:mypass' && f.start > g.indexOf('marathon_uris'));
    assert.ok(n >= 0);
    assert.equal(filled(g, { parts: { user: 'ops', password: 'pw' }, step: 'password' }, n), g.replace('- http://myacct:mypass@', '- http://ops:pw@'));
    assert.equal(filled(g, { parts: { user: '' }, step: 'user' }, n), g.replace('- http://myacct:mypass@', '- http://'));
  });

  test('plain values go through the same check: a number, and a dry run is the same answer as Enter', () => {
    const app = guide('sysdig.json');
    const { findings } = svc.check(app, 'marathon-app');
    const n = findings.filter((f) => f.ruleId === 'placeholder').findIndex((f) => app.slice(f.start, f.end).includes('INSTANCES'));
    const bad = plan(app, { value: 'many' }, n, 'marathon-app');
    assert.deepEqual(bad, { error: 'A whole number, such as 3' });
    assert.ok('edits' in plan(app, { value: '3' }, n, 'marathon-app'));
  });
});

describe('property: whatever the box accepts adds no finding to the file', () => {
  const HOST_PARTS = ['a', 'mesos', '-', '_', '.', '10', '0', ':', '5050', '65536', '[', ']', '/', '?', '#', '@', ' ', '%', 'é', 'x'];
  const CRED_PARTS = ['a', 'ops', ':', '@', '/', '%', ' ', '"', "'", '#', 'p', '1', '!', '~', '$', 'é', '\\'];
  const piece = (parts: string[], max: number) => fc.array(fc.constantFrom(...parts), { minLength: 0, maxLength: max }).map((p) => p.join(''));
  const FILES: [string, DocKind][] = [
    [TEMPLATE, 'dragent'],
    [guide('dragent.yaml'), 'dragent'],
    [guide('delegated.dragent.yaml'), 'dragent'],
    ["mesos_state_uri: 'http://[hostname]:5050'\nmarathon_uris: [\"http://YOUR-MARATHON-HERE:8080\"]\n", 'dragent'],
  ];
  test('URI steps: host, user, password generated from URI pieces', () => {
    fc.assert(
      fc.property(fc.nat(FILES.length - 1), fc.nat(), piece(HOST_PARTS, 6), piece(CRED_PARTS, 4), piece(CRED_PARTS, 4), (fi, pick, host, user, tail) => {
        // a password with a mark no message holds: a refusal must not quote it
        const password = `Zq9${tail}`;
        const [text, kind] = FILES[fi];
        const { doc, findings } = svc.check(text, kind);
        const uris = findings.filter((f) => f.ruleId === 'placeholder' && svc.placeholderQuestion(doc, f).expects === 'uri');
        const f = uris[pick % uris.length];
        const steps = svc.placeholderQuestion(doc, f).uriSteps!;
        const parts = { ...(steps.includes('host') ? { host } : {}), ...(steps.includes('credentials') ? { user, password } : {}) };
        const step = steps.includes('credentials') ? (user.trim() === '' ? 'user' : 'password') : 'host';
        const p = svc.planFill(doc, findings, f, { parts, step });
        if ('error' in p) {
          assert.ok(!p.error.includes('Zq9'), `a refusal never quotes the password: ${p.error}`);
          return;
        }
        const out = applyEdits(text, p.edits);
        const before = ruleCounts(findings.filter((x) => x !== f));
        for (const [rule, n] of ruleCounts(svc.check(out, kind).findings)) {
          assert.ok(n <= (before.get(rule) ?? 0), `${rule} is new after ${JSON.stringify(parts)}: ${out}`);
        }
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 300) },
    );
  });

  test('plain values: the access key and collector of a dragent.yaml', () => {
    const text = 'customerid: 831g28-Your-Key-Here-a0fpc9d\ncollector: COLLECTOR-ADDRESS-HERE\ntags: [role:agent, YOUR-TAG-HERE]\n';
    const VALUE_PARTS = ['a', '1', '-', ':', ' ', '#', ',', ']', 'yes', '"', "'", '0f3e', 'collector.sysdigcloud.com', '/', '_'];
    fc.assert(
      fc.property(fc.nat(2), piece(VALUE_PARTS, 5), (n, value) => {
        const { doc, findings } = svc.check(text, 'dragent');
        const f = findings.filter((x) => x.ruleId === 'placeholder')[n];
        const p = svc.planFill(doc, findings, f, { value });
        if ('error' in p) return;
        const out = applyEdits(text, p.edits);
        const before = ruleCounts(findings.filter((x) => x !== f));
        for (const [rule, c] of ruleCounts(svc.check(out, 'dragent').findings)) assert.ok(c <= (before.get(rule) ?? 0), `${rule} is new after ${JSON.stringify(value)}: ${out}`);
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 300) },
    );
  });
});
