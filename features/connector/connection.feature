Feature: Test Connection and the service account
  The connector's Building Block answers only an administrator service account. Test
  Connection reports both connections (from Studio and from Identity) as established,
  or both as failed together with the reason: nothing answers at that path, the
  credentials are wrong, or the account is not a system administrator. Because user
  passwords travel in the requests, the connector can be told to refuse plain HTTP.

  Background:
    Given a Learn user "svc_admin" with password "Adm1n!pw" and system role "sys_admin"
    And a Learn user "plain_user" with password "Us3r!pw" and system role "none"
    And the connector is called as "svc_admin" with password "Adm1n!pw"

  # sim-only: sets up service accounts or the Building Block's settings through the control API
  @sim-only @doc:002_801da1cffc66035b:test-connection
  Scenario: A system administrator's account connects
    When the connection is tested
    Then the connector answers success
    And the answer has "messages.0" = "Connection from Studio to the connected system was established successfully."
    And the answer has "messages.1" = "Connection from Identity to the connected system was established successfully."

  # sim-only: sets up service accounts or the Building Block's settings through the control API
  @sim-only @doc:002_801da1cffc66035b:test-connection
  Scenario: A wrong password fails both connections and says why
    When the connection is tested as "svc_admin" with password "not-it"
    Then the connector answers HTTP 401 saying "bad credentials: the user name or password is wrong"
    And the answer has "status" = "failure"
    And the answer has "messages.0" = "Failed to establish connection from Studio to the connected system."
    And the answer has "messages.1" = "Failed to establish connection from Identity to the connected system."

  # sim-only: sets up service accounts or the Building Block's settings through the control API
  @sim-only @doc:002_801da1cffc66035b:test-connection
  Scenario: An account without the System Administrator role is not a service account
    When the connection is tested as "plain_user" with password "Us3r!pw"
    Then the connector answers HTTP 403 saying "not an administrator"
    And the answer has "status" = "failure"

  # sim-only: sets up service accounts or the Building Block's settings through the control API
  @sim-only @doc:002_801da1cffc66035b:test-connection
  Scenario: Nothing answers at another Building Block path
    When the connection is tested at the Building Block "OTHER"
    Then the connector answers HTTP 404 saying "unreachable: no Building Block is installed at /webapps/fii-connector-OTHER/"

  # sim-only: sets up service accounts or the Building Block's settings through the control API
  @sim-only @doc:002_801da1cffc66035b:building-block-availability
  Scenario: A Building Block that is installed but not made available is unreachable
    Given the connector has the settings:
      | setting   | value |
      | available | false |
    When the connection is tested
    Then the connector answers HTTP 503 saying "unreachable: the Building Block is installed but not available"

  # sim-only: sets up service accounts or the Building Block's settings through the control API
  @sim-only @doc:002_801da1cffc66035b:building-block-path
  Scenario: The Building Block can be installed under another id
    Given the connector has the settings:
      | setting | value        |
      | bbid    | "FII_TEST"   |
    When the connection is tested
    Then the connector answers success

  # sim-only: sets up service accounts or the Building Block's settings through the control API
  @sim-only
  Scenario: A service account configured for the connector connects without being a Learn user
    Given the connector has the settings:
      | setting        | value                                              |
      | serviceAccount | {"userName": "idm-service", "password": "S3rvice!"} |
    When the connection is tested as "idm-service" with password "S3rvice!"
    Then the connector answers success

  # sim-only: sets up service accounts or the Building Block's settings through the control API
  @sim-only @doc:002_801da1cffc66035b:https
  Scenario: With HTTPS required, plain HTTP is refused
    Given the connector has the settings:
      | setting   | value |
      | httpsOnly | true  |
    When the connection is tested
    Then over HTTPS the connection succeeds, and over plain HTTP it is refused because HTTPS is required

  # sim-only: sets up service accounts or the Building Block's settings through the control API
  @sim-only
  Scenario: Every other call needs the service account too
    When the connector calls the identity operation "validate" with:
      """
      {"userName": "plain_user"}
      """
    Then the connector answers success
    Given the connector is called as "plain_user" with password "Us3r!pw"
    When the connector calls the identity operation "validate" with:
      """
      {"userName": "plain_user"}
      """
    Then the connector answers HTTP 403 saying "not an administrator"
