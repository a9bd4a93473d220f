import { BeforeAll, setDefaultTimeout } from '@cucumber/cucumber';
import { loadPolicyStore, describeSource } from '../../src/index';
import { setStore } from './world';

// Property steps evaluate hundreds of requests; the default 5 s is too short on a slow CI runner.
setDefaultTimeout(60_000);

/**
 * Loads the store once; any error fails the run before a scenario starts, every problem listed.
 * `mq-policy test` names the store in the world parameters (every parallel worker gets them); a bare
 * `cucumber-js` run falls back to MQ_POLICY_STORE, then policies/.
 */
BeforeAll(function (this: { parameters: Record<string, unknown> }) {
  const named = this.parameters['store'];
  const root = typeof named === 'string' ? named : (process.env.MQ_POLICY_STORE ?? 'policies');
  const { store, diagnostics } = loadPolicyStore(root);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (!store || errors.length > 0) {
    throw new Error(`the policy store is invalid:\n${errors.map((d) => `  ${describeSource(d.source)}: ${d.message}${d.help !== undefined ? ` (${d.help})` : ''}`).join('\n')}`);
  }
  setStore(store);
});
