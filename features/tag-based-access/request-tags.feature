Feature: Tags sent with a request: aws:RequestTag and aws:TagKeys
  CreateBroker and CreateConfiguration carry the tags of the new resource; CreateTags carries the new
  tags and the target's current tags; DeleteTags carries only the keys being removed.

  Scenario: The request carries each tag and the list of keys
    Given the developer
    When they call mq:CreateBroker with request tags team=payments, environment=dev
    Then it is allowed
    And the request context has "aws:RequestTag/team" = "payments"
    And the request carries the tag keys "team, environment"
    And the request context has no "aws:ResourceTag/team"

  Scenario: ForAllValues limits the keys a developer may send
    Given the developer
    When they call mq:CreateBroker with request tags team=payments, environment=dev, cost-center=42
    Then it is implicitly denied by the identity policies

  Scenario: The allowed keys need not all be sent
    Given the developer
    When they call mq:CreateBroker with request tags team=payments, environment=staging, owner=dmitri
    Then it is allowed

  Scenario: Tag values are compared exactly
    Given the developer
    When they call mq:CreateBroker with request tags team=Payments, environment=dev
    Then it is implicitly denied

  Scenario: CreateTags sees the new tags and the broker's current tags
    Given the developer
    When they call mq:CreateTags on payments-dev with request tags owner=dmitri
    Then it is allowed
    And the request context has "aws:ResourceTag/team" = "payments"
    And the request context has "aws:RequestTag/owner" = "dmitri"

  Scenario: Wildcard-only actions carry no resource tags
    Given the developer
    When they call mq:ListBrokers
    Then it is allowed
    And the request context has no "aws:ResourceTag/team"
