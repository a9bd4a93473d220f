import { defineStep, supportCodeLibraryBuilder } from '@cucumber/cucumber';
import { HarnessInputError, PARAMETER_FORMS, undefinedSentenceMessage, type DefinedSentence, type ParameterForm } from '../../src/index';

/**
 * A step no sentence matches fails with the closest sentences and the form of their values, in the console and
 * in JUnit, instead of Cucumber's "undefined" and a snippet for a new step. One catch-all step is defined, and
 * once Cucumber has built its step library it is made to match only the text no other step matches, so it
 * never makes a defined step ambiguous (the user's own step files included).
 */

interface StepDefinitionLike {
  readonly keyword: string;
  readonly pattern: string | RegExp;
  matchesStepName(text: string): boolean;
}
interface RegistryLike {
  lookupByTypeName(name: string): { readonly regexpStrings: readonly string[] } | undefined;
}
interface LibraryLike {
  readonly stepDefinitions: StepDefinitionLike[];
  readonly parameterTypeRegistry: RegistryLike;
}
interface BuilderLike {
  finalize(...args: unknown[]): LibraryLike;
}

const CATCH_ALL = /^(.+)$/;
let sentences: DefinedSentence[] = [];
let forms: Record<string, ParameterForm> = {};

defineStep(CATCH_ALL, function (text: string) {
  throw new HarnessInputError(undefinedSentenceMessage(text, sentences, forms));
});

const builder = supportCodeLibraryBuilder as unknown as BuilderLike;
const finalize = builder.finalize.bind(builder);
builder.finalize = (...args: unknown[]): LibraryLike => {
  const library = finalize(...args);
  const mine = library.stepDefinitions.find((d) => d.pattern === CATCH_ALL);
  const others = library.stepDefinitions.filter((d) => d !== mine);
  if (mine) mine.matchesStepName = (text: string): boolean => !others.some((d) => d.matchesStepName(text));
  sentences = others.filter((d) => typeof d.pattern === 'string').map((d) => ({ keyword: d.keyword === 'Unknown' ? 'Given' : d.keyword, expression: d.pattern as string }));
  forms = Object.fromEntries(
    Object.entries(PARAMETER_FORMS).flatMap(([name, form]) => {
      const type = library.parameterTypeRegistry.lookupByTypeName(name);
      return type ? [[name, { regexps: type.regexpStrings, form }]] : [];
    }),
  );
  return library;
};
