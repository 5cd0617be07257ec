Feature: One Learn behind the connector, the SIS feeds, REST and Connect
  What the connector changes is the same Learn the other surfaces read: a user the
  connector edits is sent to Blackboard Connect at the next hourly synchronisation,
  as a feed's change would be, and a user the connector disables loses its contact.

  Background:
    Given a Learn user "svc_admin" with password "Adm1n!pw" and system role "sys_admin"
    And the connector is called as "svc_admin" with password "Adm1n!pw"
    And an SIS integration "BBLEARN" with data source "SIS.PERSONS"
    And Blackboard Connect has the account "learn-connect" with password "c0nnect!", SIS code "SIS-4021" and e-mail "connect-admin@example.edu"
    And the person feed has been posted to "store":
      """
      EXTERNAL_PERSON_KEY|USER_ID|FIRSTNAME|LASTNAME|M_PHONE
      cs1|aanderson_test|Alpha|Anderson|(202) 555-0101
      cs2|bbrown_test|Beta|Brown|202-555-0102
      """
    And contact synchronisation is set up with account "learn-connect", password "c0nnect!" and SIS code "SIS-4021"
    And the initial contact synchronisation has been run

  # sim-only: Connect's side and the simulated clock exist only on the simulator
  @sim-only @doc:002_801da1cffc66035b:one-state
  Scenario: A name and a mobile number changed by the connector reach Connect at the next hourly run
    When the connector modifies the User "bbrown_test":
      """
      {"replace": {"givenName": "Bea", "mobilePhone": "202-555-0199"}}
      """
    Then the connector answers success
    When 1 hour passes
    Then the last hourly run sent only "bbrown_test"
    And Connect holds the contacts:
      | user           | firstName | lastName | smsNumber    | voiceNumber |
      | aanderson_test | Alpha     | Anderson | +12025550101 |             |
      | bbrown_test    | Bea       | Brown    | +12025550199 |             |

  # sim-only: Connect's side and the simulated clock exist only on the simulator
  @sim-only @doc:002_801da1cffc66035b:one-state
  Scenario: A user disabled by the connector loses its Connect contact at the next hourly run
    When the connector calls the identity operation "disable" with:
      """
      {"userName": "aanderson_test"}
      """
    And 1 hour passes
    Then Connect holds no contact for "aanderson_test"

  # sim-only: Connect's side and the simulated clock exist only on the simulator
  @sim-only @doc:002_801da1cffc66035b:one-state
  Scenario: A refused connector request is not sent to Connect
    When the connector modifies the User "bbrown_test":
      """
      {"replace": {"givenName": "Bea"}, "add": {"courseMembership": [{"courseId": "NO-SUCH-COURSE"}]}}
      """
    Then the connector refuses it with HTTP 404 naming "courseMembership->courseId" and the rule "reference"
    When 1 hour passes
    Then the last hourly run sent nothing
