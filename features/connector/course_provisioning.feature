Feature: Provisioning courses and organizations
  Add creates a course (an organization when its service level is COMMUNITY) that
  users can be enrolled in; Modify (Add) enrols users and keeps existing enrolments;
  Modify (Replace) changes course information and the attributes of existing
  enrolments, never adding or removing one; Modify (Delete) unenrols users; Delete
  removes the course with its groups and enrolments. Learn's REST API shows it all.

  Background:
    Given a Learn user "svc_admin" with password "Adm1n!pw" and system role "sys_admin"
    And the connector is called as "svc_admin" with password "Adm1n!pw"
    And the connector has added the User record:
      """
      {"userName": "jdoe", "password": "Pa55!word", "givenName": "Jane", "familyName": "Doe"}
      """
    And the connector has added the User record:
      """
      {"userName": "rroe", "password": "Pa55!word", "givenName": "Rick", "familyName": "Roe"}
      """

  @portable @doc:002_801da1cffc66035b:operations-course-add
  Scenario: Add creates a course with its first enrolments, as REST v3 shows it
    When the connector adds the Course record:
      """
      {"associatedCourseId": "MATH101", "title": "Mathematics 101", "description": "Numbers",
       "batchUid": "SIS-MATH101", "isAvailable": false, "durationType": "DATE_RANGE",
       "startDate": "2026-02-01", "endDate": "2026-06-30", "enrollmentType": "SELF_ENROLLMENT",
       "enrollmentAccessCode": "pi", "locale": "en_GB", "isLocaleEnforced": true, "allowGuests": false,
       "courseMembership": [{"userId": "jdoe", "role": "INSTRUCTOR"}, {"userId": "rroe"}]}
      """
    Then the connector answers success
    And Learn's REST API shows the course "MATH101" with:
      | field                       | value                      |
      | courseId                    | "MATH101"                  |
      | externalId                  | "SIS-MATH101"              |
      | name                        | "Mathematics 101"          |
      | description                 | "Numbers"                  |
      | organization                | false                      |
      | allowGuests                 | false                      |
      | availability.available      | "No"                       |
      | availability.duration.type  | "DateRange"                |
      | availability.duration.start | "2026-02-01T00:00:00.000Z" |
      | availability.duration.end   | "2026-06-30T00:00:00.000Z" |
      | enrollment.type             | "SelfEnrollment"           |
      | enrollment.accessCode       | "pi"                       |
      | locale.id                   | "en_GB"                    |
      | locale.force                | true                       |
    And Learn's REST API shows the members of "MATH101" as:
      | userName | courseRoleId | available |
      | jdoe     | Instructor   | Yes       |
      | rroe     | Student      | Yes       |

  @portable @doc:002_801da1cffc66035b:organization
  Scenario: A course whose service level is COMMUNITY is an organization
    When the connector adds the Course record:
      """
      {"associatedCourseId": "CHESS-CLUB", "title": "Chess club", "serviceLevelType": "COMMUNITY"}
      """
    Then the connector answers success
    And Learn's REST API shows the course "CHESS-CLUB" with:
      | field        | value |
      | organization | true  |

  @portable @doc:002_801da1cffc66035b:enumerations
  Scenario Outline: <attribute> accepts only its listed values
    When the connector adds the Course record:
      """
      {"associatedCourseId": "MATH101", "title": "Mathematics 101", "<attribute>": "<bad>"}
      """
    Then the connector refuses it with HTTP 400 naming "<attribute>" and the rule "value"
    And the connector answers HTTP 400 saying "<listed>"
    And Learn's REST API shows no course "MATH101"

    Examples:
      | attribute        | bad         | listed                                 |
      | durationType     | WEEKLY      | CONTINUOUS, DATE_RANGE, FIXED_NUM_DAYS |
      | enrollmentType   | BY_LOTTERY  | EMAIL_ENROLLMENT, INSTRUCTOR_LED       |
      | paceType         | RELAXED     | INSTRUCTOR_LED, SELF_PACED             |
      | serviceLevelType | PREMIUM     | COMMUNITY, FULL, REGISTERED, SYSTEM    |

  @portable @doc:002_801da1cffc66035b:enumerations
  Scenario Outline: DEFAULT stands for Learn's default <attribute>
    When the connector adds the Course record:
      """
      {"associatedCourseId": "MATH101", "title": "Mathematics 101", "<attribute>": "default"}
      """
    Then the connector answers success
    And the answer has "record.<attribute>" = "<meaning>"

    Examples:
      | attribute        | meaning        |
      | durationType     | CONTINUOUS     |
      | enrollmentType   | INSTRUCTOR_LED |
      | paceType         | INSTRUCTOR_LED |
      | serviceLevelType | FULL           |

  @portable @doc:002_801da1cffc66035b:operations-course-modify-add
  Scenario: Modify (Add) enrols more users and keeps the existing enrolments
    Given the connector has added the Course record:
      """
      {"associatedCourseId": "MATH101", "title": "Mathematics 101", "courseMembership": [{"userId": "jdoe"}]}
      """
    When the connector modifies the Course "MATH101":
      """
      {"add": {"courseMembership": [{"userId": "rroe", "role": "GRADER"}]}}
      """
    Then the connector answers success
    And Learn's REST API shows the members of "MATH101" as:
      | userName | courseRoleId | available |
      | jdoe     | Student      | Yes       |
      | rroe     | Grader       | Yes       |

  @portable @doc:002_801da1cffc66035b:operations-course-modify-replace
  Scenario: Modify (Replace) changes the description, the enrolment dates and an enrolment's attributes
    Given the connector has added the Course record:
      """
      {"associatedCourseId": "MATH101", "title": "Mathematics 101", "enrollmentType": "SELF_ENROLLMENT",
       "courseMembership": [{"userId": "jdoe"}, {"userId": "rroe"}]}
      """
    When the connector modifies the Course "MATH101":
      """
      {"replace": {"description": "Numbers and more", "enrollmentStartDate": "2026-01-10",
                   "enrollmentEndDate": "2026-01-31",
                   "courseMembership": [{"userId": "rroe", "role": "INSTRUCTOR", "isCourseMembershipAvailable": false}]}}
      """
    Then the connector answers success
    And Learn's REST API shows the course "MATH101" with:
      | field            | value                      |
      | description      | "Numbers and more"         |
      | enrollment.start | "2026-01-10T00:00:00.000Z" |
      | enrollment.end   | "2026-01-31T00:00:00.000Z" |
    And Learn's REST API shows the members of "MATH101" as:
      | userName | courseRoleId | available |
      | jdoe     | Student      | Yes       |
      | rroe     | Instructor   | No        |

  @portable @doc:002_801da1cffc66035b:course-attributes
  Scenario: The course id people see is set once
    Given the connector has added the Course record:
      """
      {"associatedCourseId": "MATH101", "title": "Mathematics 101"}
      """
    When the connector modifies the Course "MATH101":
      """
      {"replace": {"associatedCourseId": "MATH102"}}
      """
    Then the connector refuses it with HTTP 400 naming "associatedCourseId" and the rule "modify"

  @portable @doc:002_801da1cffc66035b:operations-course-modify-delete
  Scenario: Modify (Delete) unenrols a user, who also leaves the course's groups
    Given the connector has added the Course record:
      """
      {"associatedCourseId": "MATH101", "title": "Mathematics 101", "courseMembership": [{"userId": "jdoe"}, {"userId": "rroe"}]}
      """
    And the connector has added the Group record:
      """
      {"courseId": "MATH101", "title": "Study group", "isWithForum": false,
       "groupMembership": [{"courseMembershipId": "{membership:MATH101/jdoe}"}]}
      """
    When the connector modifies the Course "MATH101":
      """
      {"delete": {"courseMembership": [{"userId": "jdoe"}]}}
      """
    Then the connector answers success
    And Learn's REST API shows the members of "MATH101" as:
      | userName | courseRoleId | available |
      | rroe     | Student      | Yes       |
    And Learn's REST API shows no members in group "Study group" of "MATH101"

  @portable @doc:002_801da1cffc66035b:operations-course-delete
  Scenario: Delete removes the course with its groups and enrolments
    Given the connector has added the Course record:
      """
      {"associatedCourseId": "MATH101", "title": "Mathematics 101", "courseMembership": [{"userId": "jdoe"}]}
      """
    And the connector has added the Group record:
      """
      {"courseId": "MATH101", "title": "Study group", "isWithForum": false}
      """
    When the connector deletes the Course "MATH101"
    Then the connector answers success
    And Learn's REST API shows no course "MATH101"
    And the user "jdoe" has no course memberships
    When the connector exports Group with:
      """
      {"exportMode": "FullExport"}
      """
    Then the export lists no records

  @portable @doc:002_801da1cffc66035b:operations-course-delete
  Scenario: Deleting a course that does not exist names it
    When the connector deletes the Course "NOPE101"
    Then the connector refuses it with HTTP 404 naming "courseId" and the rule "not-found"
