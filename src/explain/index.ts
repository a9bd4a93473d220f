export { answerJson, answerText, determiningJson, explanationJson, statementJson } from './to-json';
export { explainText, statementPlace, type TextLabels } from './to-text';
export { crossAccountSentence } from './cross-account';
