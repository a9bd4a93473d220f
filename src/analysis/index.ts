/**
 * Analysis over every request: the request space of a principal and an action as classes, and what it
 * answers — `diff` (what changed between two revisions), `mutate` (would the suite notice a weakened
 * policy), `analyze` (statements that can never matter). Pure: the CLI loads the stores and hands them in.
 */
export { buildClassSpace, classesOf, classify, representative, contextRecord, MAX_CLASSES, type ClassSpace, type Dimension, type Side, type Hints, type ClassId } from './request-classes';
export { decideOn, sameAccess, type Outcome, type Decided } from './decide';
export { sideOf, analysedActions, storeHints } from './sides';
export { diffStores, diffPrincipals, type ClassChange, type DiffResult, type DiffOptions, type ConcreteRequest } from './diff';
export { diffDocument, diffMarkdown, diffText, mergeDiffs, unacceptedAllows, type DiffDocument } from './diff-report';
export { readAcceptedChanges, acceptanceOf, type AcceptedChange } from './accepted-changes';
export { analyzeStore, mergeAnalyses, type AnalyzeResult, type StatementAnalysis, type StatementVerdict, type OverPermissive } from './analyze';
export { storeChanges, applyChanges, changeText, type ChangeUnit } from './store-changes';
export { placeOf, placeText, type Place } from './place';
export { mutateStore, withPolicy, type MutationReport, type MutantResult, type MutantStatus, type RecordedExpectation } from './mutate';
export { mutantsOf, type Mutant, type MutationOperator } from './mutants';
export { mutationText, mutationMarkdown, mutationHtml, mutationScoreLine } from './mutate-report';
export { analyzeText, analyzeMarkdown } from './analyze-report';
