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

  Scenario: A session built in the scenario, with session tags and a session policy
    No principals.yaml entry is needed: the session takes the role's policies, its tags replace the role's,
    and the session policy caps what the role grants.
    Given the role CIDeployer assumed as session deploy-7 with session tags team=orders with the session policy ci-pipeline-session
    And the request comes from "10.20.3.14"
    When they call mq:UpdateBroker on orders-prod
    Then it is allowed by ci-pipeline-session statement ChangeBrokersOfThePipelineTeam
    And the request context has "aws:PrincipalTag/team" = "orders"
    And the request context has "aws:userid" = "AROAEXAMPLECIDEPLOY002:deploy-7"

  Scenario: A plain session of the role has the role's policies only
    Given the role Operator assumed as session olivia-2
    When they call mq:DeleteUser on payments-dev
    Then it is allowed by mq-operator statement OperateBrokers
    And the request context has "aws:MultiFactorAuthPresent" = "false"

  Scenario: Without the pipeline's session policy, a session of the CI role tags any broker
    Given the role CIDeployer assumed as session deploy-8 with session tags team=payments
    And the request comes from "10.20.3.14"
    When they call mq:CreateTags on orders-prod
    Then it is allowed by mq-create-broker statement CreateBrokersAndTheirNetworkInterfaces

  Scenario: A session with a session policy only
    Given the role Operator assumed as session olivia-3 with the session policy read-only-session
    When they call mq:RebootBroker on payments-dev
    Then it is implicitly denied by the session policies
    When they call mq:ListBrokers
    Then it is allowed by read-only-session statement ReadOnlyForThisSession
    And it is allowed by FullAWSAccess statement 0

  Scenario: The token of a session was issued an hour before the request
    Given the operator
    And the current time is "2026-12-01T08:00:00Z"
    When they call mq:DescribeBroker on orders-prod
    Then the request context has "aws:TokenIssueTime" = "2026-12-01T07:00:00Z"
    And the request context has "aws:CurrentTime" = "2026-12-01T08:00:00Z"

  Scenario: An IAM user signed in with MFA carries the MFA keys
    Given the admin signed in with MFA
    And the request is sent without TLS
    When they call mq:DescribeBroker on orders-prod
    Then it is allowed
    And the request context has "aws:MultiFactorAuthPresent" = "true"
    And the request context has "aws:SecureTransport" = "false"
