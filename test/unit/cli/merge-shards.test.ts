import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { mergeShardMessages } from '../../../src/cli/merge-shards';

/** One shard's messages: the same definitions under its own ids, and the test cases it ran. */
function shard(prefix: string, ran: string[], success: boolean, seconds: number, uri = 'a.feature'): string {
  const lines = [
    { meta: { protocolVersion: '1' } },
    { source: { uri, data: 'Feature: A' } },
    { gherkinDocument: { uri, feature: { children: [{ scenario: { id: `${prefix}-s1` } }, { scenario: { id: `${prefix}-s2` } }] } } },
    { pickle: { id: `${prefix}-p1`, uri, astNodeIds: [`${prefix}-s1`], steps: [{ id: `${prefix}-ps1` }] } },
    { pickle: { id: `${prefix}-p2`, uri, astNodeIds: [`${prefix}-s2`], steps: [{ id: `${prefix}-ps2` }] } },
    { stepDefinition: { id: `${prefix}-sd1` } },
    { testRunStarted: { id: `${prefix}-run` } },
    ...ran.flatMap((p, i) => [
      { testCase: { id: `${prefix}-tc${i}`, pickleId: `${prefix}-${p}`, testRunStartedId: `${prefix}-run`, testSteps: [{ id: `${prefix}-ts${i}`, pickleStepId: `${prefix}-p${p.slice(1)}`.replace('-pp', '-ps'), stepDefinitionIds: [`${prefix}-sd1`] }] } },
      { attachment: { body: `{"note":"${prefix}-sd1 stays in a body"}`, testStepId: `${prefix}-ts${i}` } },
    ]),
    { testRunFinished: { success, timestamp: { seconds, nanos: 0 }, testRunStartedId: `${prefix}-run` } },
  ];
  return `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`;
}

describe('merging the shards of a --parallel run', () => {
  it('keeps one set of definitions and maps the other shards onto it; fails when any shard failed', () => {
    const merged = mergeShardMessages([shard('a', ['p1'], true, 10), shard('b', ['p2'], false, 12)]);
    assert.ok(merged.ok);
    const lines = merged.ndjson.trim().split('\n').map((l) => JSON.parse(l) as Record<string, any>); // eslint-disable-line @typescript-eslint/no-explicit-any
    assert.equal(lines.filter((l) => l.pickle).length, 2, 'the pickles once');
    assert.equal(lines.filter((l) => l.testRunStarted).length, 1);
    const cases = lines.filter((l) => l.testCase).map((l) => l.testCase);
    assert.deepEqual(cases.map((c) => c.pickleId), ['a-p1', 'a-p2'], "shard b's case points at shard a's pickle");
    assert.deepEqual(cases[1].testSteps[0].stepDefinitionIds, ['a-sd1']);
    assert.equal(cases[1].testRunStartedId, 'a-run');
    assert.equal(cases[1].id, 'b-tc0', 'test-run ids stay their own');
    assert.match(lines.filter((l) => l.attachment)[1]!.attachment.body, /b-sd1 stays in a body/, 'text inside a body is not an id');
    const finished = lines.at(-1)!.testRunFinished;
    assert.equal(finished.success, false);
    assert.equal(finished.timestamp.seconds, 12, 'the run ends when its last shard does');
  });

  it('refuses shards that did not finish or saw other definitions', () => {
    assert.deepEqual(mergeShardMessages([shard('a', [], true, 1), shard('b', [], true, 1).replace(/.*testRunFinished.*\n/, '')]), { ok: false, error: 'shard 2 did not finish its run' });
    const extra = shard('b', [], true, 1).replace('{"testRunStarted"', '{"stepDefinition":{"id":"b-sd2"}}\n{"testRunStarted"');
    assert.equal(mergeShardMessages([shard('a', [], true, 1), extra]).ok, false);
  });

  it('sharded by file: keeps every shard\'s features, in shard order, and maps only the steps\' definitions', () => {
    const merged = mergeShardMessages([shard('a', ['p1', 'p2'], true, 10, 'a.feature'), shard('b', ['p1'], true, 11, 'b.feature')]);
    assert.ok(merged.ok);
    const lines = merged.ndjson.trim().split('\n').map((l) => JSON.parse(l) as Record<string, any>); // eslint-disable-line @typescript-eslint/no-explicit-any
    assert.deepEqual(lines.filter((l) => l.source).map((l) => l.source.uri), ['a.feature', 'b.feature']);
    assert.deepEqual(lines.filter((l) => l.pickle).map((l) => l.pickle.id), ['a-p1', 'a-p2', 'b-p1', 'b-p2'], 'each shard\'s pickles, under their own ids');
    assert.deepEqual(Object.keys(lines.at(-1)!), ['testRunFinished']);
    const kinds = lines.map((l) => Object.keys(l)[0]);
    assert.ok(kinds.lastIndexOf('pickle') < kinds.indexOf('stepDefinition'), 'the serial order: every file\'s definitions, then the steps\'');
    assert.equal(lines.filter((l) => l.stepDefinition).length, 1);
    const cases = lines.filter((l) => l.testCase).map((l) => l.testCase);
    assert.deepEqual(cases.map((c) => c.pickleId), ['a-p1', 'a-p2', 'b-p1'], "shard b's case keeps its own pickle");
    assert.deepEqual(cases[2].testSteps[0].stepDefinitionIds, ['a-sd1'], 'and points at the one step definition');
    assert.equal(cases[2].testRunStartedId, 'a-run');
    assert.deepEqual(mergeShardMessages([shard('a', [], true, 1, 'a.feature'), `${shard('b', [], true, 1, 'b.feature')}${JSON.stringify({ source: { uri: 'a.feature' } })}\n`]), { ok: false, error: 'the shards parsed overlapping but different feature files' });
  });
});
