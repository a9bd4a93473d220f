Feature: Who can do what across the fleet, said once for a set of principals, resources and actions
  Claims name sets instead of listing every principal: "every principal" is each user and session of
  principals.yaml and each role assumed without a session policy (anyone who may assume it gets at least
  that). Each action of a list or wildcard is checked and reported on its own, on every resource named.

  Scenario: Nobody outside the platform team manages the users of the analytics brokers
    Then nobody except the principals tagged team=platform and break-glass can call mq:CreateUser, mq:UpdateUser and mq:DeleteUser on brokers tagged team=analytics

  Scenario: Nobody can change brokers outside the European Regions
    Then nobody can call mq:RebootBroker, mq:UpdateBroker and mq:DeleteBroker on brokers in region us-east-1

  Scenario: Developers delete nothing in production
    Then the members of group developers cannot call mq:DeleteBroker and mq:DeleteTags on brokers tagged environment=production

  Scenario: The developer boundary stops every deletion, whatever the broker
    Then the principals with the boundary developer-boundary cannot call mq:DeleteBroker on every broker

  Scenario: Only the break-glass session deletes production brokers in Ireland
    Then every principal except break-glass cannot call mq:DeleteBroker on brokers tagged environment=production and in region eu-west-1

  Scenario: The users other than the admin cannot delete brokers
    Then the users except admin cannot call mq:DeleteBroker on brokers in account 111122223333

  Scenario: Every session but the orders workload's can list brokers and read the fleet's configurations
    The orders consumers only obtain tokens for their broker (broker-access/iam-tokens.feature).
    Then the sessions except orders-consumer can call mq:ListBrokers on *
    And the sessions except ci-deployer and orders-consumer can call mq:DescribeConfiguration on every configuration

  Scenario: The roles assumed without a session policy cannot reboot production
    Then the roles cannot call mq:RebootBroker on brokers tagged environment=production

  Scenario: The admin and break-glass reboot what is not production
    Then admin and break-glass can call mq:RebootBroker on brokers not tagged environment=production and in region eu-west-1

  Scenario: Configurations are deleted by the admin and break-glass only
    Then nobody except admin and break-glass can call mq:DeleteConfiguration on every configuration
    And only admin and break-glass can call mq:DeleteConfiguration on payments-activemq and shared-defaults
    And operator can call mq:UpdateConfiguration on configurations tagged team=payments and in region eu-west-1
    And the members of group developers cannot call mq:UpdateConfiguration on configurations not tagged environment=production

  Scenario: A wildcard is expanded to the actions that apply to the resources named
    mq:Update* on configurations is mq:UpdateConfiguration only; UpdateBroker and UpdateUser take brokers.
    Then the members of group auditors cannot call mq:Update* on every configuration
    And the tables of access hold:
      | principal                  | action                          | resource                                  | outcome           |
      | auditor                    | mq:Describe*                    | orders-prod                               | allowed           |
      | the members of group developers | mq:DeleteBroker and mq:RebootBroker | brokers tagged environment=production | explicitly denied by deny-production-changes |
