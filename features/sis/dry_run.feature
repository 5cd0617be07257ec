Feature: Dry run
  Beyond Learn: any feed posted with ?dryRun=true is processed exactly as a real post
  would be, reported (what would be created, updated, left unchanged, re-enabled,
  disabled, purged and rejected, with the log's reasons) and then taken back, so
  nothing changes.

  Background:
    Given an SIS integration "BBLEARN" with data source "SIS.PERSONS"
    And the person feed has been posted to "store":
      """
      EXTERNAL_PERSON_KEY|USER_ID|FIRSTNAME|LASTNAME|SYSTEM_ROLE|ROW_STATUS
      testPerson1|aanderson_test|Alpha|Anderson|none|enabled
      testPerson2|bbrown_test|Beta|Brown|none|enabled
      testPerson3|gcarlin_test|Gamma|Carlin|none|disabled
      parent1|parent1|Pat|Parent|observer|enabled
      """

  # sim-only: a dry run (?dryRun=true) is a simulator feature
  @sim-only
  Scenario: A person store dry run reports every outcome and changes nothing
    Given the users are remembered as they are now
    When the person feed is posted to "store" as a dry run:
      """
      EXTERNAL_PERSON_KEY|USER_ID|FIRSTNAME|LASTNAME
      testPerson1|aanderson_test|Alpha|Andersen
      testPerson3|gcarlin_test|Gamma|Carlin
      testPerson4|ddarling_test|Delta|Darling
      testPerson5|aanderson_test|Taken|Name
      """
    Then the dry run reports:
      | outcome   | keys        |
      | created   | testPerson4 |
      | updated   | testPerson1 |
      | reenabled | testPerson3 |
      | rejected  | testPerson5 |
    And the dry run reports an error on line 5 about "already belongs to the person"
    And the dry run gives no reference code
    And the user "aanderson_test" is exactly as it was remembered
    And the user "gcarlin_test" is exactly as it was remembered
    And there is no user "ddarling_test"
    And Learn holds 4 users

  # sim-only: a dry run (?dryRun=true) is a simulator feature
  @sim-only
  Scenario: A person refresh dry run names the persons it would disable
    When the person feed is posted to "refresh" as a dry run:
      """
      EXTERNAL_PERSON_KEY|USER_ID|FIRSTNAME|LASTNAME|SYSTEM_ROLE
      testPerson1|aanderson_test|Alpha|Anderson|none
      parent1|parent1|Pat|Parent|observer
      """
    Then the dry run reports:
      | outcome  | keys                 |
      | unchanged | testPerson1, parent1 |
      | disabled | testPerson2          |
    And the user "bbrown_test" is available "Yes"

  # sim-only: a dry run (?dryRun=true) is a simulator feature
  @sim-only
  Scenario: What the dry run predicts is what the real post then does
    When the person feed is posted to "refresh" as a dry run:
      """
      EXTERNAL_PERSON_KEY|USER_ID|FIRSTNAME|LASTNAME
      testPerson1|aanderson_test|Alpha|Anderson
      testPerson4|ddarling_test|Delta|Darling
      """
    Then the dry run reports:
      | outcome  | keys                 |
      | created  | testPerson4          |
      | unchanged | testPerson1         |
      | disabled | testPerson2, parent1 |
    When the person feed is posted to "refresh":
      """
      EXTERNAL_PERSON_KEY|USER_ID|FIRSTNAME|LASTNAME
      testPerson1|aanderson_test|Alpha|Anderson
      testPerson4|ddarling_test|Delta|Darling
      """
    Then the posted feed did exactly what the dry run reported
    And the user "bbrown_test" is available "Disabled"

  # sim-only: a dry run (?dryRun=true) is a simulator feature
  @sim-only
  Scenario: A secondary role refresh dry run reports and takes back its changes
    Given the institution role "ENGINEERING_STUDENT" exists
    And the institution role "ENGINEERING_FACULTY" exists
    And the secondaryinstrole feed has been posted to "store":
      """
      EXTERNAL_PERSON_KEY|ROLE_ID
      testPerson1|engineering_student
      testPerson2|engineering_faculty
      """
    When the secondaryinstrole feed is posted to "refresh" as a dry run:
      """
      EXTERNAL_PERSON_KEY|ROLE_ID|ROW_STATUS
      testPerson1|engineering_faculty|enabled
      testPerson2|engineering_faculty|disabled
      testPerson2|no_such_role|enabled
      """
    Then the dry run reports:
      | outcome  | keys                                   |
      | created  | testPerson1+ENGINEERING_FACULTY        |
      | disabled | testPerson2+ENGINEERING_FACULTY, testPerson1+ENGINEERING_STUDENT |
      | rejected | testPerson2+NO_SUCH_ROLE               |
    And the person "testPerson1" has the institution roles "STUDENT, ENGINEERING_STUDENT"
    And the person "testPerson2" has the institution roles "STUDENT, ENGINEERING_FACULTY"

  # sim-only: a dry run (?dryRun=true) is a simulator feature
  @sim-only
  Scenario: An observer refresh dry run reports and takes back its changes
    Given the associateobserver feed has been posted to "store":
      """
      EXTERNAL_OBSERVER_KEY|EXTERNAL_USER_KEY
      parent1|testPerson1
      """
    When the associateobserver feed is posted to "refresh" as a dry run:
      """
      EXTERNAL_OBSERVER_KEY|EXTERNAL_USER_KEY
      parent1|testPerson2
      testPerson1|testPerson2
      """
    Then the dry run reports:
      | outcome  | keys                 |
      | created  | parent1+testPerson2  |
      | disabled | parent1+testPerson1  |
      | rejected | testPerson1+testPerson2 |
    And the dry run reports an error on line 3 about "Observer system role"
    And "parent1" observes "testPerson1"
    And "testPerson2" has no observers

  # sim-only: a dry run (?dryRun=true) is a simulator feature
  @sim-only
  Scenario: A dry run of a purge takes the purge back too
    Given the integration "BBLEARN" has the settings:
      | setting          | value                      |
      | delete_behaviour | {"person": "smart_delete"} |
    And the users are remembered as they are now
    When the person feed is posted to "delete" as a dry run:
      """
      EXTERNAL_PERSON_KEY
      testPerson2
      """
    Then the dry run reports:
      | outcome | keys        |
      | purged  | testPerson2 |
    And the user "bbrown_test" is exactly as it was remembered
    And Learn holds 4 users

  # sim-only: a dry run (?dryRun=true) is a simulator feature
  @sim-only
  Scenario: A dry run of an integration in background processing still answers at once
    Given the integration "BBLEARN" has the settings:
      | setting    | value      |
      | processing | background |
    When the person feed is posted to "store" as a dry run:
      """
      EXTERNAL_PERSON_KEY|USER_ID|FIRSTNAME|LASTNAME
      testPerson4|ddarling_test|Delta|Darling
      """
    Then the dry run reports:
      | outcome | keys        |
      | created | testPerson4 |
    And there is no user "ddarling_test"
