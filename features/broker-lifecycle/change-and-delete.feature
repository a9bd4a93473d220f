Feature: Changing, rebooting and deleting brokers

  Scenario: Developers manage their own team's brokers (policy variable on the principal tag)
    Then the following access holds:
      | principal        | action          | resource         | outcome           |
      | developer        | mq:UpdateBroker | payments-staging | allowed           |
      | developer        | mq:RebootBroker | payments-dev     | allowed           |
      | developer        | mq:UpdateBroker | orders-prod      | implicitly denied |
      | orders-developer | mq:UpdateBroker | orders-prod      | allowed           |
      | orders-developer | mq:UpdateBroker | payments-dev     | implicitly denied |
      | developer        | mq:UpdateBroker | sandbox          | implicitly denied |

  Scenario: The developer boundary stops deletion even of the developer's own broker
    Given the developer
    When they call mq:DeleteBroker on payments-dev
    Then it is implicitly denied by the permissions boundary

  Scenario: Only break-glass can delete production brokers
    Then only break-glass can call mq:DeleteBroker on brokers tagged environment=production

  @control
  Scenario: The admin is stopped by the SCP, not by their own policies
    Given the admin
    When they call mq:DeleteBroker on orders-prod
    Then it is explicitly denied by workloads-guardrails

  @control
  Scenario: Break-glass needs MFA
    Given the break-glass without MFA
    When they call mq:DeleteBroker on orders-prod
    Then it is implicitly denied by the identity policies
    And the request context has "aws:MultiFactorAuthPresent" = "false"

  Scenario: The admin deletes a development broker
    Given the admin
    When they call mq:DeleteBroker on payments-dev
    Then it is allowed by AmazonMQFullAccess

  Scenario: Configurations are resources of their own
    Then the following access holds:
      | principal | action                  | resource          | outcome           |
      | operator  | mq:UpdateConfiguration  | payments-activemq | allowed           |
      | operator  | mq:DeleteConfiguration  | shared-defaults   | implicitly denied |
      | admin     | mq:DeleteConfiguration  | shared-defaults   | allowed           |
      | developer | mq:UpdateConfiguration  | shared-defaults   | implicitly denied |
