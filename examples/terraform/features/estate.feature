Feature: The Amazon MQ estate of examples/terraform/plan.json, checked before it is applied
  The plan (terraform show -json) creates the CIDeployer role, the deny-production-changes policy and the
  payments-staging broker, whose id is unknown until apply (the store gives it a placeholder id). Run it with
    mq-policy import terraform examples/terraform/plan.json --out examples/terraform/store
  and then the features against that store (see examples/README.md).

  Scenario: The Operator role reboots a staging broker
    Given the Operator
    When they call mq:RebootBroker on payments-staging
    Then it is allowed by mq-operator

  Scenario: The policy the plan creates (its ARN unknown until apply) still protects production
    Given the Operator
    When they call mq:RebootBroker on orders-prod
    Then it is explicitly denied by deny-production-changes

  Scenario: The AWS managed read-only policy lets the Operator describe every broker
    Given the Operator
    When they call mq:DescribeBroker on orders-prod
    Then it is allowed

  Scenario: An auditor reads through her group's AWS managed policy
    Given the audrey
    When they call mq:ListBrokers
    Then it is allowed by AmazonMQReadOnlyAccess
    When they call mq:RebootBroker on orders-prod
    Then it is implicitly denied

  Scenario: A developer works on his team's brokers only
    Given the dmitri
    When they call mq:RebootBroker on payments-staging
    Then it is allowed by team-brokers
    When they call mq:RebootBroker on orders-prod
    Then it is implicitly denied

  Scenario: The permissions boundary denies deleting, even a broker of his own team
    Given the dmitri
    When they call mq:DeleteBroker on payments-staging
    Then it is explicitly denied by developer-boundary

  Scenario: The CI role creates only brokers tagged for the payments team
    Given the CIDeployer
    When they call mq:CreateTags on payments-staging with request tags team=payments
    Then it is allowed by deploy-brokers
    When they call mq:CreateTags on payments-staging with request tags team=orders
    Then it is implicitly denied

  Scenario: Nobody in this estate can delete the production broker
    Then nobody can call mq:DeleteBroker on orders-prod
