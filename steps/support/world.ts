import { setWorldConstructor, World, type IWorldOptions } from '@cucumber/cucumber';
import {
  DEFAULT_SETTINGS,
  HarnessInputError,
  checkContextKeys,
  evaluate,
  decisive,
  type Call,
  type ContextValue,
  type Evaluation,
  type PolicyStore,
  type ScenarioSettings,
  type StoredPrincipal,
} from '../../src/index';

let shared: PolicyStore | undefined;

/** The store BeforeAll loaded; shared by every scenario and never mutated. */
export function theStore(): PolicyStore {
  if (!shared) throw new HarnessInputError('the policy store is not loaded (BeforeAll failed)');
  return shared;
}

export function setStore(store: PolicyStore): void {
  shared = store;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Per-scenario state: who acts, how the request is made, and the last decision. Behaviour lives in src/. */
export class HarnessWorld extends World {
  /** The store this scenario asks; a probe step may extend it for this scenario only. */
  store: PolicyStore = theStore();
  principal?: StoredPrincipal;
  settings: Mutable<ScenarioSettings> = { ...DEFAULT_SETTINGS, principalTags: {}, overrides: new Map(), replacements: new Map() };
  /** Every authorization of the last call (an operation such as CreateBroker makes several). */
  evaluations: Evaluation[] = [];
  /** `features/x.feature:12`: the step running now (set before each step), for checks made later. */
  stepAt?: string;
  /** The running step's text (property records name their law with it). */
  stepText?: string;

  constructor(options: IWorldOptions) {
    super(options);
  }

  actor(): StoredPrincipal {
    if (!this.principal) throw new HarnessInputError('no principal yet: start the scenario with a step such as `Given the operator`');
    return this.principal;
  }

  call(calls: readonly Call[]): void {
    checkContextKeys(this.settings, calls.map((c) => c.action));
    this.evaluations = calls.map((c) => evaluate(this.store, this.actor(), c, this.settings));
  }

  last(): Evaluation {
    if (this.evaluations.length === 0) throw new HarnessInputError('no request yet: add a step such as `When they call mq:DescribeBroker on orders-prod`');
    return decisive(this.evaluations);
  }

  override(key: string, value: ContextValue | null): void {
    (this.settings.overrides as Map<string, { key: string; value: ContextValue | null; at?: string }>).set(key.toLowerCase(), { key, value, ...(this.stepAt !== undefined ? { at: this.stepAt } : {}) });
    this.fix(key);
  }

  /** The scenario set this context key: property steps keep it as it is. */
  fix(key: string): void {
    this.settings.fixed = new Set([...(this.settings.fixed ?? []), key.toLowerCase()]);
  }
}

setWorldConstructor(HarnessWorld);
