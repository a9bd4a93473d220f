Feature: Creating a broker needs Amazon MQ and EC2 permissions
  Creating a broker makes Amazon MQ create a network interface in the caller's VPC, so the caller's
  policies must allow the EC2 actions of AWS's documented CreateBroker policy as well, with
  ec2:CreateNetworkInterfacePermission limited to ec2:AuthorizedService = mq.amazonaws.com.

  Scenario: The CI deployer creates a broker with the documented policy
    Given the ci-deployer
    When they create a broker tagged team=payments, environment=staging
    Then it is allowed

  Scenario: The ENI permission is granted only to Amazon MQ
    Given the ci-deployer
    And the context key "ec2:AuthorizedService" is "ec2.amazonaws.com"
    When they call ec2:CreateNetworkInterfacePermission on the ARN "arn:aws:ec2:eu-west-1:111122223333:network-interface/eni-0a1b2c3d4e5f60718"
    Then it is implicitly denied by the identity policies

  Scenario: ec2:AuthorizedService exists only on CreateNetworkInterfacePermission
    The documented policy puts the condition on three actions, but the key is absent from the other
    two requests, so StringEquals is false there: the policy does not allow them.
    Given the ci-deployer
    Then the following access holds:
      | principal   | action                                  | resource | outcome           |
      | ci-deployer | ec2:DescribeNetworkInterfacePermissions | *        | implicitly denied |
      | ci-deployer | ec2:DescribeVpcs                        | *        | allowed           |
    When they call ec2:DescribeNetworkInterfacePermissions
    Then the missing context keys include "ec2:AuthorizedService"

  Scenario: A developer may create brokers for their own team outside production
    Given the developer
    When they create a broker tagged team=payments, environment=dev
    Then it is allowed

  Scenario: A developer may not create a production broker
    Given the developer
    When they create a broker tagged team=payments, environment=production
    Then it is implicitly denied by the identity policies

  Scenario: A developer may not create a broker for another team
    Given the developer
    When they create a broker tagged team=orders, environment=dev
    Then it is implicitly denied by the identity policies

  Scenario: A developer may not create an untagged broker
    Given the developer
    When they create a broker without tags
    Then it is implicitly denied by the identity policies
    And the request carries no request tags

  Scenario: An auditor cannot create brokers
    Given the auditor
    When they create a broker tagged team=payments, environment=dev
    Then it is implicitly denied

  Scenario: The admin's AmazonMQFullAccess covers the EC2 part too
    Given the admin
    When they create a broker tagged team=platform, environment=dev
    Then it is allowed
