Feature: Organization membership feeds
  The organizationmembership feed enrols persons in organizations, keyed by
  external_organization_key and external_person_key, with the rules of course
  memberships (SPEC 7).

  Background:
    Given an SIS integration "BBLEARN" with data source "SIS.ORGS"
    And the person feed has been posted to "store":
      """
      EXTERNAL_PERSON_KEY|USER_ID|FIRSTNAME|LASTNAME
      stu1|stu1_user|Alpha|Anderson
      stu2|stu2_user|Beta|Brown
      """
    And the organization feed has been posted to "store":
      """
      EXTERNAL_ORGANIZATION_KEY|ORGANIZATION_ID|ORGANIZATION_NAME
      CHESS-CLUB|CHESS_CLUB|Chess Club
      """

  @portable
  Scenario: A store enrols persons in an organization
    When the organizationmembership feed is posted to "store":
      """
      EXTERNAL_ORGANIZATION_KEY|EXTERNAL_PERSON_KEY|ROLE
      CHESS-CLUB|stu1|instructor
      CHESS-CLUB|stu2|student
      """
    Then the data set status shows 2 completed, 0 errors, 0 warnings and 0 queued
    And "stu1" is enrolled in "CHESS-CLUB" as "Instructor", available "Yes"
    And "stu2" is enrolled in "CHESS-CLUB" as "Student", available "Yes"

  @portable
  Scenario: An organization membership naming a course, a missing organization or a missing person is refused
    Given the course feed has been posted to "store":
      """
      EXTERNAL_COURSE_KEY|COURSE_ID|COURSE_NAME
      MATH101-F25|MATH101_F25|Calculus I
      """
    When the organizationmembership feed is posted to "store":
      """
      EXTERNAL_ORGANIZATION_KEY|EXTERNAL_PERSON_KEY
      MATH101-F25|stu1
      DRAMA-CLUB|stu1
      CHESS-CLUB|nobody
      CHESS-CLUB|stu2
      """
    Then the data set status shows 4 completed, 3 errors, 0 warnings and 0 queued
    And "stu1" is not enrolled in "MATH101-F25"
    And "CHESS-CLUB" has 1 members

  @sim-only
  Scenario: The log names what is missing or of the wrong kind
    When the organizationmembership feed is posted to "store":
      """
      EXTERNAL_ORGANIZATION_KEY|EXTERNAL_PERSON_KEY
      DRAMA-CLUB|stu1
      """
    Then the data set log has an error on line 2 about "external_organization_key 'DRAMA-CLUB': no organization with that key exists"

  @portable
  Scenario: A delete disables an organization membership
    Given the organizationmembership feed has been posted to "store":
      """
      EXTERNAL_ORGANIZATION_KEY|EXTERNAL_PERSON_KEY
      CHESS-CLUB|stu1
      """
    When the organizationmembership feed is posted to "delete":
      """
      EXTERNAL_ORGANIZATION_KEY|EXTERNAL_PERSON_KEY
      CHESS-CLUB|stu1
      """
    Then "stu1" is enrolled in "CHESS-CLUB" as "Student", available "Disabled"

  @portable @destructive
  Scenario: A Complete Refresh disables the organization memberships left out, never course memberships
    Given the course feed has been posted to "store":
      """
      EXTERNAL_COURSE_KEY|COURSE_ID|COURSE_NAME
      MATH101-F25|MATH101_F25|Calculus I
      """
    And the membership feed has been posted to "store":
      """
      EXTERNAL_COURSE_KEY|EXTERNAL_PERSON_KEY
      MATH101-F25|stu1
      """
    And the organizationmembership feed has been posted to "store":
      """
      EXTERNAL_ORGANIZATION_KEY|EXTERNAL_PERSON_KEY
      CHESS-CLUB|stu1
      CHESS-CLUB|stu2
      """
    When the organizationmembership feed is posted to "refresh":
      """
      EXTERNAL_ORGANIZATION_KEY|EXTERNAL_PERSON_KEY
      CHESS-CLUB|stu2
      """
    Then "stu1" is enrolled in "CHESS-CLUB" as "Student", available "Disabled"
    And "stu2" is enrolled in "CHESS-CLUB" as "Student", available "Yes"
    And "stu1" is enrolled in "MATH101-F25" as "Student", available "Yes"

  @portable @destructive
  Scenario: A Complete Refresh By Data Source of organization memberships keeps other data sources
    Given the person feed has been posted to "store":
      """
      EXTERNAL_PERSON_KEY|USER_ID|FIRSTNAME|LASTNAME
      stu3|stu3_user|Delta|Darling
      """
    And the organizationmembership feed has been posted to "store":
      """
      EXTERNAL_ORGANIZATION_KEY|EXTERNAL_PERSON_KEY|DATA_SOURCE_KEY
      CHESS-CLUB|stu1|SIS.ORGS
      CHESS-CLUB|stu2|SIS.CLUBS
      """
    When the organizationmembership feed is posted to "refreshlegacy":
      """
      EXTERNAL_ORGANIZATION_KEY|EXTERNAL_PERSON_KEY
      CHESS-CLUB|stu3
      """
    Then "stu1" is enrolled in "CHESS-CLUB" as "Student", available "Disabled"
    And "stu2" is enrolled in "CHESS-CLUB" as "Student", available "Yes"
    And "stu3" is enrolled in "CHESS-CLUB" as "Student", available "Yes"
