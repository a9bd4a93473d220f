// The explanation of a cross-account Amazon MQ request (reference E0): which accounts, and why no policy of
// the resource account can allow it, in the text a failing step prints and in the JSON simulate writes.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { authorize, interpret } from '../../../src/engine';
import { answerJson, explainText } from '../../../src/explain';
import { parseCasePolicies, parseRequest } from '../../../src/parse';

const policies = parseCasePolicies({ identity: [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'mq:*', Resource: '*' }] }] });
const parsed = parseRequest({ principal: 'arn:aws:iam::111122223333:user/alice', action: 'mq:RebootBroker', resource: 'arn:aws:mq:eu-west-1:444455556666:broker:orders:b-1', context: {} });

describe('explaining a cross-account request (E0)', () => {
  if ('code' in policies || 'problems' in parsed) throw new Error('fixture invalid');
  const request = parsed.request;
  test('the text names both accounts and says why no policy of the resource account can allow it', () => {
    const text = explainText(interpret(request, policies, { explain: true }), request);
    assert.match(text, /→ implicitly denied/);
    assert.match(text, /the caller is in account 111122223333, the resource in account 444455556666/);
    assert.match(text, /Amazon MQ supports no resource-based policies, so no policy of account 444455556666 can allow it/);
  });
  test('both evaluators give the same answer, and simulate names the accounts in `determining`', () => {
    const compiled = authorize(request, policies);
    assert.deepEqual(compiled, interpret(request, policies));
    const json = answerJson('x', compiled, false) as { determining: { crossAccount?: unknown }[] };
    assert.deepEqual(json.determining[0]!.crossAccount, { principalAccount: '111122223333', resourceAccount: '444455556666', service: 'mq' });
  });
});
