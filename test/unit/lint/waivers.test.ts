import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { fails, lint } from '../../../src/lint';
import { readDocument } from '../../../src/load';
import { policy } from './helpers';

const FILE = 'policies/identity/admin.json';
const TEXT = policy({ Sid: 'Admin', Effect: 'Allow', Action: 'mq:*', Resource: '*' }, { Sid: 'Typo', Effect: 'Deny', Action: 'mq:DeleteTag', Resource: '*' });

function run(waivers: string, today = '2026-11-30') {
  return lint([{ file: FILE, kind: 'identity', read: readDocument(TEXT, 'json') }], { today, waivers: { file: 'policies/waivers.yaml', read: readDocument(waivers, 'yaml') } });
}
const entry = (extra: string, expires = '2027-01-31'): string => `waivers:\n  - code: unknown-action\n    file: ${FILE}\n    owner: sec\n    reason: tracked in SEC-1\n    expires: ${expires}\n${extra}`;

describe('waivers', () => {
  it('a live waiver marks the matching finding waived, counts it, and the run passes', () => {
    const r = run(entry('    sid: Typo\n'));
    const f = r.findings.find((x) => x.code === 'unknown-action')!;
    assert.deepEqual(f.waived, { owner: 'sec', reason: 'tracked in SEC-1', expires: '2027-01-31' });
    assert.equal(r.summary.waived, 1);
    assert.equal(r.summary.counts.error, 0);
    assert.equal(fails(r, 'error'), false);
  });

  it('waives only at the named location', () => {
    const r = run(entry('    sid: Admin\n'));
    assert.equal(r.findings.find((x) => x.code === 'unknown-action')!.waived, undefined);
    assert.ok(r.findings.some((x) => x.code === 'unused-waiver'));
    assert.equal(fails(r, 'error'), true);
  });

  it('holds through its expiry day; afterwards it is an error and waives nothing', () => {
    assert.equal(fails(run(entry('', '2026-11-30')), 'error'), false);
    const r = run(entry('', '2026-11-29'));
    const expired = r.findings.find((x) => x.code === 'waiver-expired')!;
    assert.equal(expired.severity, 'error');
    assert.deepEqual([expired.location.file, expired.location.line], ['policies/waivers.yaml', 2]);
    assert.equal(r.findings.find((x) => x.code === 'unknown-action')!.waived, undefined);
  });

  it('an incomplete entry is an invalid-waiver error', () => {
    const r = run('waivers:\n  - code: unknown-action\n    file: x.json\n    expires: soon\n');
    const bad = r.findings.filter((x) => x.code === 'invalid-waiver');
    assert.equal(bad.length, 1);
    assert.match(bad[0]!.message, /lacks `owner`, `reason`/);
  });
});
