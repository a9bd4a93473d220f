Feature: The developer permission boundary caps what developers' own policies grant
  An Allow in a boundary grants nothing by itself; a request must be allowed by both the identity
  policies and the boundary.

  Scenario: Identity allows, boundary does not: implicit deny by the boundary
    Then the following access holds:
      | principal        | action          | resource     | outcome                                         |
      | developer        | mq:DeleteBroker | payments-dev | implicitly denied by the permissions boundary   |
      | orders-developer | mq:DeleteBroker | orders-prod  | explicitly denied by deny-production-changes    |
      | developer        | mq:RebootBroker | payments-dev | allowed                                         |

  Scenario: Boundary allows, identity does not: implicit deny by the identity policies
    Given the developer
    When they call mq:DeleteUser on orders-prod
    Then it is implicitly denied by the identity policies

  Scenario: The boundary cannot grant what no identity policy grants
    Given the developer
    When they call mq:CreateConfiguration
    Then it is implicitly denied by the identity policies
