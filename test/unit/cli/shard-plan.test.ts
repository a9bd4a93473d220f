import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { estimateScenarios, partition, planShards } from '../../../src/cli/shard-plan';

const dir = mkdtempSync(join(tmpdir(), 'mq-shard-plan-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const scenarios = (n: number): string => `Feature: F\n${Array.from({ length: n }, (_, i) => `\n  Scenario: s${i}\n    Given the developer\n`).join('')}`;

describe('how --parallel splits a run', () => {
  it('counts scenarios from keyword lines: one per Scenario/Example, one per Examples row, none in doc strings', () => {
    const text = [
      'Feature: F',
      '  Background:',
      '    Given the developer',
      '  Scenario: one',
      '    Given a table',
      '      | not | an example |',
      '  Example: two',
      '    Given a doc string',
      '      """',
      '      Scenario: not one',
      '      """',
      '  Scenario Outline: <n>',
      '    Given <n>',
      '    Examples:',
      '      | n |',
      '      | 1 |',
      '      | 2 |',
      '  Rule: r',
      '    Scenario: three',
    ].join('\n');
    assert.equal(estimateScenarios(text, undefined), 5);
    const french = { fr: { scenario: ['Scénario', 'Exemple'], scenarioOutline: ['Plan du scénario'], examples: ['Exemples'], background: ['Contexte'], rule: ['Règle'], feature: ['Fonctionnalité'] } };
    assert.equal(estimateScenarios('# language: fr\nFonctionnalité: F\n  Scénario: un\n  Plan du scénario: p\n    Exemples:\n      | a |\n      | 1 |\n', french), 2);
  });

  it('partitions whole files in order, closest to each target; refuses when one group gets far more than its share', () => {
    assert.deepEqual(partition([5, 5, 5, 5], [10, 10]), [[0, 1], [2, 3]]);
    assert.deepEqual(partition([6, 1, 1, 1, 1], [6, 4]), [[0], [1, 2, 3, 4]]);
    assert.equal(partition([90, 5, 5], [50, 50]), undefined, 'one file holds most scenarios');
    assert.equal(partition([5], [5, 5]), undefined, 'fewer files than shards');
  });

  it('runs serially below the threshold, by file when files balance, by Cucumber\'s --shard otherwise', async () => {
    const many = join(dir, 'many');
    mkdirSync(many);
    for (let i = 0; i < 10; i++) writeFileSync(join(many, `f${i}.feature`), scenarios(50));
    const byFile = await planShards([many], 2, dir, 400);
    assert.equal(byFile.kind, 'by-file');
    if (byFile.kind === 'by-file') {
      assert.deepEqual(byFile.shards.flat(), Array.from({ length: 10 }, (_, i) => join(many, `f${i}.feature`)), 'every file once, in order');
      assert.ok(byFile.shards[0]!.length >= byFile.shards[1]!.length, 'the in-process shard gets the head start');
    }
    assert.equal((await planShards([many], 2, dir, 501)).kind, 'serial');
    assert.match((await planShards([many], 2, dir, 501) as { why: string }).why, /^500 scenarios in the feature files, fewer than the 501/);
    const one = join(dir, 'one');
    mkdirSync(one);
    writeFileSync(join(one, 'big.feature'), scenarios(600));
    writeFileSync(join(one, 'small.feature'), scenarios(10));
    assert.equal((await planShards([one], 2, dir, 400)).kind, 'by-pickle');
    assert.equal((await planShards([`${join(many, 'f1.feature')}:3`, join(many, 'f2.feature')], 2, dir, 0)).kind, 'by-pickle', 'a line filter');
  });
});
