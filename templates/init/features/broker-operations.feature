Feature: Operating the Amazon MQ brokers
  The operator keeps brokers running; production is never rebooted by hand,
  and the permissions boundary caps what any identity policy can grant.

  Scenario: The operator reboots a staging broker
    Given the operator
    When they call mq:RebootBroker on orders-staging
    Then it is allowed

  Scenario: Nobody reboots production by hand
    Given the operator
    When they call mq:RebootBroker on orders-prod
    Then it is explicitly denied by broker-operator

  Scenario: The boundary caps the identity policy
    Given the operator
    When they call mq:UpdateBroker on orders-staging
    Then it is implicitly denied by the permissions boundary

  Scenario: Who may do what, in one table
    Then the following access holds:
      | principal | action            | resource       | outcome           |
      | auditor   | mq:DescribeBroker | orders-prod    | allowed           |
      | auditor   | mq:RebootBroker   | orders-staging | implicitly denied |
      | operator  | mq:ListBrokers    | *              | allowed           |

  Scenario: Only the operator can reboot staging brokers
    Then only operator can call mq:RebootBroker on brokers tagged environment=staging

  Scenario: A custom sentence from steps/
    Then the auditor can call mq:DescribeBroker on orders-prod
