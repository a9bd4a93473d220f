Feature: Assumed-role sessions, session tags and session policies
  A role session is a temporary credential: the request carries aws:MultiFactorAuthPresent and
  aws:TokenIssueTime, aws:PrincipalArn is the role ARN, aws:username is absent, and session tags
  replace role tags of the same key.

  Scenario: The context of a role session
    Given the operator
    When they call mq:DescribeBroker on orders-prod
    Then the request context has "aws:PrincipalArn" = "arn:aws:iam::111122223333:role/teams/Operator"
    And the request context has "aws:PrincipalType" = "AssumedRole"
    And the request context has "aws:userid" = "AROAEXAMPLEOPERATOR001:olivia"
    And the request context has no "aws:username"
    And the request context has "aws:MultiFactorAuthPresent" = "true"
    And the request context has "aws:TokenIssueTime" = "2026-11-24T09:00:00Z"
    And the request context has "aws:PrincipalTag/team" = "platform"

  Scenario: The context of an IAM user with access keys
    Given the developer
    When they call mq:DescribeBroker on orders-prod
    Then the request context has "aws:username" = "dmitri"
    And the request context has "aws:PrincipalArn" = "arn:aws:iam::111122223333:user/developers/dmitri"
    And the request context has "aws:PrincipalType" = "User"
    And the request context has no "aws:MultiFactorAuthPresent"
    And the request context has no "aws:TokenIssueTime"
    And the request context has "aws:ResourceTag/environment" = "production"

  Scenario: Session tags replace role tags
    Given the ci-deployer
    When they call mq:UpdateBroker on payments-staging
    Then it is allowed by ci-pipeline-session
    And the request context has "aws:PrincipalTag/team" = "payments"

  Scenario: A session tagged for another team changes what the session policy allows
    Given the ci-deployer with session tags team=orders
    Then the following access holds:
      | principal   | action          | resource         | outcome                                   |
      | ci-deployer | mq:UpdateBroker | orders-prod      | allowed                                   |
      | ci-deployer | mq:UpdateBroker | payments-staging | implicitly denied by the session policies |

  Scenario: A session policy narrows the role's permissions
    Given the operator-read-only
    When they call mq:RebootBroker on payments-dev
    Then it is implicitly denied by the session policies

  Scenario: A session policy conditioned on the Region
    Given the ci-deployer
    And the request is made in "eu-central-1"
    When they call mq:ListBrokers
    Then it is implicitly denied by the session policies

  Scenario: Explicit deny in the role's policies wins over the session policy's Allow
    Given the ci-deployer with session tags team=orders
    When they call mq:RebootBroker on orders-prod
    Then it is explicitly denied by deny-production-changes
