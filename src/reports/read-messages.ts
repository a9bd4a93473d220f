import { CLAIM_MEDIA_TYPE, DECISION_MEDIA_TYPE, PROPERTY_MEDIA_TYPE, type ClaimRecord, type DecisionRecord, type PropertyRecord } from '../model';

/**
 * Turns Cucumber message envelopes into the run as reports show it: features, scenarios (one per pickle,
 * so one per Example row), steps with status, and the decision records attached to each scenario.
 * Only the fields reports use are typed here; everything else in the messages is ignored.
 */

export type Status = 'passed' | 'failed' | 'ambiguous' | 'undefined' | 'pending' | 'skipped' | 'unknown';

/** Worst first: a scenario takes the worst status of its steps (Cucumber's own order). */
export const STATUS_ORDER: readonly Status[] = ['failed', 'ambiguous', 'undefined', 'pending', 'skipped', 'passed', 'unknown'];

export interface ReportStep {
  readonly keyword: string;
  readonly text: string;
  readonly status: Status;
  /** Error message of a failed step (the rendered explanation for decision steps), without stack trace. */
  readonly message?: string;
  readonly dataTable?: readonly (readonly string[])[];
  readonly docString?: string;
  /** True for a Before/After hook, which reports show only when it did not pass. */
  readonly hook: boolean;
}

export interface ReportScenario {
  /** Stable anchor for links from the matrix and summary (`sc-3`). */
  readonly anchor: string;
  readonly name: string;
  /** For a Scenario Outline row: `brokers #2: broker=orders-prod, outcome=explicitly denied`. */
  readonly example?: string;
  readonly uri: string;
  readonly line?: number;
  readonly tags: readonly string[];
  readonly status: Status;
  readonly steps: readonly ReportStep[];
  readonly decisions: readonly DecisionRecord[];
  /** Claims the scenario checked (`only … can`), each with its scope and near misses. */
  readonly claims: readonly ClaimRecord[];
  /** Property runs of the scenario, each with the seed that replays it. */
  readonly properties: readonly PropertyRecord[];
  readonly durationMs: number;
}

export interface ReportFeature {
  readonly uri: string;
  readonly name: string;
  readonly description: string;
  readonly tags: readonly string[];
  readonly scenarios: readonly ReportScenario[];
}

export interface RunInfo {
  /** ISO time the run started, from the messages (never the clock). */
  readonly startedAt?: string;
  readonly durationMs?: number;
  readonly success?: boolean;
  /** Git revision when Cucumber detected a CI environment. */
  readonly revision?: string;
  readonly cucumber?: string;
  readonly scenarios: Readonly<Record<Status, number>>;
  readonly steps: Readonly<Record<Status, number>>;
}

export interface ReadRun {
  readonly features: readonly ReportFeature[];
  readonly run: RunInfo;
  /** Messages that could not be used (bad JSON line, malformed decision attachment), one line each. */
  readonly problems: readonly string[];
}

/** Parses NDJSON text; a bad line becomes a problem, never an exception. */
export function parseNdjson(text: string): { envelopes: unknown[]; problems: string[] } {
  const envelopes: unknown[] = [];
  const problems: string[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    try {
      envelopes.push(JSON.parse(line));
    } catch {
      problems.push(`line ${i + 1}: not a JSON message`);
    }
  });
  return { envelopes, problems };
}

// --- the subset of the message protocol we read ------------------------------------------------------
interface Timestamp { seconds: number; nanos: number }
interface Tag { name: string }
interface TableRow { id: string; cells: readonly { value: string }[]; location: { line: number } }
interface GStep { id: string; keyword: string }
interface Examples { name: string; tableHeader?: TableRow; tableBody: readonly TableRow[] }
interface GScenario { id: string; name: string; steps: readonly GStep[]; examples: readonly Examples[]; location: { line: number } }
interface Child { background?: { steps: readonly GStep[] }; scenario?: GScenario; rule?: { children: readonly Child[] } }
interface GFeature { name: string; description: string; tags: readonly Tag[]; children: readonly Child[] }
interface PickleStep { id: string; text: string; astNodeIds: readonly string[]; argument?: { docString?: { content: string }; dataTable?: { rows: readonly { cells: readonly { value: string }[] }[] } } }
interface Pickle { id: string; uri: string; name: string; astNodeIds: readonly string[]; tags: readonly Tag[]; steps: readonly PickleStep[]; location?: { line: number } }
interface TestStep { id: string; pickleStepId?: string; hookId?: string }
interface StepResult { status: string; message?: string; exception?: { message?: string }; duration?: Timestamp }
interface Envelope {
  meta?: { implementation?: { name: string; version?: string }; ci?: { git?: { revision: string } } };
  gherkinDocument?: { uri?: string; feature?: GFeature };
  pickle?: Pickle;
  testCase?: { id: string; pickleId: string; testSteps: readonly TestStep[] };
  testCaseStarted?: { id: string; testCaseId: string; attempt: number };
  testStepFinished?: { testCaseStartedId: string; testStepId: string; testStepResult: StepResult };
  attachment?: { testCaseStartedId?: string; mediaType: string; body: string; contentEncoding: string };
  testRunStarted?: { timestamp: Timestamp };
  testRunFinished?: { timestamp: Timestamp; success: boolean };
}

const millis = (t: Timestamp): number => t.seconds * 1000 + Math.round(t.nanos / 1e6);

function toStatus(s: string): Status {
  const lower = s.toLowerCase();
  return (STATUS_ORDER as readonly string[]).includes(lower) ? (lower as Status) : 'unknown';
}

export function worstStatus(statuses: readonly Status[]): Status {
  if (statuses.length === 0) return 'unknown';
  return STATUS_ORDER.find((s) => statuses.includes(s)) ?? 'unknown';
}

function zeroCounts(): Record<Status, number> {
  return { passed: 0, failed: 0, ambiguous: 0, undefined: 0, pending: 0, skipped: 0, unknown: 0 };
}

function decodeJson(body: string, encoding: string): any {
  try {
    return JSON.parse(encoding === 'BASE64' ? Buffer.from(body, 'base64').toString('utf8') : body) as unknown;
  } catch {
    return undefined;
  }
}

/** Reads a decision attachment; returns a problem line instead when it is not a DecisionRecord. */
export function decodeDecision(body: string, encoding: string): DecisionRecord | string {
  let value: unknown;
  try {
    value = JSON.parse(encoding === 'BASE64' ? Buffer.from(body, 'base64').toString('utf8') : body);
  } catch {
    return 'decision attachment is not JSON';
  }
  const v = value as Partial<Record<keyof DecisionRecord, unknown>> | null;
  const ok =
    typeof v === 'object' && v !== null &&
    typeof v.principal === 'string' && typeof v.action === 'string' && typeof v.resource === 'string' &&
    typeof v.outcome === 'string' && typeof v.explanation === 'string' &&
    Array.isArray(v.determining) && Array.isArray(v.exercised) && Array.isArray(v.missingContextKeys);
  return ok ? (value as DecisionRecord) : 'decision attachment lacks principal, action, resource, outcome, determining, exercised, missingContextKeys or explanation';
}

/** Indexes the Gherkin documents: step keywords, scenarios and Example rows by AST node id. */
function indexDocuments(docs: readonly { uri?: string; feature?: GFeature }[]) {
  const keyword = new Map<string, string>();
  const scenario = new Map<string, GScenario>();
  const row = new Map<string, { label: string; line: number }>();
  const visit = (children: readonly Child[]): void => {
    for (const c of children) {
      for (const s of c.background?.steps ?? []) keyword.set(s.id, s.keyword);
      if (c.rule) visit(c.rule.children);
      const sc = c.scenario;
      if (!sc) continue;
      scenario.set(sc.id, sc);
      for (const s of sc.steps) keyword.set(s.id, s.keyword);
      for (const ex of sc.examples) {
        const header = ex.tableHeader?.cells.map((c) => c.value) ?? [];
        // Named by its values, never by its position: reordering the rows keeps every name (and JUnit history).
        ex.tableBody.forEach((r) => {
          const values = r.cells.map((c, j) => `${header[j] ?? j}=${c.value}`).join(', ');
          row.set(r.id, { label: `${ex.name !== '' ? `${ex.name}: ` : ''}${values}`, line: r.location.line });
        });
      }
    }
  };
  for (const d of docs) visit(d.feature?.children ?? []);
  return { keyword, scenario, row };
}

export function readMessages(input: readonly unknown[]): ReadRun {
  const envelopes = input as readonly Envelope[];
  const problems: string[] = [];
  const docs = envelopes.flatMap((e) => (e.gherkinDocument ? [e.gherkinDocument] : []));
  const ast = indexDocuments(docs);
  const pickles = new Map<string, Pickle>();
  const testCases = new Map<string, { pickleId: string; steps: readonly TestStep[] }>();
  // The last attempt of each test case wins, so a retried scenario shows its final result.
  const lastAttempt = new Map<string, { startedId: string; attempt: number }>();
  const results = new Map<string, Map<string, StepResult>>();
  const attachments = new Map<string, DecisionRecord[]>();
  const claims = new Map<string, ClaimRecord[]>();
  const properties = new Map<string, PropertyRecord[]>();
  let started: Timestamp | undefined;
  let finished: { timestamp: Timestamp; success: boolean } | undefined;
  let meta: Envelope['meta'];

  for (const e of envelopes) {
    if (e.meta) meta = e.meta;
    if (e.pickle) pickles.set(e.pickle.id, e.pickle);
    if (e.testCase) testCases.set(e.testCase.id, { pickleId: e.testCase.pickleId, steps: e.testCase.testSteps });
    if (e.testCaseStarted) {
      const prev = lastAttempt.get(e.testCaseStarted.testCaseId);
      if (!prev || e.testCaseStarted.attempt >= prev.attempt) {
        lastAttempt.set(e.testCaseStarted.testCaseId, { startedId: e.testCaseStarted.id, attempt: e.testCaseStarted.attempt });
      }
    }
    if (e.testStepFinished) {
      const f = e.testStepFinished;
      const byStep = results.get(f.testCaseStartedId) ?? new Map<string, StepResult>();
      byStep.set(f.testStepId, f.testStepResult);
      results.set(f.testCaseStartedId, byStep);
    }
    if (e.attachment && e.attachment.mediaType === DECISION_MEDIA_TYPE && e.attachment.testCaseStartedId) {
      const decoded = decodeDecision(e.attachment.body, e.attachment.contentEncoding);
      if (typeof decoded === 'string') problems.push(decoded);
      else attachments.set(e.attachment.testCaseStartedId, [...(attachments.get(e.attachment.testCaseStartedId) ?? []), decoded]);
    }
    if (e.attachment && e.attachment.testCaseStartedId && (e.attachment.mediaType === CLAIM_MEDIA_TYPE || e.attachment.mediaType === PROPERTY_MEDIA_TYPE)) {
      const into: Map<string, unknown[]> = e.attachment.mediaType === CLAIM_MEDIA_TYPE ? claims : properties;
      const decoded = decodeJson(e.attachment.body, e.attachment.contentEncoding);
      if (decoded === undefined) problems.push(`${e.attachment.mediaType} attachment is not JSON`);
      else into.set(e.attachment.testCaseStartedId, [...(into.get(e.attachment.testCaseStartedId) ?? []), decoded]);
    }
    if (e.testRunStarted) started = e.testRunStarted.timestamp;
    if (e.testRunFinished) finished = e.testRunFinished;
  }

  const scenarioCounts = zeroCounts();
  const stepCounts = zeroCounts();
  const byPickle = new Map<string, ReportScenario>();
  let n = 0;
  for (const [testCaseId, tc] of testCases) {
    const pickle = pickles.get(tc.pickleId);
    if (!pickle) continue;
    const startedId = lastAttempt.get(testCaseId)?.startedId;
    const stepResults = startedId !== undefined ? results.get(startedId) : undefined;
    const pickleSteps = new Map(pickle.steps.map((s) => [s.id, s]));
    const steps: ReportStep[] = [];
    let duration = 0;
    for (const ts of tc.steps) {
      const result = stepResults?.get(ts.id);
      const status = result ? toStatus(result.status) : 'unknown';
      if (result?.duration) duration += millis(result.duration);
      const message = result?.exception?.message ?? result?.message;
      const ps = ts.pickleStepId !== undefined ? pickleSteps.get(ts.pickleStepId) : undefined;
      if (!ps) {
        if (status === 'passed') continue;
        steps.push({ keyword: 'Hook', text: ts.hookId !== undefined ? 'hook' : 'step', status, hook: true, ...(message !== undefined ? { message } : {}) });
        continue;
      }
      const kw = ast.keyword.get(ps.astNodeIds[0] ?? '') ?? '* ';
      const table = ps.argument?.dataTable?.rows.map((r) => r.cells.map((c) => c.value));
      steps.push({
        keyword: kw.trim(),
        text: ps.text,
        status,
        hook: false,
        ...(message !== undefined && status !== 'passed' ? { message } : {}),
        ...(table ? { dataTable: table } : {}),
        ...(ps.argument?.docString ? { docString: ps.argument.docString.content } : {}),
      });
      stepCounts[status] += 1;
    }
    const status = worstStatus(steps.map((s) => s.status));
    scenarioCounts[status] += 1;
    const rowId = pickle.astNodeIds[1];
    const row = rowId !== undefined ? ast.row.get(rowId) : undefined;
    const example = row?.label;
    const line = row?.line ?? pickle.location?.line ?? ast.scenario.get(pickle.astNodeIds[0] ?? '')?.location.line;
    n += 1;
    byPickle.set(pickle.id, {
      anchor: `sc-${n}`,
      name: pickle.name,
      ...(example !== undefined ? { example } : {}),
      uri: pickle.uri,
      ...(line !== undefined ? { line } : {}),
      tags: pickle.tags.map((t) => t.name),
      status,
      steps,
      decisions: startedId !== undefined ? attachments.get(startedId) ?? [] : [],
      claims: startedId !== undefined ? claims.get(startedId) ?? [] : [],
      properties: startedId !== undefined ? properties.get(startedId) ?? [] : [],
      durationMs: duration,
    });
  }

  // Features in document order; scenarios in pickle order (Cucumber emits pickles in source order).
  const features: ReportFeature[] = [];
  for (const doc of docs) {
    if (!doc.feature) continue;
    const uri = doc.uri ?? '';
    const scenarios = [...pickles.values()].filter((p) => p.uri === uri).flatMap((p) => byPickle.get(p.id) ?? []);
    features.push({ uri, name: doc.feature.name, description: doc.feature.description.trim(), tags: doc.feature.tags.map((t) => t.name), scenarios });
  }

  const run: RunInfo = {
    ...(started ? { startedAt: new Date(millis(started)).toISOString() } : {}),
    ...(started && finished ? { durationMs: millis(finished.timestamp) - millis(started) } : {}),
    ...(finished ? { success: finished.success } : {}),
    ...(meta?.ci?.git?.revision !== undefined ? { revision: meta.ci.git.revision } : {}),
    ...(meta?.implementation ? { cucumber: `${meta.implementation.name} ${meta.implementation.version ?? ''}`.trim() } : {}),
    scenarios: scenarioCounts,
    steps: stepCounts,
  };
  return { features, run, problems };
}

/** Every decision of the run, with the scenario that recorded it. */
export function allDecisions(features: readonly ReportFeature[]): { scenario: ReportScenario; record: DecisionRecord }[] {
  return features.flatMap((f) => f.scenarios.flatMap((scenario) => scenario.decisions.map((record) => ({ scenario, record }))));
}
