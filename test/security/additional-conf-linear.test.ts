// ADDITIONAL_CONF is read twice (JSON, then echo -e) and linted as dragent.yaml inside every agent app: a long or
// hostile value must cost time linear in its length, for lint, hover, completion and the code actions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLanguageService } from '../../server/src/service/index';
import { bestOf, growth, MAX_GROWTH_4X } from './timing';

const svc = createLanguageService();
const app = (source: string) => `{"id": "sysdig-agent", "env": {"ADDITIONAL_CONF": "${source}"}, "container": {"docker": {"image": "sysdig/agent"}}}`;

/** JSON string sources of about n characters, each a shape that makes one layer work hard */
const SHAPES: Record<string, (n: number) => string> = {
  'keys joined by echo newlines (\\\\n)': (n) => 'mesos_state_url: x\\\\n'.repeat(n / 20),
  'keys joined by JSON newlines (\\n)': (n) => 'memdump: {enabld: true}\\n'.repeat(n / 25),
  'typographic quotes (a finding and a fix each, both layers)': (n) => `tags: ${'\u201c'.repeat(n)}`,
  'open echo escapes (\\\\x4 …)': (n) => `tags: ${'\\\\x4'.repeat(n / 5)}`,
  'JSON escapes (\\u00e9 \\")': (n) => `tags: ${'\\u00e9\\"'.repeat(n / 8)}`,
  'a lone backslash run': (n) => `tags: ${'\\\\'.repeat(n / 2)}`,
  'bytes that are not UTF-8 (\\\\xc3 a …)': (n) => `tags: ${'\\\\xc3a'.repeat(n / 6)}`,
};

test('lint of a long hostile ADDITIONAL_CONF grows linearly', () => {
  for (const [name, make] of Object.entries(SHAPES)) {
    const small = app(make(50_000));
    const large = app(make(200_000));
    const ratio = growth(() => svc.lint(small, 'marathon-app'), () => svc.lint(large, 'marathon-app'));
    assert.ok(ratio < MAX_GROWTH_4X, `${name}: 50 KB → 200 KB × ${ratio.toFixed(1)}`);
    assert.ok(bestOf(1, () => svc.lint(large, 'marathon-app')) < 3000, `${name}: 200 KB too slow`);
  }
});

test('hover, completion and the code actions at the end of a long ADDITIONAL_CONF grow linearly', () => {
  for (const [name, make] of Object.entries(SHAPES)) {
    const run = (text: string) => {
      const { doc, findings } = svc.check(text, 'marathon-app');
      const at = text.lastIndexOf('"}, "container"') - 3;
      svc.hover(doc, at, findings);
      svc.complete(doc, at);
      svc.codeActions(doc, findings, { start: at, end: at + 1 }, { automatic: true });
    };
    const small = app(make(50_000));
    const large = app(make(200_000));
    const ratio = growth(() => run(small), () => run(large));
    assert.ok(ratio < MAX_GROWTH_4X, `${name}: 50 KB → 200 KB × ${ratio.toFixed(1)}`);
  }
});
