export { readJson, readJsonFast, memberSpan, escapePointerToken, shorten, MAX_JSON_DEPTH, type JsonPosition, type JsonProblem, type JsonReadResult } from './json';
export { parsePolicy, type PolicyInput, type PolicyParseResult } from './policy';
export { parseRequest, type RequestProblem, type RequestParseResult } from './request';
export { parseSimulateCase, parseCasePolicies, PolicyCache, type CachedLayers, type SimulateCaseOptions, type ParsedCase, type CaseError, type CasePolicies, type PolicyLayerError } from './simulate-case';
export { parseTemplate } from './template';
