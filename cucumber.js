// Cucumber profiles. Steps run through ts-node in transpile-only mode; `npm test` type-checks separately.
const common = {
  paths: ['features/**/*.feature'],
  requireModule: ['ts-node/register/transpile-only'],
  require: ['steps/**/*.ts'],
  // Decision attachments go to the reports; the console shows each failure's explanation, not 100 attachment lines.
  formatOptions: { printAttachments: false },
  format: ['progress', 'message:reports/cucumber.ndjson', 'junit:reports/junit.xml', 'html:reports/cucumber.html'],
};

module.exports = { default: common };
