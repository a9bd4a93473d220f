Feature: The Amazon MQ access of account 111122223333, as the AWS CLI shows it
  Read from aws iam get-account-authorization-details, the aws mq outputs and the SCPs of the root and the
  workloads OU (aws organizations describe-policy). See examples/README.md for the commands.

  Scenario: The platform admin holds the AWS managed full-access policy through her group
    Given the alice
    When they call mq:DeleteBroker on payments-staging
    Then it is allowed by AmazonMQFullAccess

  Scenario: The workloads SCP keeps production brokers from everyone but the emergency roles
    Given the alice
    When they call mq:DeleteBroker on orders-prod
    Then it is explicitly denied by workloads-guardrails

  Scenario: The BreakGlass role (its policy URL-encoded, as the raw API returns it) may delete production
    Given the BreakGlass
    When they call mq:DeleteBroker on orders-prod
    Then it is allowed by break-glass

  Scenario: Only the default version of a managed policy counts
    Given the dmitri
    When they call mq:DeleteBroker on payments-staging
    Then it is explicitly denied by developer-boundary

  Scenario: Tags read from aws mq list-tags decide team access
    Given the dmitri
    When they call mq:RebootBroker on payments-staging
    Then it is allowed by team-brokers
    When they call mq:RebootBroker on orders-prod
    Then it is implicitly denied

  Scenario: The Operator reboots staging but not production
    Given the Operator
    When they call mq:RebootBroker on payments-staging
    Then it is allowed by mq-operator
    When they call mq:RebootBroker on orders-prod
    Then it is explicitly denied by deny-production-changes

  Scenario: Auditors only read
    Given the audrey
    When they call mq:DescribeBroker on orders-prod
    Then it is allowed by AmazonMQReadOnlyAccess
    When they call mq:UpdateBroker on orders-prod
    Then it is implicitly denied
