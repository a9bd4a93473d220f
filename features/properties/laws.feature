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

  Scenario: The CI network guard holds for any address outside the CI networks
    The property varies only what the scenario did not set: here the MFA state, transport and time, with
    the source address drawn from outside both CI networks.
    Given the ci-deployer
    When they call mq:DescribeBroker on payments-dev
    Then for any request context with aws:SourceIp outside 10.20.0.0/16 and 198.51.100.0/24, it is explicitly denied by deny-outside-ci-network

  Scenario: From inside the CI network the pipeline keeps reading, whatever else varies
    Given the ci-deployer
    And the request comes from "10.20.3.14"
    When they call mq:DescribeBroker on payments-dev
    Then for any request context, it is allowed

  Scenario: Break-glass with aws:MultiFactorAuthPresent false never deletes a production broker, whatever else varies
    Given the break-glass
    Then for any request context with aws:MultiFactorAuthPresent in false, the break-glass is never allowed to call mq:DeleteBroker on orders-prod

  Scenario: A developer's team tag decides: other teams' values never reach the payments brokers
    Given the developer
    When they call mq:UpdateBroker on payments-dev
    Then for any request context with aws:PrincipalTag/team outside payments, it is implicitly denied by the identity policies
