import { BeforeStep, type ITestStepHookParameter } from '@cucumber/cucumber';
import type { HarnessWorld } from './world';

type Doc = ITestStepHookParameter['gherkinDocument'];
interface Located { readonly id: string; readonly location: { readonly line: number } }

/** The feature-file line of a pickle step: its AST step, found in scenarios, backgrounds and rules. */
function lineOf(doc: Doc, astId: string | undefined): number | undefined {
  const steps: Located[] = [];
  const visit = (children: readonly { scenario?: { steps: readonly Located[] }; background?: { steps: readonly Located[] }; rule?: { children: readonly unknown[] } }[]): void => {
    for (const c of children) {
      steps.push(...(c.scenario?.steps ?? []), ...(c.background?.steps ?? []));
      if (c.rule) visit(c.rule.children as Parameters<typeof visit>[0]);
    }
  };
  visit(doc.feature?.children ?? []);
  return steps.find((s) => s.id === astId)?.location.line;
}

/** Remembers where the running step is written, so values checked later still name the line they came from. */
BeforeStep(function (this: HarnessWorld, { gherkinDocument, pickle, pickleStep }: ITestStepHookParameter) {
  const line = lineOf(gherkinDocument, pickleStep.astNodeIds[0]);
  this.stepAt = `${pickle.uri}${line !== undefined ? `:${line}` : ''}`;
  this.stepText = pickleStep.text;
});
