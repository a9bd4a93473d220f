export { answerJson, determiningJson, explanationJson, statementJson } from './to-json';
