Feature: What the connector says it supports
  The connector describes its identity and provisioning capabilities. The seed's
  capability table says Delete is not supported for any data format, while its table
  of supported operations describes Delete for all four; the connector implements
  Delete and says so, and its description reports the contradiction.

  Background:
    Given a Learn user "svc_admin" with password "Adm1n!pw" and system role "sys_admin"
    And the connector is called as "svc_admin" with password "Adm1n!pw"

  @portable @doc:002_801da1cffc66035b:identity-capabilities
  Scenario: Identity capabilities
    When the connector's capabilities are read
    Then the answer has "identity.Authenticate" = "Yes"
    And the answer has "identity.Validate User" = "Yes"
    And the answer has "identity.Enable/Disable User" = "Yes"
    And the answer has "identity.Reset Password" = "Yes"
    And the answer has "identity.Expire Password Immediately" = "No"
    And the answer has "identity.Expire Password by Date" = "No"

  @portable @doc:002_801da1cffc66035b:capability-delete
  Scenario Outline: Provisioning capabilities of <format>, with Delete reported as implemented
    When the connector's capabilities are read
    Then the answer has "provisioning.<format>.Export" = "Yes"
    And the answer has "provisioning.<format>.Create" = "Yes"
    And the answer has "provisioning.<format>.Modify" = "Yes"
    And the answer has "provisioning.<format>.Delete" = "Yes"
    And the answer has "provisioning.<format>.Trigger" = "No"
    And the capability notes mention "marks Delete as not supported"

    Examples:
      | format     |
      | User       |
      | Course     |
      | Group      |
      | PortalRole |

  @portable @doc:002_801da1cffc66035b:user-attributes
  Scenario: Every User attribute but the password is exportable
    When the connector's description of data format "User" is read
    Then the only attribute declared not exportable is "password"
