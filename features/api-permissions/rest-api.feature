Feature: Each Amazon MQ REST operation is authorized by the mq: permission of the same name
  Amazon MQ has no resource-based policies: only identity-based policies (with boundaries, session
  policies and SCPs) decide. For every operation, a user allowed only that permission may call it and
  a user allowed every other mq: action may not. DescribeSharedResources has no REST path in the SDK. The table is the catalog's operations, generated
  from AWS's reference (mq:UpdateBrokerAccessConfiguration is permission-only: UpdateBroker authorizes it).

  Scenario Outline: <operation> (<method> <path>) needs <permission>
    Given the REST operation <operation> sent as <method> <path>
    Then the permission it needs is <permission>

    Examples:
      | operation                     | method | path                                                                    | permission                       |
      | CreateBroker                  | POST   | /v1/brokers                                                             | mq:CreateBroker                  |
      | CreateConfiguration           | POST   | /v1/configurations                                                      | mq:CreateConfiguration           |
      | CreateTags                    | POST   | /v1/tags/{ResourceArn}                                                  | mq:CreateTags                    |
      | CreateUser                    | POST   | /v1/brokers/{BrokerId}/users/{Username}                                 | mq:CreateUser                    |
      | DeleteBroker                  | DELETE | /v1/brokers/{BrokerId}                                                  | mq:DeleteBroker                  |
      | DeleteConfiguration           | DELETE | /v1/configurations/{ConfigurationId}                                    | mq:DeleteConfiguration           |
      | DeleteTags                    | DELETE | /v1/tags/{ResourceArn}                                                  | mq:DeleteTags                    |
      | DeleteUser                    | DELETE | /v1/brokers/{BrokerId}/users/{Username}                                 | mq:DeleteUser                    |
      | DescribeBroker                | GET    | /v1/brokers/{BrokerId}                                                  | mq:DescribeBroker                |
      | DescribeBrokerEngineTypes     | GET    | /v1/broker-engine-types                                                 | mq:DescribeBrokerEngineTypes     |
      | DescribeBrokerInstanceOptions | GET    | /v1/broker-instance-options                                             | mq:DescribeBrokerInstanceOptions |
      | DescribeConfiguration         | GET    | /v1/configurations/{ConfigurationId}                                    | mq:DescribeConfiguration         |
      | DescribeConfigurationRevision | GET    | /v1/configurations/{ConfigurationId}/revisions/{ConfigurationRevision} | mq:DescribeConfigurationRevision |
      | DescribeSharedResources       | —      | —                                                                       | mq:DescribeSharedResources       |
      | DescribeUser                  | GET    | /v1/brokers/{BrokerId}/users/{Username}                                 | mq:DescribeUser                  |
      | ListBrokers                   | GET    | /v1/brokers                                                             | mq:ListBrokers                   |
      | ListConfigurationRevisions    | GET    | /v1/configurations/{ConfigurationId}/revisions                          | mq:ListConfigurationRevisions    |
      | ListConfigurations            | GET    | /v1/configurations                                                      | mq:ListConfigurations            |
      | ListTags                      | GET    | /v1/tags/{ResourceArn}                                                  | mq:ListTags                      |
      | ListUsers                     | GET    | /v1/brokers/{BrokerId}/users                                            | mq:ListUsers                     |
      | Promote                       | POST   | /v1/brokers/{BrokerId}/promote                                          | mq:Promote                       |
      | RebootBroker                  | POST   | /v1/brokers/{BrokerId}/reboot                                           | mq:RebootBroker                  |
      | UpdateBroker                  | PUT    | /v1/brokers/{BrokerId}                                                  | mq:UpdateBroker                  |
      | UpdateConfiguration           | PUT    | /v1/configurations/{ConfigurationId}                                    | mq:UpdateConfiguration           |
      | UpdateUser                    | PUT    | /v1/brokers/{BrokerId}/users/{Username}                                 | mq:UpdateUser                    |
