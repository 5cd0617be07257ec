Feature: Course membership feeds
  The membership feed enrols persons in courses (SPEC 7): keyed by external_course_key
  and external_person_key, with a course role, availability and row status. The course
  and the person must exist; a disabled person or course cannot gain a membership;
  disabling a course shows its memberships as disabled.

  Background:
    Given an SIS integration "BBLEARN" with data source "SIS.ENROL"
    And the person feed has been posted to "store":
      """
      EXTERNAL_PERSON_KEY|USER_ID|FIRSTNAME|LASTNAME
      stu1|stu1_user|Alpha|Anderson
      stu2|stu2_user|Beta|Brown
      prof1|prof1_user|Gamma|Carlin
      """
    And the course feed has been posted to "store":
      """
      EXTERNAL_COURSE_KEY|COURSE_ID|COURSE_NAME
      MATH101-F25|MATH101_F25|Calculus I
      HIST200-F25|HIST200_F25|Modern History
      """

  @portable
  Scenario: A store enrols persons with their roles, as REST shows them
    When the membership feed is posted to "store":
      """
      External_Course_Key|EXTERNAL_PERSON_KEY|Role|AVAILABLE_IND
      MATH101-F25|prof1|instructor|Y
      MATH101-F25|stu1|Student|Y
      MATH101-F25|stu2|student|N
      HIST200-F25|stu1|teaching_assistant|
      """
    Then the feed is accepted
    And the data set status shows 4 completed, 0 errors, 0 warnings and 0 queued
    And "prof1" is enrolled in "MATH101-F25" as "Instructor", available "Yes"
    And "stu1" is enrolled in "MATH101-F25" as "Student", available "Yes"
    And "stu2" is enrolled in "MATH101-F25" as "Student", available "No"
    And "stu1" is enrolled in "HIST200-F25" as "TeachingAssistant", available "Yes"
    And "MATH101-F25" has 3 members

  @portable
  Scenario: A second store changes the role; a row without a role keeps it
    Given the membership feed has been posted to "store":
      """
      EXTERNAL_COURSE_KEY|EXTERNAL_PERSON_KEY|ROLE
      MATH101-F25|stu1|student
      MATH101-F25|stu2|student
      """
    When the membership feed is posted to "store":
      """
      EXTERNAL_COURSE_KEY|EXTERNAL_PERSON_KEY|ROLE
      MATH101-F25|stu1|grader
      MATH101-F25|stu2|
      """
    Then the data set status shows 2 completed, 0 errors, 0 warnings and 0 queued
    And "stu1" is enrolled in "MATH101-F25" as "Grader", available "Yes"
    And "stu2" is enrolled in "MATH101-F25" as "Student", available "Yes"

  @portable
  Scenario: A membership naming a course or a person that does not exist is refused; the others apply
    When the membership feed is posted to "store":
      """
      EXTERNAL_COURSE_KEY|EXTERNAL_PERSON_KEY|ROLE
      MATH101-F25|stu1|student
      NOPE101-F25|stu1|student
      MATH101-F25|nobody|student
      """
    Then the data set status shows 3 completed, 2 errors, 0 warnings and 0 queued
    And "stu1" is enrolled in "MATH101-F25" as "Student", available "Yes"
    And "MATH101-F25" has 1 members
    And there is no course "NOPE101-F25"

  @sim-only
  Scenario: The log names the missing course and the missing person
    When the membership feed is posted to "store":
      """
      EXTERNAL_COURSE_KEY|EXTERNAL_PERSON_KEY
      NOPE101-F25|stu1
      MATH101-F25|nobody
      """
    Then the data set log has an error on line 2 about "external_course_key 'NOPE101-F25': no course with that key exists"
    And the data set log has an error on line 3 about "external_person_key 'nobody': no person with that key exists"

  @portable
  Scenario: A bad role or a primary instructor who is no instructor is refused
    When the membership feed is posted to "store":
      """
      EXTERNAL_COURSE_KEY|EXTERNAL_PERSON_KEY|ROLE|PRIMARY_INSTRUCTOR
      MATH101-F25|stu1|boss|
      MATH101-F25|stu2|student|Y
      MATH101-F25|prof1|instructor|Y
      """
    Then the data set status shows 3 completed, 2 errors, 0 warnings and 0 queued
    And "prof1" is enrolled in "MATH101-F25" as "Instructor", available "Yes"
    And "MATH101-F25" has 1 members

  @sim-only
  Scenario: The log names the bad role and the accepted ones, and a key too long
    When the membership feed is posted to "store":
      """
      EXTERNAL_COURSE_KEY|EXTERNAL_PERSON_KEY|ROLE|PRIMARY_INSTRUCTOR
      MATH101-F25|stu1|boss|
      MATH101-F25|stu2|student|Y
      MATH101-F25|xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx|student|
      """
    Then the data set log has an error on line 2 about "role 'boss' is not one of: instructor, teaching_assistant, course_builder, grader, student, guest, none"
    And the data set log has an error on line 3 about "primary_instructor Y needs the instructor role"
    And the data set log has an error on line 4 about "external_person_key is 69 characters long; at most 64 are allowed"

  @portable
  Scenario: A disabled person or a disabled course cannot gain a membership
    Given the person feed has been posted to "store":
      """
      EXTERNAL_PERSON_KEY|USER_ID|FIRSTNAME|LASTNAME|ROW_STATUS
      stu2|stu2_user|Beta|Brown|disabled
      """
    And the course feed has been posted to "delete":
      """
      EXTERNAL_COURSE_KEY
      HIST200-F25
      """
    When the membership feed is posted to "store":
      """
      EXTERNAL_COURSE_KEY|EXTERNAL_PERSON_KEY
      MATH101-F25|stu2
      HIST200-F25|stu1
      MATH101-F25|stu1
      """
    Then the data set status shows 3 completed, 2 errors, 0 warnings and 0 queued
    And "stu1" is enrolled in "MATH101-F25" as "Student", available "Yes"
    And "stu2" is not enrolled in "MATH101-F25"
    And "stu1" is not enrolled in "HIST200-F25"

  @sim-only
  Scenario: The log says which one is disabled
    Given the person feed has been posted to "store":
      """
      EXTERNAL_PERSON_KEY|USER_ID|FIRSTNAME|LASTNAME|ROW_STATUS
      stu2|stu2_user|Beta|Brown|disabled
      """
    And the course feed has been posted to "delete":
      """
      EXTERNAL_COURSE_KEY
      HIST200-F25
      """
    When the membership feed is posted to "store":
      """
      EXTERNAL_COURSE_KEY|EXTERNAL_PERSON_KEY
      MATH101-F25|stu2
      HIST200-F25|stu1
      """
    Then the data set log has an error on line 2 about "person 'stu2' is disabled and cannot gain a membership"
    And the data set log has an error on line 3 about "'HIST200-F25' is disabled and cannot gain members"

  @portable
  Scenario: Disabling a course shows its memberships as disabled; enabling it again brings them back
    Given the membership feed has been posted to "store":
      """
      EXTERNAL_COURSE_KEY|EXTERNAL_PERSON_KEY
      MATH101-F25|stu1
      """
    When the course feed is posted to "delete":
      """
      EXTERNAL_COURSE_KEY
      MATH101-F25
      """
    Then the course "MATH101-F25" is available "Disabled"
    And "stu1" is enrolled in "MATH101-F25" as "Student", available "Disabled"
    When the course feed is posted to "store":
      """
      EXTERNAL_COURSE_KEY|COURSE_ID|COURSE_NAME
      MATH101-F25|MATH101_F25|Calculus I
      """
    Then "stu1" is enrolled in "MATH101-F25" as "Student", available "Yes"

  @portable
  Scenario: A delete disables the membership, never the course or the person
    Given the membership feed has been posted to "store":
      """
      EXTERNAL_COURSE_KEY|EXTERNAL_PERSON_KEY
      MATH101-F25|stu1
      MATH101-F25|stu2
      """
    When the membership feed is posted to "delete":
      """
      EXTERNAL_COURSE_KEY|EXTERNAL_PERSON_KEY
      MATH101-F25|stu1
      """
    Then the data set status shows 1 completed, 0 errors, 0 warnings and 0 queued
    And "stu1" is enrolled in "MATH101-F25" as "Student", available "Disabled"
    And "stu2" is enrolled in "MATH101-F25" as "Student", available "Yes"
    And the course "MATH101-F25" is available "Yes"
    And the user "stu1_user" is available "Yes"

  @portable @destructive
  Scenario: A Complete Refresh disables the integration's memberships that the file leaves out
    Given the membership feed has been posted to "store":
      """
      EXTERNAL_COURSE_KEY|EXTERNAL_PERSON_KEY
      MATH101-F25|stu1
      MATH101-F25|stu2
      HIST200-F25|stu1
      """
    When the membership feed is posted to "refresh":
      """
      EXTERNAL_COURSE_KEY|EXTERNAL_PERSON_KEY
      MATH101-F25|stu1
      """
    Then the data set status shows 1 completed, 0 errors, 0 warnings and 0 queued
    And "stu1" is enrolled in "MATH101-F25" as "Student", available "Yes"
    And "stu2" is enrolled in "MATH101-F25" as "Student", available "Disabled"
    And "stu1" is enrolled in "HIST200-F25" as "Student", available "Disabled"

  @portable @destructive
  Scenario: A Complete Refresh By Data Source leaves memberships of other data sources alone
    Given the membership feed has been posted to "store":
      """
      EXTERNAL_COURSE_KEY|EXTERNAL_PERSON_KEY|DATA_SOURCE_KEY
      MATH101-F25|stu1|SIS.ENROL
      MATH101-F25|stu2|SIS.MANUAL
      """
    When the membership feed is posted to "refreshlegacy":
      """
      EXTERNAL_COURSE_KEY|EXTERNAL_PERSON_KEY
      HIST200-F25|stu1
      """
    Then "stu1" is enrolled in "MATH101-F25" as "Student", available "Disabled"
    And "stu2" is enrolled in "MATH101-F25" as "Student", available "Yes"
    And "stu1" is enrolled in "HIST200-F25" as "Student", available "Yes"

  @portable @destructive
  Scenario: A refused membership row in a refresh still protects its membership from being disabled
    Given the membership feed has been posted to "store":
      """
      EXTERNAL_COURSE_KEY|EXTERNAL_PERSON_KEY
      MATH101-F25|stu1
      MATH101-F25|stu2
      """
    When the membership feed is posted to "refresh":
      """
      EXTERNAL_COURSE_KEY|EXTERNAL_PERSON_KEY|ROLE
      MATH101-F25|stu1|student
      MATH101-F25|stu2|boss
      """
    Then the data set status shows 2 completed, 1 errors, 0 warnings and 0 queued
    And "stu2" is enrolled in "MATH101-F25" as "Student", available "Yes"

  @sim-only
  Scenario: A smart delete removes the membership
    Given the integration "BBLEARN" has the settings:
      | setting          | value                          |
      | delete_behaviour | {"membership": "smart_delete"} |
    And the membership feed has been posted to "store":
      """
      EXTERNAL_COURSE_KEY|EXTERNAL_PERSON_KEY
      MATH101-F25|stu1
      """
    When the membership feed is posted to "delete":
      """
      EXTERNAL_COURSE_KEY|EXTERNAL_PERSON_KEY
      MATH101-F25|stu1
      """
    Then "stu1" is not enrolled in "MATH101-F25"
    And the course "MATH101-F25" is available "Yes"
