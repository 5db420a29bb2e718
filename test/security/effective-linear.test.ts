// The effective dragent.yaml (service.effective) and the rules over env and ADDITIONAL_CONF on a long hostile
// ADDITIONAL_CONF: a key the variables set, repeated thousands of times (a duplicate, a finding and a fix each),
// run_mode lines RUN_MODE's sed rewrites into two lines each, secrets and URIs to mask on every line. Time linear
// in the length, no stack overflow from spreading a line per argument.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLanguageService } from '../../server/src/service/index';
import { bestOf, growth, MAX_GROWTH_4X } from './timing';

const svc = createLanguageService();
const app = (source: string) =>
  `{"id": "sysdig-agent", "env": {"TAGS": "a:b", "RUN_MODE": "x\\\\ny", "ADDITIONAL_CONF": "${source}"}, "container": {"docker": {"image": "sysdig/agent"}}}`;

const SHAPES: Record<string, (n: number) => string> = {
  'tags again and again (each a duplicate of TAGS)': (n) => 'tags: c:d\\n'.repeat(n / 11),
  'run_mode lines RUN_MODE rewrites with a newline': (n) => 'run_mode: a\\n'.repeat(n / 13),
  'passwords and URIs with user-info': (n) => 'mesos_password: pw\\nmarathon_uris: [http://u:p@h:8080]\\n'.repeat(n / 55),
};

test('effective and the env/ADDITIONAL_CONF rules on a long hostile ADDITIONAL_CONF grow linearly', () => {
  for (const [name, make] of Object.entries(SHAPES)) {
    const run = (text: string) => {
      const doc = svc.parse(text, 'marathon-app');
      const e = svc.effective(doc);
      assert.ok(e && e.lines.length > 1000, name);
      svc.validate(doc);
    };
    const small = app(make(50_000));
    const large = app(make(200_000));
    const ratio = growth(() => run(small), () => run(large));
    assert.ok(ratio < MAX_GROWTH_4X, `${name}: 50 KB → 200 KB × ${ratio.toFixed(1)}`);
    // three layers per run (the app with its ADDITIONAL_CONF, the written file's YAML, every rule): about 1.3 s alone
    // for the worst shape on the 2-core machine, more than 3 s beside the rest of the suite; growth is the real check
    assert.ok(bestOf(1, () => run(large)) < 6000, `${name}: 200 KB too slow`);
  }
});
