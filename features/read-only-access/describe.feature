Feature: Read-only access with mq:Describe* and AmazonMQReadOnlyAccess
  mq:Describe* covers seven actions; AmazonMQReadOnlyAccess adds mq:List* and four EC2 Describe actions.

  Scenario Outline: The auditor can call <action>
    Given the auditor
    When they call <action> on <resource>
    Then it is allowed

    Examples:
      | action                           | resource          |
      | mq:DescribeBroker                | orders-prod       |
      | mq:DescribeBrokerEngineTypes     | *                 |
      | mq:DescribeBrokerInstanceOptions | *                 |
      | mq:DescribeConfiguration         | payments-activemq |
      | mq:DescribeConfigurationRevision | shared-defaults   |
      | mq:DescribeSharedResources       | payments-prod     |
      | mq:DescribeUser                  | payments-dev      |
      | mq:ListBrokers                   | *                 |
      | mq:ListTags                      | payments-prod     |
      | ec2:DescribeVpcs                 | *                 |

  Scenario: The auditor cannot change anything
    Then the following access holds:
      | principal | action            | resource     | outcome           |
      | auditor   | mq:RebootBroker   | payments-dev | implicitly denied |
      | auditor   | mq:UpdateBroker   | payments-dev | implicitly denied |
      | auditor   | mq:CreateTags     | payments-dev | implicitly denied |
      | auditor   | mq:CreateBroker   | *            | implicitly denied |
      | auditor   | ec2:DescribeRouteTables | *      | implicitly denied |

  Scenario: The auditor's Describe rights go through the region lock
    Given the auditor
    When they call mq:DescribeBroker on legacy-us
    Then it is explicitly denied by region-lock

  Scenario: A read-only session of the operator role keeps reading
    Given the operator-read-only
    When they call mq:ListUsers on orders-prod
    Then it is allowed

  Scenario: Everyone in the store can list brokers, and so can the Operator role assumed without a session policy
    Then only admin, developer, orders-developer, auditor, operator, operator-read-only, ci-deployer, break-glass and Operator can call mq:ListBrokers
