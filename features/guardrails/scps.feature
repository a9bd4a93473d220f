Feature: Service control policies guard every account of the workloads OU
  Level 0 (root) allows everything and locks Regions to eu-west-1 and eu-central-1; level 1 (workloads
  OU) allows only the platform's services and denies deleting production brokers to everyone but the
  BreakGlass role (matched on aws:PrincipalArn, the role ARN with its path).

  Scenario: Region lock
    Given the admin
    When they call mq:RebootBroker on legacy-us
    Then it is explicitly denied by region-lock

  Scenario: Region lock on an action without resource uses the requested Region
    Given the admin
    And the request is made in "us-east-1"
    When they call mq:ListBrokers
    Then it is explicitly denied by region-lock

  Scenario: Both allowed Regions work
    Given the admin
    And the request is made in "eu-central-1"
    When they call mq:ListBrokers
    Then it is allowed

  Scenario: A service the workloads OU does not allow is implicitly denied at level 1
    Given the admin
    When they call cloudformation:CreateStack on the ARN "arn:aws:cloudformation:eu-west-1:111122223333:stack/mq/1"
    Then it is allowed
    When they call s3:ListAllMyBuckets
    Then it is implicitly denied by the SCPs at level 1

  Scenario: Break-glass deletes a production broker: the SCP matches the role ARN, not the session ARN
    Given the break-glass
    When they call mq:DeleteBroker on analytics-prod-fra
    Then it is allowed by break-glass
    And the request context has "aws:PrincipalArn" = "arn:aws:iam::111122223333:role/emergency/BreakGlass"
