Feature: The access that examples/cloudformation/template.yaml deploys, checked before the stack exists
  Imported with --account 111122223333 --region eu-west-1 and the parameters' defaults (Environment=production,
  Team=orders). The broker's id is known only once the stack exists: !GetAtt OrdersBroker.Arn in the policy and
  the inventory share one placeholder id, so the policy still names exactly this broker.

  Scenario: The Operator operates the broker of the stack (its ARN from !GetAtt)
    Given the Operator
    When they call mq:RebootBroker on orders-production
    Then it is allowed by operate-orders-broker

  Scenario: A region outside the parameter's list is denied (!Ref of a CommaDelimitedList)
    Given the Operator
    And the request is made in "us-east-1"
    When they call mq:ListBrokers
    Then it is explicitly denied by operate-orders-broker

  Scenario: The inline policy's ARN is built with !Join and !Select
    Given the Operator
    When they call mq:DeleteBroker on orders-production
    Then it is explicitly denied by no-deletes-in-production

  Scenario: Group membership through AWS::IAM::UserToGroupAddition, tags from the user
    Given the olga
    When they call mq:RebootBroker on orders-production
    Then it is allowed by developer-access
    Given the piotr
    When they call mq:RebootBroker on orders-production
    Then it is implicitly denied

  Scenario: The boundary given by !Ref of a managed policy denies deletes
    Given the olga
    When they call mq:DeleteBroker on orders-production
    Then it is explicitly denied by developer-boundary
