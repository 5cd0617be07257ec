Feature: Term feeds
  The term feed creates and keeps Learn's terms (SPEC 7): keyed by external_term_key,
  with a name, an availability, a duration and a row status. Store, Complete Refresh,
  Complete Refresh By Data Source and Delete act on terms as they act on persons.

  Background:
    Given an SIS integration "BBLEARN" with data source "SIS.TERMS"

  @portable
  Scenario: A store creates terms with their duration and availability; header names ignore case
    When the term feed is posted to "store":
      """
      External_Term_Key|NAME|duration|START_DATE|END_DATE|Available_Ind
      2025-FA|Fall 2025|Range|20250825|20251215|Y
      2026-SP|Spring 2026|continuous|||N
      """
    Then the feed is accepted
    And the data set status shows 2 completed, 0 errors, 0 warnings and 0 queued
    And the terms are:
      | externalId | name        | available | duration   |
      | 2025-FA    | Fall 2025   | Yes       | DateRange  |
      | 2026-SP    | Spring 2026 | No        | Continuous |

  @portable
  Scenario: A second store updates a term and a row status of disabled makes it unavailable
    Given the term feed has been posted to "store":
      """
      EXTERNAL_TERM_KEY|NAME
      2025-FA|Fall 2025
      """
    When the term feed is posted to "store":
      """
      EXTERNAL_TERM_KEY|NAME|DESCRIPTION|ROW_STATUS
      2025-FA|Autumn 2025|The autumn term|disabled
      """
    Then the data set status shows 1 completed, 0 errors, 0 warnings and 0 queued
    And the terms are:
      | externalId | name        | available | description     |
      | 2025-FA    | Autumn 2025 | No        | The autumn term |

  @portable
  Scenario: A term row with a bad value is refused, naming the field; the other rows apply
    When the term feed is posted to "store":
      """
      EXTERNAL_TERM_KEY|NAME|DURATION|TERM_TYPE|START_DATE
      2025-FA|Fall 2025|range|s|20250825
      2025-SU|Summer 2025|sometimes||
      2025-XX|Bad date|||2025-08-25
      2025-YY|Bad type||z|
      """
    Then the feed is accepted
    And the data set status shows 4 completed, 3 errors, 0 warnings and 0 queued
    And the terms are:
      | externalId | name      |
      | 2025-FA    | Fall 2025 |
    And there is no term "2025-SU"
    And there is no term "2025-XX"
    And there is no term "2025-YY"

  @sim-only
  Scenario: The log names each refused term field and the accepted values
    When the term feed is posted to "store":
      """
      EXTERNAL_TERM_KEY|NAME|DURATION|EXTERNAL_PARENT_TERM_KEY
      2025-SU|Summer 2025|sometimes|
      2025 WI|Winter 2025||
      2025-AU|Autumn 2025||2025-YEAR
      """
    Then the data set log has an error on line 2 about "duration 'sometimes' is not one of: continuous, range, fixed"
    And the data set log has an error on line 3 about "term key '2025 WI' may contain only letters"
    And the data set log has an error on line 4 about "external_parent_term_key '2025-YEAR': no term with that key exists"

  @sim-only
  Scenario: A term name longer than 333 characters is refused
    When the term feed is posted to "store":
      """
      EXTERNAL_TERM_KEY|NAME
      2025-FA|Fall 2025 xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
      """
    Then the data set status shows 1 completed, 1 errors, 0 warnings and 0 queued
    And the data set log has an error on line 2 about "name is 340 characters long; at most 333 are allowed"
    And there is no term "2025-FA"

  @portable @destructive
  Scenario: A Complete Refresh disables the integration's terms that the file leaves out
    Given the term feed has been posted to "store":
      """
      EXTERNAL_TERM_KEY|NAME
      2025-FA|Fall 2025
      2026-SP|Spring 2026
      """
    When the term feed is posted to "refresh":
      """
      EXTERNAL_TERM_KEY|NAME
      2026-SP|Spring 2026
      2026-SU|Summer 2026
      """
    Then the data set status shows 2 completed, 0 errors, 0 warnings and 0 queued
    And the terms are:
      | externalId | available |
      | 2025-FA    | No        |
      | 2026-SP    | Yes       |
      | 2026-SU    | Yes       |

  @portable @destructive
  Scenario: A Complete Refresh By Data Source leaves the terms of other data sources alone
    Given the term feed has been posted to "store":
      """
      EXTERNAL_TERM_KEY|NAME|DATA_SOURCE_KEY
      2025-FA|Fall 2025|SIS.TERMS
      2025-CE|Continuing education|SIS.CE
      """
    When the term feed is posted to "refreshlegacy":
      """
      EXTERNAL_TERM_KEY|NAME
      2026-SP|Spring 2026
      """
    Then the data set status shows 1 completed, 0 errors, 0 warnings and 0 queued
    And the terms are:
      | externalId | available |
      | 2025-FA    | No        |
      | 2025-CE    | Yes       |
      | 2026-SP    | Yes       |

  @portable
  Scenario: A delete disables the terms it names; a later store enables them again
    Given the term feed has been posted to "store":
      """
      EXTERNAL_TERM_KEY|NAME
      2025-FA|Fall 2025
      2026-SP|Spring 2026
      """
    When the term feed is posted to "delete":
      """
      EXTERNAL_TERM_KEY
      2025-FA
      """
    Then the data set status shows 1 completed, 0 errors, 0 warnings and 0 queued
    And the term "2025-FA" is available "No"
    And the term "2026-SP" is available "Yes"
    When the term feed is posted to "store":
      """
      EXTERNAL_TERM_KEY|NAME
      2025-FA|Fall 2025
      """
    Then the term "2025-FA" is available "Yes"

  @sim-only
  Scenario: A smart delete purges a term and its courses keep going without it
    Given the integration "BBLEARN" has the settings:
      | setting          | value                          |
      | delete_behaviour | {"term": "smart_delete"}       |
    And the term feed has been posted to "store":
      """
      EXTERNAL_TERM_KEY|NAME
      2025-FA|Fall 2025
      """
    And the course feed has been posted to "store":
      """
      EXTERNAL_COURSE_KEY|COURSE_ID|COURSE_NAME|TERM_KEY
      MATH101-F25|MATH101_F25|Calculus I|2025-FA
      """
    When the term feed is posted to "delete":
      """
      EXTERNAL_TERM_KEY
      2025-FA
      """
    Then there is no term "2025-FA"
    And the courses are:
      | externalId  | term |
      | MATH101-F25 |      |
