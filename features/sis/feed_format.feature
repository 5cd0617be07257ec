Feature: Feed file format and the feed endpoint's answers
  The reader takes the header row's columns in any order and any case, skips blank lines,
  accepts \n and \r\n, UTF-8 (with or without a BOM), UTF-16 with a BOM and ISO-8859-1,
  and splits on the integration's delimiter. The endpoint answers exactly as Learn does.

  Background:
    Given an SIS integration "BBLEARN" with data source "SIS.PERSONS"

  @portable
  Scenario: The success text and the data set status are Learn's
    When the person feed is posted to "store":
      """
      EXTERNAL_PERSON_KEY|USER_ID|PASSWD|FIRSTNAME|LASTNAME
      testPerson1|aanderson_test|changeme|Alpha|Anderson
      """
    Then the feed is accepted
    And the data set status is Learn's XML
    And the data set status of an unknown reference code is HTTP 404

  @portable
  Scenario: Columns come in any order and case, with blank lines and stray spaces
    When the person feed is posted to "store":
      """

       lastname | FirstName|user_id|External_Person_Key

      Anderson|Alpha|aanderson_test|testPerson1

      Brown |Beta| bbrown_test|testPerson2
      """
    Then the feed is accepted
    And the data set status shows 2 completed, 0 errors, 0 warnings and 0 queued
    And the users are:
      | userName       | externalId  | given | family   |
      | aanderson_test | testPerson1 | Alpha | Anderson |
      | bbrown_test    | testPerson2 | Beta  | Brown    |

  @portable
  Scenario: CRLF line endings
    When the person feed is posted to "store" with CRLF line endings:
      """
      EXTERNAL_PERSON_KEY|USER_ID|FIRSTNAME|LASTNAME
      testPerson1|aanderson_test|Alpha|Anderson
      """
    Then the feed is accepted
    And the users are:
      | userName       | family   |
      | aanderson_test | Anderson |

  @portable
  Scenario Outline: Names with accents survive <encoding>
    When the person feed is posted to "store" encoded as <encoding>:
      """
      EXTERNAL_PERSON_KEY|USER_ID|FIRSTNAME|LASTNAME
      testPerson7|zoe_test|Zoë|Ångström-Núñez
      """
    Then the feed is accepted
    And the users are:
      | userName | given | family         |
      | zoe_test | Zoë   | Ångström-Núñez |

    Examples:
      | encoding         |
      | UTF-8            |
      | UTF-8 with a BOM |
      | UTF-16           |
      | ISO-8859-1       |

  # sim-only: needs an integration setting, which on a live target is its administrator's
  @sim-only
  Scenario Outline: The integration's delimiter setting <delimiter>
    Given the integration "BBLEARN" has the settings:
      | setting   | value       |
      | delimiter | <delimiter> |
    When the person feed is posted to "store":
      """
      EXTERNAL_PERSON_KEY<d>USER_ID<d>FIRSTNAME<d>LASTNAME
      testPerson1<d>aanderson_test<d>Alpha<d>Anderson
      """
    Then the feed is accepted
    And the data set status shows 1 completed, 0 errors, 0 warnings and 0 queued

    Examples:
      | delimiter | d |
      | "comma"   | , |
      | "colon"   | : |
      | ";"       | ; |

  # sim-only: needs an integration setting, which on a live target is its administrator's
  @sim-only
  Scenario: Background processing keeps rows queued until their time comes
    Given the integration "BBLEARN" has the settings:
      | setting                  | value        |
      | processing               | "background" |
      | background_delay_seconds | 60           |
    When the person feed is posted to "store":
      """
      EXTERNAL_PERSON_KEY|USER_ID|FIRSTNAME|LASTNAME
      testPerson1|aanderson_test|Alpha|Anderson
      testPerson2|bbrown_test|Beta|Brown
      """
    Then the feed is accepted
    And the data set status shows 0 completed, 0 errors, 0 warnings and 2 queued
    And there is no user "aanderson_test"
    When 61 seconds pass
    Then the data set status shows 2 completed, 0 errors, 0 warnings and 0 queued
    And the users are:
      | userName       | available |
      | aanderson_test | Yes       |

  @portable
  Scenario: A file with only a header changes nothing
    When the person feed is posted to "store":
      """
      EXTERNAL_PERSON_KEY|USER_ID|FIRSTNAME|LASTNAME
      """
    Then the feed is accepted
    And the data set status shows 0 completed, 0 errors, 0 warnings and 0 queued
    And Learn holds 0 users

  @portable
  Scenario: Every person field of the feed reaches Learn
    Given the institution role "ENGINEERING_STUDENT" exists
    When the person feed is posted to "store":
      """
      EXTERNAL_PERSON_KEY|USER_ID|FIRSTNAME|LASTNAME|MIDDLENAME|EMAIL|STUDENT_ID|M_PHONE|SYSTEM_ROLE|INSTITUTION_ROLE
      testPerson1|aanderson_test|Alpha|Anderson|Ann|aa@example.edu|S0001|+1 202 555 0101|course_creator|engineering_student
      """
    Then the feed is accepted
    And the users are:
      | userName       | middle | email          | studentId | mobilePhone     | systemRole    | institutionRoles    |
      | aanderson_test | Ann    | aa@example.edu | S0001     | +1 202 555 0101 | CourseCreator | ENGINEERING_STUDENT |
