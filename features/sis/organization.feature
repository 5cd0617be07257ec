Feature: Organization feeds
  The organization feed keeps Learn's organizations: courses of the community service
  level, with the organization spelling of the key headers (SPEC 7).

  Background:
    Given an SIS integration "BBLEARN" with data source "SIS.ORGS"

  @portable
  Scenario: A store creates organizations that REST shows as organizations
    When the organization feed is posted to "store":
      """
      EXTERNAL_ORGANIZATION_KEY|ORGANIZATION_ID|ORGANIZATION_NAME|AVAILABLE_IND
      CHESS-CLUB|CHESS_CLUB|Chess Club|Y
      """
    Then the feed is accepted
    And the data set status shows 1 completed, 0 errors, 0 warnings and 0 queued
    And the courses are:
      | externalId | courseId   | name       | organization | available |
      | CHESS-CLUB | CHESS_CLUB | Chess Club | true         | Yes       |

  @portable
  Scenario: An organization row naming a course, or with a bad id, is refused
    Given the course feed has been posted to "store":
      """
      EXTERNAL_COURSE_KEY|COURSE_ID|COURSE_NAME
      MATH101-F25|MATH101_F25|Calculus I
      """
    When the organization feed is posted to "store":
      """
      EXTERNAL_ORGANIZATION_KEY|ORGANIZATION_ID|ORGANIZATION_NAME
      MATH101-F25|MATH101_F25|Calculus I
      DRAMA-CLUB|DRAMA&CLUB|Drama Club
      """
    Then the data set status shows 2 completed, 2 errors, 0 warnings and 0 queued
    And the courses are:
      | externalId  | organization |
      | MATH101-F25 | false        |
    And there is no organization "DRAMA-CLUB"

  @sim-only
  Scenario: The log says an organization row names a course
    Given the course feed has been posted to "store":
      """
      EXTERNAL_COURSE_KEY|COURSE_ID|COURSE_NAME
      MATH101-F25|MATH101_F25|Calculus I
      """
    When the organization feed is posted to "store":
      """
      EXTERNAL_ORGANIZATION_KEY|ORGANIZATION_ID|ORGANIZATION_NAME
      MATH101-F25|MATH101_F25|Calculus I
      """
    Then the data set log has an error on line 2 about "external_organization_key 'MATH101-F25' is a course"

  @portable
  Scenario: A delete disables an organization
    Given the organization feed has been posted to "store":
      """
      EXTERNAL_ORGANIZATION_KEY|ORGANIZATION_ID|ORGANIZATION_NAME
      CHESS-CLUB|CHESS_CLUB|Chess Club
      """
    When the organization feed is posted to "delete":
      """
      EXTERNAL_ORGANIZATION_KEY
      CHESS-CLUB
      """
    Then the organization "CHESS-CLUB" is available "Disabled"

  @portable @destructive
  Scenario: A Complete Refresh of organizations disables only organizations, never courses
    Given the course feed has been posted to "store":
      """
      EXTERNAL_COURSE_KEY|COURSE_ID|COURSE_NAME
      MATH101-F25|MATH101_F25|Calculus I
      """
    And the organization feed has been posted to "store":
      """
      EXTERNAL_ORGANIZATION_KEY|ORGANIZATION_ID|ORGANIZATION_NAME
      CHESS-CLUB|CHESS_CLUB|Chess Club
      """
    When the organization feed is posted to "refresh":
      """
      EXTERNAL_ORGANIZATION_KEY|ORGANIZATION_ID|ORGANIZATION_NAME
      DRAMA-CLUB|DRAMA_CLUB|Drama Club
      """
    Then the organization "CHESS-CLUB" is available "Disabled"
    And the organization "DRAMA-CLUB" is available "Yes"
    And the course "MATH101-F25" is available "Yes"

  @portable @destructive
  Scenario: A Complete Refresh By Data Source of organizations keeps other data sources
    Given the organization feed has been posted to "store":
      """
      EXTERNAL_ORGANIZATION_KEY|ORGANIZATION_ID|ORGANIZATION_NAME|DATA_SOURCE_KEY
      CHESS-CLUB|CHESS_CLUB|Chess Club|SIS.ORGS
      ALUMNI|ALUMNI|Alumni|SIS.ALUMNI
      """
    When the organization feed is posted to "refreshlegacy":
      """
      EXTERNAL_ORGANIZATION_KEY|ORGANIZATION_ID|ORGANIZATION_NAME
      DRAMA-CLUB|DRAMA_CLUB|Drama Club
      """
    Then the organization "CHESS-CLUB" is available "Disabled"
    And the organization "ALUMNI" is available "Yes"
