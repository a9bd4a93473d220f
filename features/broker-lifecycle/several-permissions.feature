Feature: One operation can need several permissions
  AWS's Service Authorization Reference lists, per API operation, every action it authorizes: CreateBroker
  authorizes mq:CreateBroker, mq:CreateTags when the request carries tags, and iam:PassRole (with
  iam:PassedToService = mq.amazonaws.com) when it passes a role; besides these, Amazon MQ needs the EC2
  permissions of its developer guide. The harness reads them from the catalog's one operation table.

  Scenario: Creating a tagged broker also needs mq:CreateTags
    Given a user whose only policy allows "mq:CreateBroker, ec2:*"
    When they create a broker tagged team=payments, environment=dev
    Then it is implicitly denied

  Scenario: Without tags, mq:CreateBroker and the EC2 permissions are enough
    Given a user whose only policy allows "mq:CreateBroker, ec2:*"
    When they create a broker without tags
    Then it is allowed

  Scenario: With mq:CreateTags as well, the tagged broker can be created
    Given a user whose only policy allows "mq:CreateBroker, mq:CreateTags, ec2:*"
    When they create a broker tagged team=payments, environment=dev
    Then it is allowed
