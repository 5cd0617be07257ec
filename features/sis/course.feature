Feature: Course feeds
  The course feed creates and keeps Learn's courses (SPEC 7): keyed by
  external_course_key, with a course_id that never changes, a name, an optional term
  (which must exist), availability and row status. A course a feed creates is the
  course REST shows.

  Background:
    Given an SIS integration "BBLEARN" with data source "SIS.COURSES"
    And the term feed has been posted to "store":
      """
      EXTERNAL_TERM_KEY|NAME
      2025-FA|Fall 2025
      """

  @portable
  Scenario: A store creates courses in their term, as REST v3 shows them
    When the course feed is posted to "store":
      """
      external_course_key|COURSE_ID|Course_Name|TERM_KEY|AVAILABLE_IND|DURATION|START_DATE|END_DATE
      MATH101-F25|MATH101_F25|Calculus I|2025-FA|Y|R|20250825|20251215
      HIST200-F25|HIST200_F25|Modern History|2025-FA|N|C||
      """
    Then the feed is accepted
    And the data set status shows 2 completed, 0 errors, 0 warnings and 0 queued
    And the courses are:
      | externalId  | courseId    | name           | term    | available | duration   | organization |
      | MATH101-F25 | MATH101_F25 | Calculus I     | 2025-FA | Yes       | DateRange  | false        |
      | HIST200-F25 | HIST200_F25 | Modern History | 2025-FA | No        | Continuous | false        |

  @portable
  Scenario: A second store updates the name and description and a missing available_ind makes it available
    Given the course feed has been posted to "store":
      """
      EXTERNAL_COURSE_KEY|COURSE_ID|COURSE_NAME|AVAILABLE_IND
      MATH101-F25|MATH101_F25|Calculus I|N
      """
    When the course feed is posted to "store":
      """
      EXTERNAL_COURSE_KEY|COURSE_ID|COURSE_NAME|DESCRIPTION
      MATH101-F25|MATH101_F25|Calculus One|Limits and derivatives
      """
    Then the data set status shows 1 completed, 0 errors, 0 warnings and 0 queued
    And the courses are:
      | externalId  | name         | description            | available |
      | MATH101-F25 | Calculus One | Limits and derivatives | Yes       |

  @portable
  Scenario: A course naming a term that does not exist is refused; the other rows apply
    When the course feed is posted to "store":
      """
      EXTERNAL_COURSE_KEY|COURSE_ID|COURSE_NAME|TERM_KEY
      MATH101-F25|MATH101_F25|Calculus I|2025-FA
      MATH101-S26|MATH101_S26|Calculus I|2026-SP
      """
    Then the data set status shows 2 completed, 1 errors, 0 warnings and 0 queued
    And there is no course "MATH101-S26"
    And the courses are:
      | externalId  | term    |
      | MATH101-F25 | 2025-FA |

  @sim-only
  Scenario: The log names the missing term
    When the course feed is posted to "store":
      """
      EXTERNAL_COURSE_KEY|COURSE_ID|COURSE_NAME|TERM_KEY
      MATH101-S26|MATH101_S26|Calculus I|2026-SP
      """
    Then the data set log has an error on line 2 about "term_key '2026-SP': no term with that key exists"

  @portable
  Scenario: Rows with a bad enumeration, a bad course_id, a taken course_id or a name too long are refused
    Given the course feed has been posted to "store":
      """
      EXTERNAL_COURSE_KEY|COURSE_ID|COURSE_NAME
      MATH101-F25|MATH101_F25|Calculus I
      """
    When the course feed is posted to "store":
      """
      EXTERNAL_COURSE_KEY|COURSE_ID|COURSE_NAME|DURATION|ENROLL_OPTION
      BIO100-F25|BIO100_F25|Biology|X|
      ART100-F25|ART 100|Art||
      MATH102-F25|MATH101_F25|Calculus II||
      CHEM100-F25|CHEM100_F25|Chemistry||sometimes
      """
    Then the data set status shows 4 completed, 4 errors, 0 warnings and 0 queued
    And there is no course "BIO100-F25"
    And there is no course "ART100-F25"
    And there is no course "MATH102-F25"
    And there is no course "CHEM100-F25"

  @sim-only
  Scenario: The log says why each course row was refused
    Given the course feed has been posted to "store":
      """
      EXTERNAL_COURSE_KEY|COURSE_ID|COURSE_NAME
      MATH101-F25|MATH101_F25|Calculus I
      """
    When the course feed is posted to "store":
      """
      EXTERNAL_COURSE_KEY|COURSE_ID|COURSE_NAME|DURATION
      BIO100-F25|BIO100_F25|Biology|X
      ART100-F25|ART 100|Art|
      MATH102-F25|MATH101_F25|Calculus II|
      MATH101-F25|MATH_ONE|Calculus I|
      """
    Then the data set log has an error on line 2 about "duration 'X' is not one of: c, r, d, t"
    And the data set log has an error on line 3 about "course_id 'ART 100' contains a space"
    And the data set log has an error on line 4 about "course_id 'MATH101_F25' already belongs to the course with key 'MATH101-F25'"
    And the data set log has an error on line 5 about "course_id cannot be changed after creation"

  @sim-only
  Scenario: A course name longer than 255 characters is refused
    When the course feed is posted to "store":
      """
      EXTERNAL_COURSE_KEY|COURSE_ID|COURSE_NAME
      MATH101-F25|MATH101_F25|xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
      """
    Then the data set log has an error on line 2 about "course_name is 260 characters long; at most 255 are allowed"
    And there is no course "MATH101-F25"

  @portable
  Scenario: A delete disables the courses it names; REST shows them as Disabled
    Given the course feed has been posted to "store":
      """
      EXTERNAL_COURSE_KEY|COURSE_ID|COURSE_NAME
      MATH101-F25|MATH101_F25|Calculus I
      HIST200-F25|HIST200_F25|Modern History
      """
    When the course feed is posted to "delete":
      """
      EXTERNAL_COURSE_KEY
      MATH101-F25
      """
    Then the data set status shows 1 completed, 0 errors, 0 warnings and 0 queued
    And the course "MATH101-F25" is available "Disabled"
    And the course "HIST200-F25" is available "Yes"

  @portable @destructive
  Scenario: A Complete Refresh disables the integration's courses that the file leaves out
    Given the course feed has been posted to "store":
      """
      EXTERNAL_COURSE_KEY|COURSE_ID|COURSE_NAME
      MATH101-F25|MATH101_F25|Calculus I
      HIST200-F25|HIST200_F25|Modern History
      """
    When the course feed is posted to "refresh":
      """
      EXTERNAL_COURSE_KEY|COURSE_ID|COURSE_NAME
      HIST200-F25|HIST200_F25|Modern History
      """
    Then the data set status shows 1 completed, 0 errors, 0 warnings and 0 queued
    And the course "MATH101-F25" is available "Disabled"
    And the course "HIST200-F25" is available "Yes"

  @portable @destructive
  Scenario: A Complete Refresh By Data Source leaves the courses of other data sources alone
    Given the course feed has been posted to "store":
      """
      EXTERNAL_COURSE_KEY|COURSE_ID|COURSE_NAME|DATA_SOURCE_KEY
      MATH101-F25|MATH101_F25|Calculus I|SIS.COURSES
      CE100-F25|CE100_F25|Continuing education|SIS.CE
      """
    When the course feed is posted to "refreshlegacy":
      """
      EXTERNAL_COURSE_KEY|COURSE_ID|COURSE_NAME
      HIST200-F25|HIST200_F25|Modern History
      """
    Then the data set status shows 1 completed, 0 errors, 0 warnings and 0 queued
    And the course "MATH101-F25" is available "Disabled"
    And the course "CE100-F25" is available "Yes"
    And the course "HIST200-F25" is available "Yes"

  @sim-only
  Scenario: A course a feed created is the course the connector and REST see, and a smart delete purges it
    Given the integration "BBLEARN" has the settings:
      | setting          | value                      |
      | delete_behaviour | {"course": "smart_delete"} |
    And the course feed has been posted to "store":
      """
      EXTERNAL_COURSE_KEY|COURSE_ID|COURSE_NAME
      MATH101-F25|MATH101_F25|Calculus I
      """
    When the course feed is posted to "delete":
      """
      EXTERNAL_COURSE_KEY
      MATH101-F25
      """
    Then there is no course "MATH101-F25"

  @sim-only
  Scenario: A refresh in which no row was applied disables no course
    Given the course feed has been posted to "store":
      """
      EXTERNAL_COURSE_KEY|COURSE_ID|COURSE_NAME
      MATH101-F25|MATH101_F25|Calculus I
      """
    When the course feed is posted to "refresh":
      """
      EXTERNAL_COURSE_KEY|COURSE_ID|COURSE_NAME
      HIST200-F25|HIST 200|Modern History
      """
    Then the data set status shows 1 completed, 1 errors, 1 warnings and 0 queued
    And the course "MATH101-F25" is available "Yes"
    And the data set log has a warning about "the refresh phase was skipped"
