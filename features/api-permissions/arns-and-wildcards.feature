Feature: Broker and configuration ARNs, wildcards, and actions that only accept "*"
  A broker ARN holds the broker's name and ID; `*` in the resource part spans both. Six actions take
  no resource: an ARN-scoped statement never matches them.

  Scenario: The operator's broker:* ARN covers every broker but no configuration
    Then the following access holds:
      | principal | action                 | resource          | outcome           |
      | operator  | mq:UpdateBroker        | analytics-prod-fra | allowed          |
      | operator  | mq:CreateTags          | payments-activemq | implicitly denied |
      | operator  | mq:UpdateConfiguration | shared-defaults   | allowed           |

  Scenario: A user allowed CreateBroker on "*" can create brokers
    Given a user whose only policy allows "mq:CreateBroker"
    When they call mq:CreateBroker
    Then it is allowed

  Scenario: An ARN-scoped Allow never grants a wildcard-only action
    Given a user whose only policy allows "mq:CreateBroker, mq:ListBrokers" on "arn:aws:mq:*:111122223333:broker:*"
    When they call mq:ListBrokers
    Then it is implicitly denied by the identity policies

  Scenario: A broker ARN pattern with the broker name and any ID matches that broker only
    Given a user whose only policy allows "mq:RebootBroker" on "arn:aws:mq:eu-west-1:111122223333:broker:payments-dev:*"
    Then the following access holds:
      | principal | action          | resource         | outcome           |
      | probe     | mq:RebootBroker | payments-dev     | allowed           |
      | probe     | mq:RebootBroker | payments-staging | implicitly denied |

  Scenario Outline: Wildcard-only action <action> is not granted by the operator's ARN-scoped statements
    Given the operator
    When they call <action>
    Then it is <outcome>

    Examples:
      | action                           | outcome           |
      | mq:CreateBroker                  | implicitly denied |
      | mq:CreateConfiguration           | implicitly denied |
      | mq:ListBrokers                   | allowed           |
      | mq:ListConfigurations            | allowed           |
      | mq:DescribeBrokerEngineTypes     | allowed           |
      | mq:DescribeBrokerInstanceOptions | allowed           |

  Scenario: An ARN-scoped Deny does not stop a wildcard-only action
    The production Deny is conditioned on a resource tag, which wildcard-only actions never carry.
    Given the operator
    When they call mq:ListBrokers
    Then it is allowed
    And the request context has no "aws:ResourceTag/environment"

  Scenario: Every mq action but DeleteBroker does not grant DeleteBroker
    Given a user whose only policy allows every mq action except mq:DeleteBroker
    When they call mq:DeleteBroker on sandbox
    Then it is implicitly denied by the identity policies
