/**
 * Why a Cucumber run failed, read from its message stream: expectations that did not hold
 * (AssertionError from a decision step) are exit 2; anything else (undefined or ambiguous steps,
 * unknown names in a scenario, hook failures, a crash) is a harness error, exit 1.
 */
export interface RunVerdict {
  readonly kind: 'passed' | 'expectation-failed' | 'harness-error';
  /** Policy files named in failing explanations, for the one-line summary. */
  readonly policyFiles: readonly string[];
  readonly reasons: readonly string[];
}

interface StepResult {
  readonly status: string;
  readonly message?: string;
  readonly exception?: { readonly type: string; readonly message?: string };
}

export function verdictOf(ndjson: string): RunVerdict {
  const failures: StepResult[] = [];
  let hookFailed = false;
  let finished = false;
  let success = true;
  for (const line of ndjson.split('\n')) {
    if (line.trim() === '') continue;
    let envelope: Record<string, unknown>;
    try {
      envelope = JSON.parse(line) as Record<string, unknown>;
    } catch {
      continue;
    }
    const step = envelope.testStepFinished as { testStepResult: StepResult } | undefined;
    if (step && !['PASSED', 'SKIPPED'].includes(step.testStepResult.status)) failures.push(step.testStepResult);
    const hook = envelope.testRunHookFinished as { result: StepResult } | undefined;
    if (hook && hook.result.status !== 'PASSED') hookFailed = true;
    const done = envelope.testRunFinished as { success: boolean } | undefined;
    if (done) {
      finished = true;
      success = done.success;
    }
  }
  // Files named by the decisive statements of failing explanations, most often named first.
  const counts = new Map<string, number>();
  for (const f of failures) {
    for (const line of (f.exception?.message ?? f.message ?? '').split('\n')) {
      const m = /^\s*((?:[\w.-]+\/)*policies\/[\w./-]+\.(?:json|ya?ml)):\d+ statement \d+.*\[[^\]]+, (?:Allow|Deny)\]$/.exec(line) ?? /^\s*((?:[\w.-]+\/)*policies\/[\w./-]+\.(?:json|ya?ml)):\d+ statement \d+.* did not apply:$/.exec(line);
      // An SCP that allows everything is decisive in every allowed request; it names nothing useful.
      if (m && !/\[SCPs at level \d+, Allow\]$/.test(line)) counts.set(m[1]!, (counts.get(m[1]!) ?? 0) + 1);
    }
  }
  const files = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([file]) => file);
  const harness = failures.filter((f) => f.status !== 'FAILED' || f.exception?.type !== 'AssertionError');
  if (!finished || hookFailed || harness.length > 0) {
    const reasons = harness.map((f) => `${f.status.toLowerCase()}${f.exception ? `: ${f.exception.type}: ${(f.exception.message ?? '').split('\n')[0]}` : ''}`);
    return { kind: 'harness-error', policyFiles: files, reasons: hookFailed ? ['a hook failed', ...reasons] : finished ? reasons : ['the run did not finish', ...reasons] };
  }
  if (failures.length > 0 || !success) return { kind: 'expectation-failed', policyFiles: files, reasons: [] };
  return { kind: 'passed', policyFiles: [], reasons: [] };
}
