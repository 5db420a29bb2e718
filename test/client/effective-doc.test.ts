// The effective dragent.yaml view's plain logic (client/src/effective-doc.ts): its address names the app and
// carries its URI, the server's answer or refusal becomes the text, an edit of the app makes its views stale.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appOf, effectiveAddress, effectiveText, staleViews } from '../../client/src/effective-doc';

test('the address: a .yaml title naming the app, the app URI round-tripped through the query', () => {
  const app = 'file:///home/op/my%20apps/sysdig.json';
  const a = effectiveAddress(app);
  assert.equal(a.path, '/sysdig.json — effective dragent.yaml'.replace('sysdig.json', 'sysdig.json'));
  assert.ok(a.path.endsWith('.yaml'));
  assert.equal(appOf(a.query), app);
  assert.equal(effectiveAddress('untitled:Untitled-1').path, '/untitled:Untitled-1 — effective dragent.yaml');
  assert.equal(appOf('%E0%A4%A'), undefined, 'a broken query');
  assert.equal(appOf('not a uri'), undefined);
});

test("the text: the server's annotated file, or its refusal as a YAML comment", () => {
  assert.equal(effectiveText({ text: '# ── ACCESS_KEY (env)\ncustomerid: ***\n', lines: [] }), '# ── ACCESS_KEY (env)\ncustomerid: ***\n');
  assert.equal(effectiveText({ error: "not the Sysdig agent's app" }), "# No effective dragent.yaml: not the Sysdig agent's app.\n");
  assert.equal(effectiveText(null), '# The language server did not answer.\n');
});

test('an edit of the app makes its views stale, no other', () => {
  const a = effectiveAddress('file:///w/a.json').query;
  const b = effectiveAddress('file:///w/b.json').query;
  assert.deepEqual(staleViews([a, b], 'file:///w/a.json'), [a]);
  assert.deepEqual(staleViews([a, b], 'file:///w/c.json'), []);
});
