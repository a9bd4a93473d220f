Feature: How conditions combine, and the global keys they read
  Keys in one condition block are ANDed; values of one key are ORed; a negated operator on a missing
  key is true.

  Scenario: OR over values: either CI network works
    Then the following access holds:
      | principal   | action            | resource     | outcome |
      | ci-deployer | mq:DescribeBroker | payments-dev | allowed |
    Given the ci-deployer
    And the request comes from "198.51.100.7"
    When they call mq:DescribeBroker on payments-dev
    Then it is allowed

  Scenario: Outside both networks the NotIpAddress Deny applies
    Given the ci-deployer
    And the request comes from "192.0.2.1"
    When they call mq:DescribeBroker on payments-dev
    Then it is explicitly denied by deny-outside-ci-network

  Scenario: Through a VPC endpoint there is no aws:SourceIp, and NotIpAddress on a missing key is true
    Given the ci-deployer
    And the request comes through a VPC endpoint
    When they call mq:DescribeBroker on payments-dev
    Then it is explicitly denied by deny-outside-ci-network
    And the request context has no "aws:SourceIp"

  Scenario: AND across keys: both the resource tag and the principal ARN must match the SCP's Deny
    Given the break-glass
    When they call mq:DeleteBroker on payments-prod
    Then it is allowed
    Given the admin
    When they call mq:DeleteBroker on payments-prod
    Then it is explicitly denied by workloads-guardrails

  Scenario: AND across operators: the developer's CreateBroker needs team, environment and allowed keys
    Given the developer
    When they call mq:CreateBroker with request tags team=payments
    Then it is implicitly denied by the identity policies

  Scenario: A policy variable whose key is absent matches nothing
    Given the developer
    And the context key "aws:PrincipalTag/team" is absent
    When they call mq:UpdateBroker on payments-dev
    Then it is implicitly denied by the identity policies
    And the missing context keys include "aws:PrincipalTag/team"

  Scenario: Bool on MFA: an explicit false does not satisfy true
    Given the break-glass
    And the context key "aws:MultiFactorAuthPresent" is "false"
    When they call mq:RebootBroker on payments-dev
    Then it is implicitly denied by the identity policies

  Scenario: An IAM user with access keys has no MFA key at all, so Bool true fails
    Given the break-glass
    And the context key "aws:MultiFactorAuthPresent" is absent
    When they call mq:RebootBroker on payments-dev
    Then it is implicitly denied
    And the missing context keys include "aws:MultiFactorAuthPresent"
