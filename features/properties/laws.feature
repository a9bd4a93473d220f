@properties
Feature: Laws that hold for any input (fast-check)
  Each step generates many requests (MQ_POLICY_PROPERTY_RUNS, default 100). A failure prints the
  shrunk counterexample request, its explanation and the seed to replay it with
  MQ_POLICY_PROPERTY_SEED and MQ_POLICY_PROPERTY_PATH.

  Scenario: For any tags on a production broker, only break-glass can delete it
    Then for any tags on payments-prod, only break-glass can call mq:DeleteBroker on it

  Scenario: For any tags on a production broker, only break-glass and admin can reboot it
    Then for any tags on orders-prod, only admin and break-glass can call mq:RebootBroker on it

  Scenario: For any request tags, a developer creates brokers only for their own team
    Then for any request tags, the developer can call mq:CreateBroker only with the tag team=payments

  Scenario: For any action matched by mq:Describe*, the auditor is allowed
    Then for any action matched by "mq:Describe*" on any resource in "eu-west-1", the auditor is allowed

  Scenario: For any request context, the operator never deletes a broker
    Then for any request context, the operator is never allowed to call mq:DeleteBroker on payments-dev

  Scenario: Without MFA, break-glass is never allowed to delete a production broker
    Given the break-glass without MFA
    Then for any request context, the break-glass is never allowed to call mq:DeleteBroker on orders-prod
