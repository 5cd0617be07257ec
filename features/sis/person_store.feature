Feature: Person Store
  Store creates or updates the persons a file names and leaves every other record alone
  (seed 001, "Store operation examples").

  Background:
    Given an SIS integration "BBLEARN" with data source "SIS.PERSONS"

  @portable @doc:001_656f5918d9df3461:store-example-1
  Scenario: Store example 1 creates three person accounts that can log in
    When the person feed is posted to "store":
      """
      EXTERNAL_PERSON_KEY|USER_ID|PASSWD|FIRSTNAME|LASTNAME
      testPerson1|aanderson_test|changeme|Alpha|Anderson
      testPerson2|bbrown_test|changeme|Beta|Brown
      testPerson3|gcarlin_test|changeme|Gamma|Carlin
      """
    Then the feed is accepted
    And the data set status shows 3 completed, 0 errors, 0 warnings and 0 queued
    And the users are:
      | userName       | externalId  | given | family   | available |
      | aanderson_test | testPerson1 | Alpha | Anderson | Yes       |
      | bbrown_test    | testPerson2 | Beta  | Brown    | Yes       |
      | gcarlin_test   | testPerson3 | Gamma | Carlin   | Yes       |
    And the user "aanderson_test" is in data source "SIS.PERSONS"

  @sim-only @doc:001_656f5918d9df3461:store-example-1
  Scenario: Persons created by Store example 1 log in with the password of the file
    When the person feed is posted to "store":
      """
      EXTERNAL_PERSON_KEY|USER_ID|PASSWD|FIRSTNAME|LASTNAME
      testPerson1|aanderson_test|changeme|Alpha|Anderson
      testPerson2|bbrown_test|changeme|Beta|Brown
      testPerson3|gcarlin_test|changeme|Gamma|Carlin
      """
    Then "aanderson_test" can log in with "changeme"
    And "bbrown_test" can log in with "changeme"
    And "gcarlin_test" cannot log in with "wrong" because "wrong password"

  @portable @doc:001_656f5918d9df3461:store-example-2
  Scenario: Store example 2 adds an email to one person and leaves the others untouched
    Given the person feed has been posted to "store":
      """
      EXTERNAL_PERSON_KEY|USER_ID|PASSWD|FIRSTNAME|LASTNAME
      testPerson1|aanderson_test|changeme|Alpha|Anderson
      testPerson2|bbrown_test|changeme|Beta|Brown
      testPerson3|gcarlin_test|changeme|Gamma|Carlin
      """
    And the users are remembered as they are now
    When the person feed is posted to "store":
      """
      EXTERNAL_PERSON_KEY|USER_ID|PASSWD|FIRSTNAME|LASTNAME|EMAIL
      testPerson1|aanderson_test|changeme|Alpha|Anderson|aanderson_test@example.edu
      """
    Then the feed is accepted
    And the data set status shows 1 completed, 0 errors, 0 warnings and 0 queued
    And the users are:
      | userName       | email                      |
      | aanderson_test | aanderson_test@example.edu |
    And the user "bbrown_test" is exactly as it was remembered
    And the user "gcarlin_test" is exactly as it was remembered
