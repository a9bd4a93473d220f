import { Given, Then } from '@cucumber/cucumber';
import { HarnessInputError, allowOnly, actionsMatching, evaluate, explain, findOperation, outcomeWords, withProbe, type OperationSpec, type StoredResource } from '../src/index';
import { attachDecision, failWith } from './support/assertions';
import type { HarnessWorld } from './support/world';

interface ApiWorld extends HarnessWorld {
  operation?: OperationSpec;
}

Given('the REST operation {word} sent as {word} {word}', function (this: ApiWorld, name: string, method: string, path: string) {
  const op = findOperation(name);
  if (!op) throw new HarnessInputError(`unknown Amazon MQ operation \`${name}\``);
  if ((op.method ?? '—') !== method) failWith(`${name}: the harness sends it as ${op.method ?? '—'}, the table says ${method}`);
  if ((op.path ?? '—') !== path) failWith(`${name}: the harness uses the path ${op.path ?? '—'}, the table says ${path}`);
  this.operation = op;
});

/** An untagged resource of the operation's kind, in a Region the SCPs allow, so no guardrail interferes. */
function targetOf(world: HarnessWorld, op: OperationSpec): StoredResource | '*' {
  if (op.resource === '*') return '*';
  const kind = op.resource === 'configuration' ? 'configuration' : 'broker';
  const hit = [...world.store.resources.values()].find((r) => r.kind === kind && r.region === 'eu-west-1' && Object.keys(r.tags).length === 0);
  if (!hit) throw new HarnessInputError(`the inventory has no untagged ${kind} in eu-west-1 to call ${op.name} on`);
  return hit;
}

/**
 * The operation is authorized by exactly this permission: a user allowed only it may call the operation,
 * and a user allowed every other mq action may not.
 */
Then('the permission it needs is {action}', function (this: ApiWorld, action: string) {
  const op = this.operation;
  if (!op) throw new HarnessInputError('start with `Given the REST operation <name> sent as <method> <path>`');
  if (op.action !== action) failWith(`${op.name} is authorized by ${op.action} in the harness, the table says ${action}`);
  const resource = targetOf(this, op);
  const only = withProbe(this.store, 'probe-only', allowOnly([action]));
  const yes = evaluate(only.store, only.principal, { action: op.action, resource }, this.settings);
  const others = withProbe(this.store, 'probe-all-but', allowOnly(actionsMatching('mq:*').filter((a) => a !== action)));
  const no = evaluate(others.store, others.principal, { action: op.action, resource }, this.settings);
  const okYes = yes.result.kind === 'decision' && yes.result.decision === 'Allowed';
  const okNo = no.result.kind === 'decision' && no.result.decision === 'ImplicitDeny';
  attachDecision(this, yes, 'allowed', okYes);
  attachDecision(this, no, 'implicitly denied', okNo);
  if (!okYes) failWith(`a user allowed only ${action} should be allowed ${op.name}, but it is ${outcomeWords(yes)}\n${explain(yes)}`);
  if (!okNo) failWith(`a user allowed every other mq action should be implicitly denied ${op.name}, but it is ${outcomeWords(no)}\n${explain(no)}`);
});
