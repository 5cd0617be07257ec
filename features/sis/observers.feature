Feature: Observer associations
  The associateobserver feed ties an observer (a person holding the Observer system role)
  to a person it observes (seed 001, "Observers"). REST shows the associations in force
  under /users/{id}/observers and /users/{id}/observees.

  Background:
    Given an SIS integration "BBLEARN" with data source "SIS.PERSONS"
    And the person feed has been posted to "store":
      """
      EXTERNAL_PERSON_KEY|USER_ID|FIRSTNAME|LASTNAME|SYSTEM_ROLE
      test_student_100|test_student_100|Student|Hundred|none
      test_student_200|test_student_200|Student|Two Hundred|none
      test_student_300|test_student_300|Student|Three Hundred|none
      test_student_400|test_student_400|Student|Four Hundred|none
      test_student_100_observer|test_student_100_observer|Observer|Hundred|observer
      test_student_200_observer|test_student_200_observer|Observer|Two Hundred|observer
      test_student_300_observer|test_student_300_observer|Observer|Three Hundred|observer
      test_student_400_observer|test_student_400_observer|Observer|Four Hundred|observer
      """

  @portable @doc:001_656f5918d9df3461:observer-create
  Scenario: Example 1 lets two observers observe the same student
    When the associateobserver feed is posted to "store":
      """
      EXTERNAL_OBSERVER_KEY|EXTERNAL_USER_KEY
      test_student_100_observer|test_student_100
      test_student_200_observer|test_student_100
      """
    Then the feed is accepted
    And the data set status shows 2 completed, 0 errors, 0 warnings and 0 queued
    And the observers of "test_student_100" are "test_student_100_observer, test_student_200_observer"
    And "test_student_100_observer" observes "test_student_100"
    And "test_student_200_observer" observes "test_student_100"
    And "test_student_200" has no observers

  @portable @doc:001_656f5918d9df3461:observer-update
  Scenario: Example 2 points test_student_200_observer at the right student
    Given the associateobserver feed has been posted to "store":
      """
      EXTERNAL_OBSERVER_KEY|EXTERNAL_USER_KEY
      test_student_200_observer|test_student_100
      """
    When the associateobserver feed is posted to "store":
      """
      EXTERNAL_OBSERVER_KEY|EXTERNAL_USER_KEY
      test_student_200_observer|test_student_200
      """
    Then the feed is accepted
    And the data set status shows 1 completed, 0 errors, 0 warnings and 0 queued
    And the observers of "test_student_200" are "test_student_200_observer"

  @live-unknown @doc:001_656f5918d9df3461:observer-update
  Scenario: Storing a new pair for an observer leaves its earlier association in force until it is deleted
    Given the associateobserver feed has been posted to "store":
      """
      EXTERNAL_OBSERVER_KEY|EXTERNAL_USER_KEY
      test_student_200_observer|test_student_100
      """
    When the associateobserver feed is posted to "store":
      """
      EXTERNAL_OBSERVER_KEY|EXTERNAL_USER_KEY
      test_student_200_observer|test_student_200
      """
    Then "test_student_200_observer" observes "test_student_100, test_student_200"
    When the associateobserver feed is posted to "delete":
      """
      EXTERNAL_OBSERVER_KEY|EXTERNAL_USER_KEY
      test_student_200_observer|test_student_100
      """
    Then "test_student_200_observer" observes "test_student_200"

  @portable @doc:001_656f5918d9df3461:observer-disable-delete
  Scenario: Example 3 disables one association of the working set with Delete
    Given the associateobserver feed has been posted to "store":
      """
      EXTERNAL_OBSERVER_KEY|EXTERNAL_USER_KEY
      test_student_100_observer|test_student_100
      test_student_200_observer|test_student_200
      """
    When the associateobserver feed is posted to "delete":
      """
      EXTERNAL_OBSERVER_KEY|EXTERNAL_USER_KEY
      test_student_200_observer|test_student_200
      """
    Then the feed is accepted
    And the data set status shows 1 completed, 0 errors, 0 warnings and 0 queued
    And "test_student_200" has no observers
    And "test_student_200_observer" observes nobody
    And the observers of "test_student_100" are "test_student_100_observer"
    And the user "test_student_200_observer" is available "Yes"

  @portable @destructive @doc:001_656f5918d9df3461:observer-disable-refresh
  Scenario: Example 3 disables a missing association with Complete Refresh while adding two new ones
    Given the associateobserver feed has been posted to "store":
      """
      EXTERNAL_OBSERVER_KEY|EXTERNAL_USER_KEY
      test_student_100_observer|test_student_100
      test_student_200_observer|test_student_200
      """
    When the associateobserver feed is posted to "refresh":
      """
      EXTERNAL_OBSERVER_KEY|EXTERNAL_USER_KEY
      test_student_100_observer|test_student_100
      test_student_300_observer|test_student_300
      test_student_400_observer|test_student_400
      """
    Then the feed is accepted
    And the data set status shows 3 completed, 0 errors, 0 warnings and 0 queued
    And "test_student_200" has no observers
    And the observers of "test_student_100" are "test_student_100_observer"
    And the observers of "test_student_300" are "test_student_300_observer"
    And the observers of "test_student_400" are "test_student_400_observer"
    And the user "test_student_200" is available "Yes"

  @portable
  Scenario: One observer may observe several persons
    When the associateobserver feed is posted to "store":
      """
      EXTERNAL_OBSERVER_KEY|EXTERNAL_USER_KEY
      test_student_100_observer|test_student_100
      test_student_100_observer|test_student_200
      test_student_100_observer|test_student_300
      """
    Then "test_student_100_observer" observes "test_student_100, test_student_200, test_student_300"
    And the observers of "test_student_300" are "test_student_100_observer"

  @portable
  Scenario: A row status of disabled keeps an association out of force and a later store restores it
    Given the associateobserver feed has been posted to "store":
      """
      EXTERNAL_OBSERVER_KEY|EXTERNAL_USER_KEY
      test_student_100_observer|test_student_100
      """
    When the associateobserver feed is posted to "store":
      """
      EXTERNAL_OBSERVER_KEY|EXTERNAL_USER_KEY|ROW_STATUS
      test_student_100_observer|test_student_100|disabled
      """
    Then "test_student_100" has no observers
    When the associateobserver feed is posted to "store":
      """
      EXTERNAL_OBSERVER_KEY|EXTERNAL_USER_KEY|ROW_STATUS
      test_student_100_observer|test_student_100|ENABLED
      """
    Then the observers of "test_student_100" are "test_student_100_observer"

  # on a live target: needs a second data source made for the suite ([sis] other_data_source_keys)
  @portable @destructive
  Scenario: Complete Refresh By Data Source leaves associations of other data sources alone
    Given the data source "SIS.OBSERVERS.OTHER" exists
    And the associateobserver feed has been posted to "store":
      """
      EXTERNAL_OBSERVER_KEY|EXTERNAL_USER_KEY|DATA_SOURCE_KEY
      test_student_100_observer|test_student_100|SIS.OBSERVERS.OTHER
      test_student_200_observer|test_student_200|SIS.PERSONS
      """
    When the associateobserver feed is posted to "refreshlegacy":
      """
      EXTERNAL_OBSERVER_KEY|EXTERNAL_USER_KEY
      test_student_300_observer|test_student_300
      """
    Then the feed is accepted
    And the observers of "test_student_100" are "test_student_100_observer"
    And "test_student_200" has no observers
    And the observers of "test_student_300" are "test_student_300_observer"

  @portable
  Scenario: Rows breaking an observer rule are errors that say which rule
    Given the person feed has been posted to "store":
      """
      EXTERNAL_PERSON_KEY|USER_ID|FIRSTNAME|LASTNAME
      plain_person|plain_person|Plain|Person
      """
    When the associateobserver feed is posted to "store":
      """
      EXTERNAL_OBSERVER_KEY|EXTERNAL_USER_KEY
      plain_person|test_student_100
      nobody|test_student_100
      test_student_100_observer|nobody
      test_student_100_observer|test_student_100_observer
      test_student_100_observer|test_student_100
      """
    Then the feed is accepted
    And the data set status shows 5 completed, 4 errors, 0 warnings and 0 queued
    And the data set log has an error on line 2 about "Observer system role"
    And the data set log has an error on line 3 about "external_observer_key 'nobody': no person with that key exists"
    And the data set log has an error on line 4 about "external_user_key 'nobody': no person with that key exists"
    And the data set log has an error on line 5 about "cannot observe themselves"
    And the observers of "test_student_100" are "test_student_100_observer"

  @portable
  Scenario: Deleting an association that does not exist is a warning
    When the associateobserver feed is posted to "delete":
      """
      EXTERNAL_OBSERVER_KEY|EXTERNAL_USER_KEY
      test_student_100_observer|test_student_400
      """
    Then the data set status shows 1 completed, 0 errors, 1 warnings and 0 queued
    And the data set log has a warning about "nothing to delete"

  # sim-only: needs an integration setting, which on a live target is its administrator's
  @sim-only
  Scenario: Purging a person removes its observer associations
    Given the associateobserver feed has been posted to "store":
      """
      EXTERNAL_OBSERVER_KEY|EXTERNAL_USER_KEY
      test_student_100_observer|test_student_100
      test_student_100_observer|test_student_200
      """
    And the integration "BBLEARN" has the settings:
      | setting          | value                        |
      | delete_behaviour | {"person": "smart_delete"}   |
    When the person feed is posted to "delete":
      """
      EXTERNAL_PERSON_KEY
      test_student_100
      """
    Then there is no user "test_student_100"
    And "test_student_100_observer" observes "test_student_200"

  @portable @doc:001_656f5918d9df3461:observer-disable-delete
  Scenario: Deleting one of two observers of the same student keeps the other
    Given the associateobserver feed has been posted to "store":
      """
      EXTERNAL_OBSERVER_KEY|EXTERNAL_USER_KEY
      test_student_100_observer|test_student_100
      test_student_200_observer|test_student_100
      """
    When the associateobserver feed is posted to "delete":
      """
      EXTERNAL_OBSERVER_KEY|EXTERNAL_USER_KEY
      test_student_200_observer|test_student_100
      """
    Then the feed is accepted
    And the data set status shows 1 completed, 0 errors, 0 warnings and 0 queued
    And the observers of "test_student_100" are "test_student_100_observer"
    And "test_student_200_observer" observes nobody

  @portable
  Scenario: A person without the Observer system role cannot observe, nor can a row without a student
    When the associateobserver feed is posted to "store":
      """
      EXTERNAL_OBSERVER_KEY|EXTERNAL_USER_KEY
      test_student_200|test_student_100
      test_student_100_observer|test_student_100
      test_student_300_observer|
      """
    Then the feed is accepted
    And the data set status shows 3 completed, 2 errors, 0 warnings and 0 queued
    And "test_student_300_observer" observes nobody
    And the observers of "test_student_100" are "test_student_100_observer"
    And "test_student_200" observes nobody

  # sim-only: needs a second SIS integration; a live target file names one
  @sim-only @destructive @doc:001_656f5918d9df3461:observer-disable-refresh
  Scenario: A refresh of observer associations leaves the associations of another integration alone
    Given an SIS integration "HR" with data source "HR.PERSONS"
    And "HR" has posted the associateobserver feed to "store":
      """
      EXTERNAL_OBSERVER_KEY|EXTERNAL_USER_KEY
      test_student_100_observer|test_student_100
      """
    And the associateobserver feed has been posted to "store":
      """
      EXTERNAL_OBSERVER_KEY|EXTERNAL_USER_KEY
      test_student_200_observer|test_student_200
      """
    When the associateobserver feed is posted to "refresh":
      """
      EXTERNAL_OBSERVER_KEY|EXTERNAL_USER_KEY
      test_student_300_observer|test_student_300
      """
    Then the feed is accepted
    And the observers of "test_student_100" are "test_student_100_observer"
    And "test_student_200" has no observers
    And the observers of "test_student_300" are "test_student_300_observer"
