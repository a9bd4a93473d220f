import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runCli } from '../../support/run-cli';

/** Runs `mq-policy simulate` in-process on raw bytes (chunks as given), returning the answers. */
async function simulate(chunks: readonly Buffer[]): Promise<{ code: number; answers: Record<string, any>[]; stderr: string }> {
  const r = await runCli(['simulate'], { stdin: chunks });
  return { code: r.code, answers: r.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, any>), stderr: r.stderr };
}

const request = (context: Record<string, unknown> = {}) => ({ principal: 'arn:aws:iam::111122223333:user/alice', action: 'mq:ListBrokers', resource: '*', context });
const allow = { Effect: 'Allow', Action: 'mq:*', Resource: '*' };
const okCase = (id: string) => JSON.stringify({ id, policies: { identity: [{ Version: '2012-10-17', Statement: [allow] }] }, request: request() });

describe('simulate on hostile input: an error answer for the line, and the batch goes on', () => {
  it('a line nested 50,000 levels deep is answered `nesting-too-deep` (it used to stop the whole run with exit 1)', async () => {
    const deep = `${'['.repeat(50_000)}${']'.repeat(50_000)}`;
    const bad = okCase('deep').replace('"context":{}', `"context":{"x":${deep}}`);
    const r = await simulate([Buffer.from(`${okCase('a')}\n${bad}\n${okCase('b')}\n`)]);
    assert.deepEqual(r.answers.map((a) => a.id), ['a', null, 'b'], r.stderr);
    assert.equal(r.answers[1]!.line, 2);
    assert.equal(r.answers[1]!.error.code, 'nesting-too-deep');
    assert.equal(r.answers[2]!.decision, 'Allowed');
    assert.equal(r.code, 3);
  });

  it('deep nesting inside a policy document, and a deep object behind an escape, are refused the same way', async () => {
    const deepPolicy = JSON.stringify({ id: 'p', policies: { identity: [{ Version: '2012-10-17', Statement: [{ ...allow, Condition: { StringEquals: { 'aws:x': 'a' } } }] }] }, request: request() }).replace('"a"', `${'{"k":'.repeat(5000)}"a\\n"${'}'.repeat(5000)}`);
    const r = await simulate([Buffer.from(`${deepPolicy}\n${okCase('after')}\n`)]);
    assert.equal(r.answers[0]!.error.code, 'nesting-too-deep');
    assert.equal(r.answers[1]!.decision, 'Allowed');
  });

  it('a 0xFF byte in a Deny value is an error naming the line and byte offset, never a replaced character that lets the case through', async () => {
    const denyTeam = (id: string, value: string) =>
      JSON.stringify({ id, policies: { identity: [{ Version: '2012-10-17', Statement: [allow, { Effect: 'Deny', Action: 'mq:*', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalTag/team': value } } }] }] }, request: request({ 'aws:PrincipalTag/team': value }) });
    const line = Buffer.from(denyTeam('bad', 'ab@'));
    const at = line.indexOf('@');
    line[at] = 0xff;
    const r = await simulate([Buffer.from(`${okCase('first')}\n`), line, Buffer.from(`\n${denyTeam('good', 'ab')}\r\n`)]);
    assert.deepEqual(r.answers.map((a) => a.id), ['first', null, 'good']);
    assert.equal(r.answers[1]!.error.code, 'invalid-utf8');
    assert.equal(r.answers[1]!.line, 2);
    assert.match(r.answers[1]!.error.message, new RegExp(`line 2: .*0xFF.* byte offset ${at}\\b`));
    assert.equal(r.answers[2]!.decision, 'ExplicitDeny', 'the CRLF line after it is read normally');
  });

  it('a multi-byte character split across chunks is read, not refused', async () => {
    const text = Buffer.from(`${okCase('é-€-😀')}\n`);
    const chunks = [...text].map((b) => Buffer.from([b])); // one byte per chunk
    const r = await simulate(chunks);
    assert.deepEqual(r.answers.map((a) => a.id), ['é-€-😀']);
  });

  it('a 4 MB line with an escape is decided (read linearly; the bench prints its time)', async () => {
    const big = JSON.stringify({ id: 'big', policies: { identity: [] }, request: request({ 'aws:x': `${'a'.repeat(4 * 1024 * 1024)}"` }) });
    const r = await simulate([Buffer.from(`${big}\n`)]);
    assert.equal(r.answers[0]!.decision, 'ImplicitDeny');
  });
});

describe('simulate recognises a repeated policy set by its text, and still checks the rest of every line', () => {
  const policies = { identity: [{ Version: '2012-10-17', Statement: [allow, { Effect: 'Deny', Action: 'mq:DeleteBroker', Resource: '*' }] }] };
  const line = (id: string, action: string, extra = '') => `{"id":${JSON.stringify(id)},"policies":${JSON.stringify(policies)},"request":${JSON.stringify({ ...request(), action, resource: action === 'mq:ListBrokers' ? '*' : 'arn:aws:mq:eu-west-1:111122223333:broker:b:b-1' })}${extra}}`;

  it('repeated policies give the same answers as fresh ones, and a duplicate key after a repeated policy set is still refused', async () => {
    const lines = Array.from({ length: 30 }, (_, i) => line(`c${i}`, i % 2 ? 'mq:DeleteBroker' : 'mq:ListBrokers'));
    lines.push(line('dup', 'mq:ListBrokers', ',"id":"again"'));
    lines.push(line('twice', 'mq:ListBrokers', `,"policies":{}`));
    lines.push(line('last', 'mq:DeleteBroker').replace('"id":"last"', '"id":"last","x":1'));
    const r = await simulate([Buffer.from(`${lines.join('\n')}\n`)]);
    assert.deepEqual(r.answers.slice(0, 30).map((a) => a.decision), Array.from({ length: 30 }, (_, i) => (i % 2 ? 'ExplicitDeny' : 'Allowed')));
    assert.equal(r.answers[30]!.error.code, 'duplicate-key');
    assert.equal(r.answers[31]!.error.code, 'duplicate-key');
    assert.equal(r.answers[32]!.error.code, 'invalid-case', 'an unknown top-level field is refused even when the policies are known');
  });
});
