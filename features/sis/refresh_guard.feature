Feature: Refresh guard
  Beyond Learn (after Canvas's change_threshold): with a refresh threshold set, a
  Complete Refresh that would disable or purge more than that percent of the records the
  integration owns still stores its rows, but disables nothing; the log says how many
  records would have gone and what the threshold is, and the data set counts a warning.

  Background:
    Given an SIS integration "BBLEARN" with data source "SIS.PERSONS"
    And the person feed has been posted to "store":
      """
      EXTERNAL_PERSON_KEY|USER_ID|FIRSTNAME|LASTNAME|SYSTEM_ROLE
      testPerson1|aanderson_test|Alpha|Anderson|none
      testPerson2|bbrown_test|Beta|Brown|none
      testPerson3|gcarlin_test|Gamma|Carlin|none
      parent1|parent1|Pat|Parent|observer
      """

  # sim-only: needs an integration setting, which on a live target is its administrator's
  @sim-only @destructive
  Scenario: A refresh that would disable too many persons stores its rows and disables nothing
    Given the integration "BBLEARN" has the settings:
      | setting           | value |
      | refresh_threshold | 50    |
    When the person feed is posted to "refresh":
      """
      EXTERNAL_PERSON_KEY|USER_ID|FIRSTNAME|LASTNAME
      testPerson1|aanderson_test|Alpha|Andersen
      """
    Then the feed is accepted
    And the data set status shows 1 completed, 0 errors, 1 warnings and 0 queued
    And the data set log has a warning about "3 of 4 owned person records"
    And the data set log has a warning about "threshold of 50%"
    And the users are:
      | userName       | family   | available |
      | aanderson_test | Andersen | Yes       |
      | bbrown_test    | Brown    | Yes       |
      | gcarlin_test   | Carlin   | Yes       |
      | parent1        | Parent   | Yes       |

  # sim-only: needs an integration setting, which on a live target is its administrator's
  @sim-only @destructive
  Scenario: A refresh within the threshold disables as usual
    Given the integration "BBLEARN" has the settings:
      | setting           | value |
      | refresh_threshold | 25    |
    When the person feed is posted to "refresh":
      """
      EXTERNAL_PERSON_KEY|USER_ID|FIRSTNAME|LASTNAME|SYSTEM_ROLE
      testPerson1|aanderson_test|Alpha|Anderson|none
      testPerson2|bbrown_test|Beta|Brown|none
      parent1|parent1|Pat|Parent|observer
      """
    Then the data set status shows 3 completed, 0 errors, 0 warnings and 0 queued
    And the user "gcarlin_test" is available "Disabled"
    And the user "bbrown_test" is available "Yes"

  # sim-only: relies on the integration having no refresh threshold, which on a live target is its administrator's
  @sim-only @destructive
  Scenario: Without a threshold a refresh disables every missing record
    When the person feed is posted to "refresh":
      """
      EXTERNAL_PERSON_KEY|USER_ID|FIRSTNAME|LASTNAME
      testPerson1|aanderson_test|Alpha|Anderson
      """
    Then the data set status shows 1 completed, 0 errors, 0 warnings and 0 queued
    And the user "bbrown_test" is available "Disabled"
    And the user "gcarlin_test" is available "Disabled"

  # sim-only: needs an integration setting, which on a live target is its administrator's
  @sim-only @destructive
  Scenario: The guard also holds back a purging refresh
    Given the integration "BBLEARN" has the settings:
      | setting            | value |
      | refresh_threshold  | 10    |
      | refresh_behaviour  | purge |
    When the person feed is posted to "refresh":
      """
      EXTERNAL_PERSON_KEY|USER_ID|FIRSTNAME|LASTNAME|SYSTEM_ROLE
      testPerson1|aanderson_test|Alpha|Anderson|none
      testPerson2|bbrown_test|Beta|Brown|none
      parent1|parent1|Pat|Parent|observer
      """
    Then the data set log has a warning about "would have been purged"
    And Learn holds 4 users

  # sim-only: needs an integration setting, which on a live target is its administrator's
  @sim-only @destructive
  Scenario: The guard protects observer associations
    Given the integration "BBLEARN" has the settings:
      | setting           | value |
      | refresh_threshold | 40    |
    And the associateobserver feed has been posted to "store":
      """
      EXTERNAL_OBSERVER_KEY|EXTERNAL_USER_KEY
      parent1|testPerson1
      parent1|testPerson2
      parent1|testPerson3
      """
    When the associateobserver feed is posted to "refresh":
      """
      EXTERNAL_OBSERVER_KEY|EXTERNAL_USER_KEY
      parent1|testPerson3
      """
    Then the data set status shows 1 completed, 0 errors, 1 warnings and 0 queued
    And the data set log has a warning about "2 of 3 owned associateobserver records"
    And "parent1" observes "testPerson1, testPerson2, testPerson3"

  # sim-only: needs an integration setting, which on a live target is its administrator's
  @sim-only @destructive
  Scenario: The guard protects secondary role records
    Given the institution role "ENGINEERING_STUDENT" exists
    And the integration "BBLEARN" has the settings:
      | setting           | value |
      | refresh_threshold | 50    |
    And the secondaryinstrole feed has been posted to "store":
      """
      EXTERNAL_PERSON_KEY|ROLE_ID
      testPerson1|engineering_student
      testPerson2|engineering_student
      testPerson3|engineering_student
      """
    When the secondaryinstrole feed is posted to "refresh":
      """
      EXTERNAL_PERSON_KEY|ROLE_ID
      testPerson1|engineering_student
      """
    Then the data set log has a warning about "2 of 3 owned secondaryinstrole records"
    And the person "testPerson3" has the institution roles "STUDENT, ENGINEERING_STUDENT"

  # sim-only: needs an integration setting, which on a live target is its administrator's
  @sim-only @destructive
  Scenario: By data source, the guard counts only the records of that data source
    Given the data source "SIS.PERSONS.OTHER" exists
    And the person feed has been posted to "store":
      """
      EXTERNAL_PERSON_KEY|USER_ID|FIRSTNAME|LASTNAME|DATA_SOURCE_KEY
      other1|other1|Otto|Other|SIS.PERSONS.OTHER
      other2|other2|Olga|Other|SIS.PERSONS.OTHER
      """
    And the integration "BBLEARN" has the settings:
      | setting           | value |
      | refresh_threshold | 40    |
    When the person feed is posted to "refreshlegacy":
      """
      EXTERNAL_PERSON_KEY|USER_ID|FIRSTNAME|LASTNAME|DATA_SOURCE_KEY
      other1|other1|Otto|Other|SIS.PERSONS.OTHER
      """
    Then the data set log has a warning about "1 of 2 owned person records in data source"
    And the user "other2" is available "Yes"
    And the user "bbrown_test" is available "Yes"

  # sim-only: a dry run (?dryRun=true) is a simulator feature
  @sim-only @destructive
  Scenario: A dry run shows what the guard would hold back
    Given the integration "BBLEARN" has the settings:
      | setting           | value |
      | refresh_threshold | 50    |
    When the person feed is posted to "refresh" as a dry run:
      """
      EXTERNAL_PERSON_KEY|USER_ID|FIRSTNAME|LASTNAME
      testPerson1|aanderson_test|Alpha|Anderson
      """
    Then the dry run reports:
      | outcome   | keys        |
      | unchanged | testPerson1 |
    And the dry run reports a warning about "3 of 4 owned person records"
