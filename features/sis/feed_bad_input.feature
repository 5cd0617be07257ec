Feature: Bad feed input
  Each row stands on its own: a bad row is logged with its line and the reason, and the
  others still apply. A file that lacks a required header is refused whole and changes
  nothing (SPEC 1.3).

  Background:
    Given an SIS integration "BBLEARN" with data source "SIS.PERSONS"
    And the person feed has been posted to "store":
      """
      EXTERNAL_PERSON_KEY|USER_ID|PASSWD|FIRSTNAME|LASTNAME
      testPerson1|aanderson_test|changeme|Alpha|Anderson
      testPerson2|bbrown_test|changeme|Beta|Brown
      """
    And the users are remembered as they are now

  @live-unknown @destructive
  Scenario: A refresh without a required header is refused whole and disables nothing
    When the person feed is posted to "refresh":
      """
      EXTERNAL_PERSON_KEY|USER_ID|PASSWD|FIRSTNAME
      testPerson1|aanderson_test|changeme|Alpha
      testPerson3|gcarlin_test|changeme|Gamma
      """
    Then the feed is accepted
    And the data set status shows 2 completed, 2 errors, 0 warnings and 0 queued
    And the user "aanderson_test" is exactly as it was remembered
    And the user "bbrown_test" is exactly as it was remembered
    And there is no user "gcarlin_test"

  @portable
  Scenario: The log names the missing header
    When the person feed is posted to "store":
      """
      EXTERNAL_PERSON_KEY|FIRSTNAME|LASTNAME
      testPerson3|Gamma|Carlin
      """
    Then the data set log has an error about "required header user_id is missing"
    And there is no user "gcarlin_test"

  @portable
  Scenario: A row with a value outside an enumeration is an error; the other rows apply
    When the person feed is posted to "store":
      """
      EXTERNAL_PERSON_KEY|USER_ID|PASSWD|FIRSTNAME|LASTNAME|AVAILABLE_IND
      testPerson3|gcarlin_test|changeme|Gamma|Carlin|maybe
      testPerson4|ddarling_test|changeme|Delta|Darling|n
      """
    Then the feed is accepted
    And the data set status shows 2 completed, 1 errors, 0 warnings and 0 queued
    And there is no user "gcarlin_test"
    And the users are:
      | userName      | available |
      | ddarling_test | No        |

  @portable
  Scenario Outline: <column> takes only its listed values
    When the person feed is posted to "store":
      """
      EXTERNAL_PERSON_KEY|USER_ID|PASSWD|FIRSTNAME|LASTNAME|<column>
      testPerson3|gcarlin_test|changeme|Gamma|Carlin|<bad>
      testPerson4|ddarling_test|changeme|Delta|Darling|<good>
      """
    Then the feed is accepted
    And the data set status shows 2 completed, 1 errors, 0 warnings and 0 queued
    And there is no user "gcarlin_test"
    And Learn holds 3 users

    Examples:
      | column           | bad    | good     |
      | ROW_STATUS       | gone   | ENABLED  |
      | SYSTEM_ROLE      | wizard | observer |
      | PWENCRYPTIONTYPE | rot13  | SSHA     |

  @portable
  Scenario Outline: A row with an empty <field> is an error; the other rows apply
    When the person feed is posted to "store":
      """
      EXTERNAL_PERSON_KEY|USER_ID|PASSWD|FIRSTNAME|LASTNAME
      <row>
      testPerson4|ddarling_test|changeme|Delta|Darling
      """
    Then the feed is accepted
    And the data set status shows 2 completed, 1 errors, 0 warnings and 0 queued
    And Learn holds 3 users
    And the users are:
      | userName      | given |
      | ddarling_test | Delta |

    Examples:
      | field     | row                                               |
      | USER_ID   | testPerson3\|\|changeme\|Gamma\|Carlin        |
      | FIRSTNAME | testPerson3\|gcarlin_test\|changeme\|\|Carlin |
      | LASTNAME  | testPerson3\|gcarlin_test\|changeme\|Gamma\|  |
      | key       | \|gcarlin_test\|changeme\|Gamma\|Carlin       |

  @portable
  Scenario: The log names the line, the field and the accepted values
    When the person feed is posted to "store":
      """
      EXTERNAL_PERSON_KEY|USER_ID|PASSWD|FIRSTNAME|LASTNAME|SYSTEM_ROLE

      testPerson3|gcarlin_test|changeme|Gamma|Carlin|wizard
      """
    Then the data set log has an error on line 3 about "system_role 'wizard' is not one of"

  @portable
  Scenario: A value longer than its field allows is an error for its row
    When the person feed is posted to "store":
      """
      EXTERNAL_PERSON_KEY|USER_ID|PASSWD|FIRSTNAME|LASTNAME
      testPerson3|gcarlin_test_with_a_user_name_that_is_far_longer_than_fifty|changeme|Gamma|Carlin
      testPerson4|ddarling_test|changeme|Delta|Darling
      """
    Then the data set status shows 2 completed, 1 errors, 0 warnings and 0 queued
    And Learn holds 3 users

  @portable
  Scenario: A row with more or fewer fields than the header is an error for its row
    When the person feed is posted to "store":
      """
      EXTERNAL_PERSON_KEY|USER_ID|PASSWD|FIRSTNAME|LASTNAME
      testPerson3|gcarlin_test|changeme|Gamma
      testPerson4|ddarling_test|changeme|Delta|Darling|extra
      testPerson5|eecho_test|changeme|Epsilon|Echo
      """
    Then the data set status shows 3 completed, 2 errors, 0 warnings and 0 queued
    And the users are:
      | userName   | given   |
      | eecho_test | Epsilon |
    And there is no user "gcarlin_test"
    And there is no user "ddarling_test"

  @live-unknown
  Scenario: An unknown header is a warning and its column is ignored
    When the person feed is posted to "store":
      """
      EXTERNAL_PERSON_KEY|USER_ID|PASSWD|FIRSTNAME|LASTNAME|AVAILABILITY_IND|SHOE_SIZE
      testPerson3|gcarlin_test|changeme|Gamma|Carlin|N|44
      """
    Then the feed is accepted
    And the data set status shows 1 completed, 0 errors, 2 warnings and 0 queued
    And the users are:
      | userName     | available |
      | gcarlin_test | Yes       |

  @live-unknown
  Scenario: The same key twice in one file: the later row wins, with a warning
    When the person feed is posted to "store":
      """
      EXTERNAL_PERSON_KEY|USER_ID|PASSWD|FIRSTNAME|LASTNAME
      testPerson3|gcarlin_test|changeme|Gamma|Carlin
      testPerson3|gcarlin_test|changeme|Gamma|Carlin-Cole
      """
    Then the data set status shows 2 completed, 0 errors, 1 warnings and 0 queued
    And the users are:
      | userName     | family      |
      | gcarlin_test | Carlin-Cole |

  @portable
  Scenario: A user_id that already belongs to another person is an error
    When the person feed is posted to "store":
      """
      EXTERNAL_PERSON_KEY|USER_ID|PASSWD|FIRSTNAME|LASTNAME
      testPerson3|aanderson_test|changeme|Gamma|Carlin
      """
    Then the data set status shows 1 completed, 1 errors, 0 warnings and 0 queued
    And the user "aanderson_test" is exactly as it was remembered

  @portable
  Scenario: An institution role that does not exist is an error
    When the person feed is posted to "store":
      """
      EXTERNAL_PERSON_KEY|USER_ID|PASSWD|FIRSTNAME|LASTNAME|INSTITUTION_ROLE
      testPerson3|gcarlin_test|changeme|Gamma|Carlin|astronaut
      testPerson4|ddarling_test|changeme|Delta|Darling|faculty
      """
    Then the data set status shows 2 completed, 1 errors, 0 warnings and 0 queued
    And the users are:
      | userName      | institutionRoles |
      | ddarling_test | FACULTY          |

  @portable
  Scenario: Wrong credentials are refused with a Basic challenge and change nothing
    When the person feed is posted to "store" with the wrong password:
      """
      EXTERNAL_PERSON_KEY|USER_ID|PASSWD|FIRSTNAME|LASTNAME
      testPerson3|gcarlin_test|changeme|Gamma|Carlin
      """
    Then the feed is refused with HTTP 401
    And the answer has the header "WWW-Authenticate" starting with "Basic"
    And there is no user "gcarlin_test"

  @portable
  Scenario: A post without credentials is refused with a Basic challenge
    When the person feed is posted to "store" without credentials:
      """
      EXTERNAL_PERSON_KEY|USER_ID|PASSWD|FIRSTNAME|LASTNAME
      testPerson3|gcarlin_test|changeme|Gamma|Carlin
      """
    Then the feed is refused with HTTP 401
    And the answer has the header "WWW-Authenticate" starting with "Basic"

  @live-unknown
  Scenario: An unknown object is a 404 naming the accepted objects
    When the planet feed is posted to "store":
      """
      EXTERNAL_PLANET_KEY
      mars
      """
    Then the feed is refused with HTTP 404
    And the answer says "person"

  @live-unknown
  Scenario: An unknown operation is a 404 naming the accepted operations
    When the person feed is posted to "upsert":
      """
      EXTERNAL_PERSON_KEY|USER_ID|PASSWD|FIRSTNAME|LASTNAME
      testPerson3|gcarlin_test|changeme|Gamma|Carlin
      """
    Then the feed is refused with HTTP 404
    And the answer says "refreshlegacy"

  # sim-only: needs an integration setting, which on a live target is its administrator's
  @sim-only
  Scenario: An inactive integration refuses feeds and nothing changes
    Given the integration "BBLEARN" has the settings:
      | setting | value      |
      | status  | "inactive" |
    When the person feed is posted to "store":
      """
      EXTERNAL_PERSON_KEY|USER_ID|PASSWD|FIRSTNAME|LASTNAME
      testPerson3|gcarlin_test|changeme|Gamma|Carlin
      """
    Then the feed is refused with HTTP 403
    And the answer says "inactive"
    And there is no user "gcarlin_test"

  # sim-only: needs an integration setting, which on a live target is its administrator's
  @sim-only
  Scenario: A testing integration accepts and logs feeds but applies nothing
    Given the integration "BBLEARN" has the settings:
      | setting | value     |
      | status  | "testing" |
    When the person feed is posted to "refresh":
      """
      EXTERNAL_PERSON_KEY|USER_ID|PASSWD|FIRSTNAME|LASTNAME
      testPerson3|gcarlin_test|changeme|Gamma|Carlin
      """
    Then the feed is accepted
    And the data set status shows 1 completed, 0 errors, 0 warnings and 0 queued
    And the data set log says "testing status"
    And there is no user "gcarlin_test"
    And the user "aanderson_test" is exactly as it was remembered
    And the user "bbrown_test" is exactly as it was remembered
