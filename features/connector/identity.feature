Feature: Identity operations
  The connector authenticates Learn users, tells whether a user exists and in which
  state, enables and disables users, and resets passwords. Expiring a password, now
  or at a date, is documented as unsupported and answered as such. Users created by
  an SIS feed are the same users the connector sees.

  Background:
    Given a Learn user "svc_admin" with password "Adm1n!pw" and system role "sys_admin"
    And the connector is called as "svc_admin" with password "Adm1n!pw"
    And an SIS integration "BBLEARN" with data source "SIS.PERSONS"
    And the person feed has been posted to "store":
      """
      EXTERNAL_PERSON_KEY|USER_ID|PASSWD|FIRSTNAME|LASTNAME
      testPerson1|aanderson_test|changeme|Alpha|Anderson
      """

  @portable @doc:002_801da1cffc66035b:identity-authenticate
  Scenario: Authenticate checks a fed user's password
    When the connector calls the identity operation "authenticate" with:
      """
      {"userName": "aanderson_test", "password": "changeme"}
      """
    Then the connector answers success
    And the answer has "authenticated" = true
    When the connector calls the identity operation "authenticate" with:
      """
      {"userName": "aanderson_test", "password": "wrong"}
      """
    Then the answer has "authenticated" = false
    And the answer has "reason" = "wrong password"

  @portable @doc:002_801da1cffc66035b:identity-validate
  Scenario: Validate User tells whether the user exists and its state
    When the connector calls the identity operation "validate" with:
      """
      {"userName": "aanderson_test"}
      """
    Then the answer has "exists" = true
    And the answer has "available" = "Yes"
    And the answer has "userId" = "{user:aanderson_test}"
    When the connector calls the identity operation "validate" with:
      """
      {"userName": "nobody_here"}
      """
    Then the connector answers success
    And the answer has "exists" = false

  @portable @doc:002_801da1cffc66035b:identity-enable-disable
  Scenario: Disable User stops the login and Learn shows the user disabled; Enable undoes it
    When the connector calls the identity operation "disable" with:
      """
      {"userName": "aanderson_test"}
      """
    Then the connector answers success
    And the user "aanderson_test" is available "Disabled"
    And "aanderson_test" cannot log in with "changeme" because "user is disabled"
    When the connector calls the identity operation "enable" with:
      """
      {"userName": "aanderson_test"}
      """
    Then the user "aanderson_test" is available "Yes"
    And "aanderson_test" can log in with "changeme"

  @portable @doc:002_801da1cffc66035b:identity-reset-password
  Scenario: Reset Password gives the user a new password
    When the connector calls the identity operation "reset-password" with:
      """
      {"userName": "aanderson_test", "password": "N3w!secret"}
      """
    Then the connector answers success
    And "aanderson_test" can log in with "N3w!secret"
    And "aanderson_test" cannot log in with "changeme" because "wrong password"

  @portable @doc:002_801da1cffc66035b:identity-reset-password
  Scenario: Reset Password for an unknown user names the user
    When the connector calls the identity operation "reset-password" with:
      """
      {"userName": "nobody_here", "password": "x"}
      """
    Then the connector refuses it with HTTP 404 naming "userName" and the rule "not-found"

  @portable @doc:002_801da1cffc66035b:identity-expire-password
  Scenario: Expire Password Immediately is not supported
    When the connector calls the identity operation "expire-password" with:
      """
      {"userName": "aanderson_test"}
      """
    Then the connector answers HTTP 501 saying "Expire Password Immediately is not supported"
    And "aanderson_test" can log in with "changeme"

  @portable @doc:002_801da1cffc66035b:identity-expire-password
  Scenario: Expire Password by Date is not supported
    When the connector calls the identity operation "expire-password" with:
      """
      {"userName": "aanderson_test", "date": "2026-06-30"}
      """
    Then the connector answers HTTP 501 saying "Expire Password by Date is not supported"
