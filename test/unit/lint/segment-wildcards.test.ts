import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { findingsOf, policy } from './helpers';

const allow = (Resource: string): object => ({ Effect: 'Allow', Action: 'mq:RebootBroker', Resource });
const CODE = 'wildcard-spans-arn-segments';

describe('lint: wildcard-spans-arn-segments (R2, a segment-ending `*` expanding across colons)', () => {
  it('suggests writing every segment when the region `*` stands for region and account', () => {
    const [f, ...rest] = findingsOf(policy(allow('arn:aws:mq:*:broker:*')), CODE);
    assert.equal(rest.length, 0);
    assert.equal(f?.severity, 'suggestion');
    assert.match(f!.message, /region segment/);
    assert.match(f!.message, /`broker` is not an account/);
    assert.equal(f!.fix, 'write every segment, e.g. `arn:aws:mq:*:*:broker:*`');
    assert.equal(f!.location.line, 7); // the Resource line of the pretty-printed policy
  });
  it('names the missing resource type when the account `*` swallows it', () => {
    const [f] = findingsOf(policy(allow('arn:aws:mq:eu-west-1:*:orders-prod:*')), CODE);
    assert.match(f!.message, /`orders-prod` is not a resource type of `mq`/);
    assert.equal(f!.fix, 'write every segment, e.g. `arn:aws:mq:eu-west-1:*:broker:orders-prod:*`');
  });
  it('stays silent on patterns that keep their wildcards within segments', () => {
    for (const arn of ['arn:aws:mq:*:*:broker:*', 'arn:aws:mq:eu-*:111122223333:broker:orders-*', 'arn:aws:mq:*', 'arn:aws:mq:*:*:configuration:*', 'arn:aws:ec2:*:*:subnet/*', 'arn:aws:mq:us-east-1:111122223333:broker:*:b-1']) {
      assert.deepEqual(findingsOf(policy(allow(arn)), CODE), [], arn);
    }
  });
  it('applies to NotResource as well', () => {
    assert.equal(findingsOf(policy({ Effect: 'Deny', Action: 'mq:*', NotResource: ['arn:aws:mq:*:*:broker:dev-*', 'arn:aws:mq:*:broker:*'] }), CODE).length, 1);
  });
});
