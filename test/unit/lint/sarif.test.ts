import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { formatSarif, lint } from '../../../src/lint';
import { readDocument } from '../../../src/load';
import { catalogVersion } from '../../../src/catalog';
import { policy, TODAY } from './helpers';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const LEVELS = ['none', 'note', 'warning', 'error'];

/** The parts of the SARIF 2.1.0 schema that code-scanning UIs rely on, checked by hand (no validator dependency). */
function sarifProblems(doc: unknown): string[] {
  const p: string[] = [];
  const need = (ok: boolean, what: string): void => {
    if (!ok) p.push(what);
  };
  if (!isObj(doc)) return ['root is not an object'];
  need(doc.version === '2.1.0', 'version is 2.1.0');
  need(typeof doc.$schema === 'string' && /sarif-2\.1\.0/.test(doc.$schema), '$schema names 2.1.0');
  need(Array.isArray(doc.runs) && doc.runs.length > 0, 'runs is a non-empty array');
  for (const run of (Array.isArray(doc.runs) ? doc.runs : []) as unknown[]) {
    if (!isObj(run) || !isObj(run.tool) || !isObj(run.tool.driver)) {
      p.push('run.tool.driver is an object');
      continue;
    }
    const driver = run.tool.driver;
    need(typeof driver.name === 'string' && driver.name !== '', 'driver.name is a non-empty string');
    need(driver.version === undefined || typeof driver.version === 'string', 'driver.version is a string');
    const rules = Array.isArray(driver.rules) ? (driver.rules as unknown[]) : [];
    need(driver.rules === undefined || Array.isArray(driver.rules), 'driver.rules is an array');
    const ids = rules.map((r) => (isObj(r) ? r.id : undefined));
    need(ids.every((id) => typeof id === 'string' && id !== ''), 'every rule has a string id');
    need(new Set(ids).size === ids.length, 'rule ids are unique');
    for (const r of rules) {
      if (!isObj(r)) continue;
      if (r.shortDescription !== undefined) need(isObj(r.shortDescription) && typeof r.shortDescription.text === 'string', `rule ${String(r.id)} shortDescription.text is a string`);
      if (r.defaultConfiguration !== undefined) need(isObj(r.defaultConfiguration) && LEVELS.includes(String(r.defaultConfiguration.level)), `rule ${String(r.id)} default level is valid`);
    }
    need(Array.isArray(run.results), 'run.results is an array');
    for (const [i, res] of ((Array.isArray(run.results) ? run.results : []) as unknown[]).entries()) {
      if (!isObj(res)) {
        p.push(`result ${i} is an object`);
        continue;
      }
      need(isObj(res.message) && typeof res.message.text === 'string' && res.message.text !== '', `result ${i} message.text`);
      need(res.level === undefined || LEVELS.includes(String(res.level)), `result ${i} level is valid`);
      need(typeof res.ruleId === 'string' && ids.includes(res.ruleId), `result ${i} ruleId names a rule`);
      if (res.ruleIndex !== undefined) need(Number.isInteger(res.ruleIndex) && ids[res.ruleIndex as number] === res.ruleId, `result ${i} ruleIndex points at its rule`);
      const locations = Array.isArray(res.locations) ? (res.locations as unknown[]) : [];
      need(locations.length > 0, `result ${i} has a location`);
      for (const loc of locations) {
        const phys = isObj(loc) ? loc.physicalLocation : undefined;
        if (!isObj(phys) || !isObj(phys.artifactLocation)) {
          p.push(`result ${i} physicalLocation.artifactLocation is an object`);
          continue;
        }
        const uri = phys.artifactLocation.uri;
        need(typeof uri === 'string' && uri !== '' && !uri.includes('\\') && !/^[a-z]+:/i.test(uri), `result ${i} uri is a relative URI reference`);
        if (phys.region !== undefined) {
          const region = phys.region as Obj;
          need(Number.isInteger(region.startLine) && (region.startLine as number) >= 1, `result ${i} region.startLine >= 1`);
          need(region.startColumn === undefined || (Number.isInteger(region.startColumn) && (region.startColumn as number) >= 1), `result ${i} region.startColumn >= 1`);
        }
      }
      for (const s of (Array.isArray(res.suppressions) ? res.suppressions : []) as unknown[]) {
        need(isObj(s) && ['inSource', 'external'].includes(String(s.kind)), `result ${i} suppression kind is valid`);
        if (isObj(s) && s.status !== undefined) need(['accepted', 'underReview', 'rejected'].includes(String(s.status)), `result ${i} suppression status is valid`);
      }
    }
  }
  return p;
}

function sampleReport(waivers?: string) {
  const text = policy(
    { Sid: 'All', Effect: 'Allow', Action: 'mq:*', Resource: '*' },
    { Sid: 'Typo', Effect: 'Deny', Action: 'mq:DeleteTag', Resource: 'arn:aws:mq:*:*:broker:*' },
  );
  return lint([{ file: 'policies/identity/my policy.json', kind: 'identity', read: readDocument(text, 'json') }], {
    today: TODAY,
    ...(waivers ? { waivers: { file: 'policies/waivers.yaml', read: readDocument(waivers, 'yaml') } } : {}),
  });
}

describe('SARIF 2.1.0 output', () => {
  const waivers = 'waivers:\n  - {code: allow-all-mq, file: policies/identity/my policy.json, sid: All, owner: sec, reason: break glass, expires: 2999-01-01}\n';
  const sarif = JSON.parse(formatSarif(sampleReport(waivers), { name: 'mq-policy', version: '0.1.0' })) as Obj;

  it('has the 2.1.0 structure', () => {
    assert.deepEqual(sarifProblems(sarif), []);
  });

  it('the structural checks can fail', () => {
    const broken = JSON.parse(JSON.stringify(sarif)) as { runs: { results: Obj[] }[] };
    broken.runs[0]!.results[0]!.ruleId = 'nope';
    (broken.runs[0]!.results[0]!.locations as Obj[])[0] = { physicalLocation: { artifactLocation: { uri: 'C:\\x' }, region: { startLine: 0 } } };
    assert.ok(sarifProblems(broken).length >= 3, sarifProblems(broken).join('; '));
    assert.deepEqual(sarifProblems({ version: '2.0.0', runs: [] }), ['version is 2.1.0', '$schema names 2.1.0', 'runs is a non-empty array']);
  });

  it('names the catalog in tool.driver, maps severities to levels, locates lines and suppresses waived results', () => {
    const run = (sarif.runs as Obj[])[0]!;
    const driver = (run.tool as Obj).driver as Obj;
    assert.equal((driver.properties as Obj).catalog, catalogVersion());
    assert.ok(String(driver.fullName).includes(catalogVersion()));
    const results = run.results as Obj[];
    const typo = results.find((r) => r.ruleId === 'unknown-action')!;
    assert.equal(typo.level, 'error');
    const phys = ((typo.locations as Obj[])[0]!.physicalLocation as Obj);
    assert.deepEqual(phys.artifactLocation, { uri: 'policies/identity/my%20policy.json', uriBaseId: '%SRCROOT%' });
    assert.deepEqual(phys.region, { startLine: 13, startColumn: 17 });
    const waived = results.find((r) => r.ruleId === 'allow-all-mq')!;
    assert.equal(waived.level, 'warning');
    assert.deepEqual((waived.suppressions as Obj[])[0]!.kind, 'external');
    assert.equal(results.find((r) => r.ruleId === 'unknown-action')!.suppressions, undefined);
  });
});

describe('SARIF for code scanning', () => {
  const report = sampleReport();
  const runOf = (places?: { cwd: string; root: string }): Obj => (JSON.parse(formatSarif(report, { name: 'mq-policy', version: '0.1.0' }, places)) as { runs: Obj[] }).runs[0]!;
  const uris = (run: Obj): unknown[] => (run.results as Obj[]).map((r) => (((r.locations as Obj[])[0]!.physicalLocation as Obj).artifactLocation as Obj).uri);

  it('paths are relative to the repository root, also when lint runs in a subfolder, never with ../', () => {
    // lint ran in /repo/infra, so the finding's file is shown relative to it
    const sub = lint([{ file: '../policies/identity/p.json', kind: 'identity', read: readDocument(policy({ Effect: 'Deny', Action: 'mq:DeleteTag', Resource: '*' }), 'json') }], { today: TODAY });
    const run = (JSON.parse(formatSarif(sub, { name: 'mq-policy', version: '0.1.0' }, { cwd: '/repo/infra', root: '/repo' })) as { runs: Obj[] }).runs[0]!;
    assert.deepEqual(uris(run), ['policies/identity/p.json']);
    assert.deepEqual(uris(runOf({ cwd: '/repo/infra', root: '/repo' })).slice(0, 1), ['infra/policies/identity/my%20policy.json']);
  });
  it('a file outside the repository gets an absolute file URI, not ../', () => {
    const out = lint([{ file: '../../elsewhere/p.json', kind: 'identity', read: readDocument(policy({ Effect: 'Deny', Action: 'mq:DeleteTag', Resource: '*' }), 'json') }], { today: TODAY });
    const run = (JSON.parse(formatSarif(out, { name: 'mq-policy', version: '0.1.0' }, { cwd: '/repo/infra', root: '/repo' })) as { runs: Obj[] }).runs[0]!;
    assert.deepEqual(uris(run), ['file:///elsewhere/p.json']);
  });
  it('every rule has help text, a help link and, for security rules, a security-severity', () => {
    const rules = ((runOf().tool as Obj).driver as Obj).rules as Obj[];
    assert.ok(rules.length >= 2);
    for (const r of rules) {
      assert.ok(typeof (r.help as Obj).text === 'string' && ((r.help as Obj).text as string).length > 20, String(r.id));
      assert.match(String(r.helpUri), /^https:\/\//, String(r.id));
    }
    const allowAll = rules.find((r) => r.id === 'allow-all-mq')!;
    assert.equal((allowAll.properties as Obj)['security-severity'], '8.0');
    assert.deepEqual((allowAll.properties as Obj).tags, ['security']);
  });
  it('every rule the linter knows has its own help link or the grammar page', async () => {
    const { RULES } = await import('../../../src/lint');
    const { ruleHelp } = await import('../../../src/lint/rule-help');
    for (const [code, info] of Object.entries(RULES)) assert.match(ruleHelp(code, info.summary, info.severity).uri, /^https:\/\/docs\./, code);
  });
  it('fingerprints are stable when a finding moves to another line, and differ between findings', () => {
    const fp = (text: string): string[] =>
      ((JSON.parse(formatSarif(lint([{ file: 'p.json', kind: 'identity', read: readDocument(text, 'json') }], { today: TODAY }), { name: 'mq-policy', version: '0.1.0' })) as { runs: Obj[] }).runs[0]!.results as Obj[]).map((r) => (r.partialFingerprints as Obj)['mqPolicyFinding/v1'] as string);
    const st = [{ Sid: 'Typo', Effect: 'Deny', Action: ['mq:DeleteTag', 'mq:RebootBrokr'], Resource: '*' }];
    const before = fp(JSON.stringify({ Version: '2012-10-17', Statement: st }, null, 2));
    const moved = fp(JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'New', Effect: 'Allow', Action: 'mq:DescribeBroker', Resource: 'arn:aws:mq:*:*:broker:*' }, ...st] }, null, 2));
    assert.equal(before.length, 2);
    assert.notEqual(before[0], before[1]);
    assert.deepEqual(moved, before);
  });
});
