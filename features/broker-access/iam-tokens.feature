Feature: IAM authentication of RabbitMQ broker clients
  Amazon MQ for RabbitMQ can authenticate broker clients with IAM: a client obtains a JSON Web Token with
  sts:GetWebIdentityToken and presents it to the broker. That action takes no resource but "*", so IAM
  tells brokers apart only by the audience the token names (sts:IdentityTokenAudience, one to ten
  values): a token "for orders-prod" is one whose every audience is the one orders-prod accepts.

  Scenario: Only the orders consumers can obtain a token for the orders-prod broker
    The orders consumers are the OrdersConsumer role, assumed plainly or as the orders-consumer session.
    Given a token request for the orders-prod broker
    Then only orders-consumer and OrdersConsumer can call sts:GetWebIdentityToken

  Scenario: The orders consumers cannot obtain a token for the payments-prod broker
    Given a token request for the payments-prod broker
    Then nobody can call sts:GetWebIdentityToken on *

  Scenario: A token that also names another audience is refused
    Every requested audience must be allowed (ForAllValues), so a token for orders-prod cannot carry a
    second audience that another service would accept.
    Given a token request for the orders-prod broker that also names the audience "https://reports.example.com"
    Then nobody can call sts:GetWebIdentityToken on *

  Scenario: Tags as claims need sts:TagGetWebIdentityToken, which the orders consumers do not hold
    Given the orders-consumer
    When they call sts:TagGetWebIdentityToken
    Then it is implicitly denied by the identity policies
