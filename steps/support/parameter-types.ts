import { defineParameterType } from '@cucumber/cucumber';
import { actionNamed, parseExpectation, parseTags, principalNamed, resourceNamed } from '../../src/index';
import { theStore } from './world';

// Names are parsed once here; an unknown one fails the step with a "did you mean".

defineParameterType({ name: 'principal', regexp: /[A-Za-z][\w-]*/, transformer: (name: string) => principalNamed(theStore(), name) });

defineParameterType({
  name: 'principals',
  regexp: /nobody|[A-Za-z][\w-]*(?:(?:, | and )[A-Za-z][\w-]*)*/,
  transformer: (text: string) => (text === 'nobody' ? [] : text.split(/, | and /).map((n) => principalNamed(theStore(), n).name)),
});

defineParameterType({ name: 'action', regexp: /[A-Za-z0-9-]+:[A-Za-z0-9]+/, transformer: (name: string) => actionNamed(name) });

defineParameterType({ name: 'resource', regexp: /\*|[A-Za-z0-9][\w-]*/, transformer: (name: string) => (name === '*' ? '*' : resourceNamed(theStore(), name)) });

defineParameterType({ name: 'tags', regexp: /[^\s=,]+=[^\s,]*(?:, [^\s=,]+=[^\s,]*)*/, transformer: (text: string) => parseTags(text) });

defineParameterType({ name: 'outcome', regexp: /[a-z].*/, transformer: (text: string) => parseExpectation(theStore(), text) });
