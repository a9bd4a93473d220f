Feature: Destructive actions on production brokers are denied by tag
  AWS documents a tag-based Deny: no DeleteBroker, RebootBroker or DeleteTags on a resource tagged
  environment=production. Our copy (deny-production-changes) is attached to developers, the operator
  role and the CI deployer role. Other actions, and brokers that are untagged or tagged otherwise, are
  not affected by it.

  Scenario: The operator cannot reboot a production broker
    Given the operator
    When they call mq:RebootBroker on orders-prod
    Then it is explicitly denied by deny-production-changes

  Scenario: The operator can reboot a staging broker
    Given the operator
    When they call mq:RebootBroker on payments-staging
    Then it is allowed by mq-operator

  Scenario: The operator cannot remove tags from a production broker
    Given the operator
    When they call mq:DeleteTags on payments-prod removing the tag keys "environment"
    Then it is explicitly denied by deny-production-changes
    And the request carries the tag keys "environment"
    And the request carries no request tags

  Scenario: The Deny covers production configurations too
    Given the operator
    When they call mq:DeleteTags on payments-activemq removing the tag keys "team"
    Then it is explicitly denied by deny-production-changes

  Scenario: Actions the Deny does not list stay allowed on production
    Given the operator
    Then the following access holds:
      | principal | action             | resource         | outcome   |
      | operator  | mq:UpdateBroker    | orders-prod      | allowed   |
      | operator  | mq:DescribeBroker  | orders-prod      | allowed   |
      | operator  | mq:CreateUser      | payments-prod    | allowed   |
      | operator  | mq:CreateTags      | payments-prod    | allowed   |
      | operator  | mq:RebootBroker    | sandbox          | allowed   |
      | operator  | mq:RebootBroker    | payments-dev     | allowed   |

  Scenario: A broker tagged with other letter case is not production for StringEquals
    The tag key part of aws:ResourceTag ignores case, the value does not: `Environment=Production`
    does not equal `production`.
    Given the operator
    When they call mq:RebootBroker on reporting-prod
    Then it is allowed

  Scenario: Any broker tagged environment=production is covered, whatever its other tags
    Given the operator
    When they call mq:RebootBroker on a broker tagged environment=production, team=unknown
    Then it is explicitly denied by deny-production-changes

  Scenario: The tag key of the condition ignores case
    Given the operator
    When they call mq:RebootBroker on a broker tagged ENVIRONMENT=production
    Then it is explicitly denied by deny-production-changes

  Scenario: AWS's documented example names mq:DeleteTag, which does not exist, and leaves tag deletion open
    The documented version lists `mq:DeleteTag`. No such action exists (the action is `mq:DeleteTags`),
    so that entry never matches and anyone allowed DeleteTags can strip the production tag, after
    which every other tag-based Deny stops applying. The store keeps it only for this scenario.
    Given the operator, with the policy deny-production-changes-documented in place of deny-production-changes
    When they call mq:DeleteTags on orders-prod removing the tag keys "environment"
    Then it is allowed

  Scenario: The documented example still denies reboots
    Given the operator, with the policy deny-production-changes-documented in place of deny-production-changes
    When they call mq:RebootBroker on orders-prod
    Then it is explicitly denied by deny-production-changes-documented
