// Issue 11 §10, the pure parts of Switch agent profile: the quick pick's items, the command's argument, where the
// value is written, and the minimal edit of .sysdig-mesos.json (the service's, which the server sends).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'jsonc-parser';
import { profileArg, profileItems, profileTarget } from '../../client/src/agent-profile-choice';
import { agentProfileEdit } from '../../server/src/service/features/config-edit';
import { applyEdits } from '../helpers/edits';

describe('Switch agent profile: choices and target', () => {
  test('both profiles, explained; the current one marked and picked', () => {
    const items = profileItems('guide-2016');
    assert.deepEqual(items.map((i) => i.profile), ['guide-2016', 'latest']);
    assert.equal(items[0].label, '$(check) guide-2016');
    assert.match(items[0].description, /current/);
    assert.ok(items[0].picked && !items[1].picked);
    assert.equal(items[1].label, 'latest');
    assert.match(items[1].detail, /https is accepted but never verified/);
    assert.ok(profileItems(undefined).every((i) => !i.picked));
  });

  test('the argument names a profile or is ignored (the quick pick asks)', () => {
    assert.equal(profileArg('latest'), 'latest');
    assert.equal(profileArg('newest'), undefined);
    assert.equal(profileArg(undefined), undefined);
  });

  test('written where the value comes from', () => {
    assert.equal(profileTarget({ kind: 'dragent', agentProfile: 'latest', profileSource: 'workspace-file' }, true, true), 'workspace-file');
    assert.equal(profileTarget({ kind: 'dragent', agentProfile: 'guide-2016', profileSource: 'settings' }, true, true), 'folder-setting');
    assert.equal(profileTarget(null, false, true), 'workspace-setting');
    assert.equal(profileTarget(null, false, false), 'user-setting');
  });
});

describe('agentProfileEdit: the smallest edit of .sysdig-mesos.json', () => {
  const edit = (text: string, profile: 'guide-2016' | 'latest') => {
    const r = agentProfileEdit(text, profile);
    assert.ok(Array.isArray(r), JSON.stringify(r));
    return applyEdits(text, r);
  };

  test('an existing value is replaced where it is; comments, order and layout kept', () => {
    const text = '{\r\n\t// the cluster\r\n\t"rules": { "https-unsupported": "warning" },\r\n\t"agentProfile":   "guide-2016" // why\r\n}\r\n';
    assert.equal(edit(text, 'latest'), text.replace('"guide-2016" // why', '"latest" // why'));
    assert.deepEqual(agentProfileEdit(text.replace('guide-2016', 'latest'), 'latest'), []);
  });

  test('no agentProfile yet: one member added first, in the file\'s indentation and line ends', () => {
    const text = '{\r\n    "rules": {}\r\n}\r\n';
    const out = edit(text, 'latest');
    assert.equal(out, '{\r\n    "agentProfile": "latest",\r\n    "rules": {}\r\n}\r\n');
    assert.deepEqual(parse(edit('{"rules": {}}', 'latest')), { agentProfile: 'latest', rules: {} });
    assert.deepEqual(parse(edit('{}', 'guide-2016')), { agentProfile: 'guide-2016' });
  });

  test('a file with syntax errors or not an object is left alone', () => {
    assert.ok('error' in (agentProfileEdit('{"rules": ', 'latest') as object));
    assert.ok('error' in (agentProfileEdit('[]', 'latest') as object));
  });
});
