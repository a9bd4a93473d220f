import { BeforeAll, setDefaultTimeout } from '@cucumber/cucumber';
import { loadPolicyStore, describeSource } from '../../src/index';
import { setStore } from './world';

// Property steps evaluate hundreds of requests; the default 5 s is too short on a slow CI runner.
setDefaultTimeout(60_000);

/** Loads policies/ once; any error fails the run before a scenario starts, every problem listed. */
BeforeAll(function () {
  const root = process.env.MQ_POLICY_STORE ?? 'policies';
  const { store, diagnostics } = loadPolicyStore(root);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (!store || errors.length > 0) {
    throw new Error(`the policy store is invalid:\n${errors.map((d) => `  ${describeSource(d.source)}: ${d.message}${d.help !== undefined ? ` (${d.help})` : ''}`).join('\n')}`);
  }
  setStore(store);
});
