// Runs one example estate's features against its imported store (MQ_POLICY_STORE), with the project's steps:
//   MQ_POLICY_STORE=examples/terraform/store npx cucumber-js --config examples/cucumber.js examples/terraform/features
module.exports = {
  default: {
    requireModule: ['ts-node/register/transpile-only'],
    require: ['steps/**/*.ts'],
    format: ['progress'],
  },
};
