import { defineParameterType } from '@cucumber/cucumber';
import { actionNamed, parseActions, parseExpectation, parseTags, principalNamed, resourceNamed, selectPrincipals, selectResources } from '../../src/index';
import { theStore } from './world';

// Names are parsed once here; an unknown one fails the step with a "did you mean".

const NAME = String.raw`[A-Za-z][\w-]*`;
const NAMES = String.raw`${NAME}(?:(?:, | and )${NAME})*`;
const TAGS = String.raw`[^\s=,]+=[^\s,]*(?:, [^\s=,]+=[^\s,]*)*`;

const PRINCIPAL_ITEM = String.raw`(?:every principal|the members of group [\w+=.@-]+|the principals tagged ${TAGS}|the principals with the boundary [\w.+=@-]+|the users|the roles|the sessions|(?!the\b)${NAME})`;

defineParameterType({ name: 'principal', regexp: /[A-Za-z][\w-]*/, transformer: (name: string) => principalNamed(theStore(), name) });

/**
 * A set of principals: `every principal`, `the members of group <g>`, `the principals tagged <k>=<v>`,
 * `the principals with the boundary <policy>`, `the users`, `the roles`, `the sessions`, or names, joined by `, ` and
 * ` and ` (their union), optionally followed by `except <a>, <b> and <c>`. Sentences starting with `nobody`, `only`, `it` or `for`
 * are other steps, so a list of names never starts with those words.
 */
defineParameterType({
  name: 'principals',
  regexp: new RegExp(String.raw`(?!(?:nobody|only|it|for)\b)${PRINCIPAL_ITEM}(?:(?:, | and )${PRINCIPAL_ITEM})*(?: except ${NAMES})?`),
  transformer: (text: string) => selectPrincipals(theStore(), text),
});

defineParameterType({ name: 'action', regexp: /[A-Za-z0-9-]+:[A-Za-z0-9]+/, transformer: (name: string) => actionNamed(name) });

/** One action, a list `mq:DeleteBroker, mq:RebootBroker and mq:DeleteTags`, or catalog wildcards `mq:Delete*`. */
defineParameterType({ name: 'actions', regexp: /[A-Za-z0-9-]+:[A-Za-z0-9*?]+(?:(?:, | and )[A-Za-z0-9-]+:[A-Za-z0-9*?]+)*/, transformer: (text: string) => parseActions(text) });

defineParameterType({ name: 'resource', regexp: /\*|[A-Za-z0-9][\w-]*/, transformer: (name: string) => (name === '*' ? '*' : resourceNamed(theStore(), name)) });

/** `every broker`, `brokers tagged k=v and in region r`, `configurations not tagged k=v`, `a, b and c`, `*`. */
defineParameterType({
  name: 'resources',
  regexp: new RegExp(String.raw`\*|every broker|every configuration|(?:brokers|configurations) (?:not tagged|tagged|in region|in account) .+|[A-Za-z0-9][\w-]*(?:(?:, | and )[A-Za-z0-9][\w-]*)*`),
  transformer: (text: string) => ({ text, resources: selectResources(theStore(), text) }),
});

defineParameterType({ name: 'tags', regexp: new RegExp(TAGS), transformer: (text: string) => parseTags(text) });

defineParameterType({ name: 'outcome', regexp: /[a-z].*/, transformer: (text: string) => parseExpectation(theStore(), text) });

/** `aws:SourceIp outside 10.20.0.0/16 and 198.51.100.0/24`, `aws:PrincipalTag/team in payments, orders`: checked by the step, which knows the action. */
defineParameterType({ name: 'constraint', regexp: /[A-Za-z0-9-]+:[\w/.:-]+ (?:outside|in) [^\s,]+(?:(?:, | and )[^\s,]+)*/, transformer: (text: string) => text });
