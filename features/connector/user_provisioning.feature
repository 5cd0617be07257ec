Feature: Provisioning users
  Add creates a Learn user (optionally enrolled in courses, put in groups and given
  secondary portal roles); Modify (Add) adds information, enrolments, group places
  and roles while keeping what is there; Modify (Replace) changes information and the
  attributes of existing enrolments; Modify (Delete) removes information, enrolments,
  group places and roles; Delete removes the user with all of them. What the
  connector does is what Learn's REST API shows, and users fed by the SIS are the
  same users.

  Background:
    Given a Learn user "svc_admin" with password "Adm1n!pw" and system role "sys_admin"
    And the connector is called as "svc_admin" with password "Adm1n!pw"
    And the connector has added the Course record:
      """
      {"associatedCourseId": "MATH101", "title": "Mathematics 101"}
      """
    And the connector has added the Course record:
      """
      {"associatedCourseId": "BIO201", "title": "Biology 201"}
      """
    And the connector has added the Group record:
      """
      {"courseId": "MATH101", "title": "Study group", "isWithForum": true}
      """
    And the connector has added the PortalRole record:
      """
      {"roleID": "LIBRARY", "roleName": "Library staff"}
      """

  @portable @doc:002_801da1cffc66035b:operations-user-add
  Scenario: Add creates a user who can log in, enrolled, in a group and with a secondary role
    When the connector adds the User record:
      """
      {"userName": "jdoe", "password": "Pa55!word", "givenName": "Jane", "familyName": "Doe",
       "emailAddress": "jdoe@example.edu", "studentId": "S-1001", "systemRole": "COURSE_CREATOR",
       "courseMembership": [{"courseId": "MATH101", "role": "STUDENT"}],
       "groupMembership": [{"groupId": "{group:MATH101/Study group}"}],
       "userRole": [{"portalRoleId": "LIBRARY"}]}
      """
    Then the connector answers success
    And the answer's record has no "password"
    And the users are:
      | userName | given | family | email            | studentId | systemRole    | institutionRoles | available |
      | jdoe     | Jane  | Doe    | jdoe@example.edu | S-1001    | CourseCreator | STUDENT,LIBRARY  | Yes       |
    And "jdoe" can log in with "Pa55!word"
    And Learn's REST API shows the members of "MATH101" as:
      | userName | courseRoleId | available |
      | jdoe     | Student      | Yes       |
    And Learn's REST API shows the members of group "Study group" of "MATH101" as "jdoe"

  @portable @doc:002_801da1cffc66035b:operations-user-add
  Scenario: Add without a mandatory attribute is refused and creates nothing
    When the connector adds the User record:
      """
      {"userName": "jdoe", "givenName": "Jane", "familyName": "Doe"}
      """
    Then the connector refuses it with HTTP 400 naming "password" and the rule "mandatory"
    And there is no user "jdoe"

  @portable @doc:002_801da1cffc66035b:operations-user-add
  Scenario Outline: Add with a mandatory attribute sent <how> is refused and creates nothing
    When the connector adds the User record:
      """
      {"userName": "jdoe", "password": "Pa55!word", "givenName": <given>, "familyName": "Doe"}
      """
    Then the connector refuses it with HTTP 400 naming "givenName" and the rule "mandatory"
    And there is no user "jdoe"

    Examples:
      | how   | given |
      | empty | ""    |
      | blank | "   " |
      | null  | null  |

  @portable @doc:002_801da1cffc66035b:operations-user-add
  Scenario: Add with an attribute the User format does not declare is refused and creates nothing
    When the connector adds the User record:
      """
      {"userName": "jdoe", "password": "Pa55!word", "givenName": "Jane", "familyName": "Doe", "shoeSize": "44"}
      """
    Then the connector refuses it with HTTP 400 naming "shoeSize" and the rule "unknown"
    And there is no user "jdoe"

  @portable @doc:002_801da1cffc66035b:operations-user-add
  Scenario: Add with a text longer than its attribute's declared length is refused and creates nothing
    When the connector adds the User record:
      """
      {"userName": "jdoe", "password": "Pa55!word", "givenName": "Jane", "familyName": "Doe",
       "mobilePhone": "+1 555 0100 0100 0100 0100 0100 0100 0100 0100 0100 0100 0100"}
      """
    Then the connector refuses it with HTTP 400 naming "mobilePhone" and the rule "value"
    And there is no user "jdoe"

  @portable @doc:002_801da1cffc66035b:operations-user-add
  Scenario: A refused sub-record takes the whole Add back
    When the connector adds the User record:
      """
      {"userName": "jdoe", "password": "Pa55!word", "givenName": "Jane", "familyName": "Doe",
       "courseMembership": [{"courseId": "MATH101"}, {"courseId": "NO-SUCH-COURSE"}]}
      """
    Then the connector refuses it with HTTP 404 naming "courseMembership->courseId" and the rule "reference"
    And there is no user "jdoe"
    And Learn's REST API shows the members of "MATH101" as:
      | userName | courseRoleId | available |

  @portable @doc:002_801da1cffc66035b:operations-user-modify-add
  Scenario: Modify (Add) adds a mobile number and enrols the user in more courses
    Given the connector has added the User record:
      """
      {"userName": "jdoe", "password": "Pa55!word", "givenName": "Jane", "familyName": "Doe",
       "courseMembership": [{"courseId": "MATH101"}]}
      """
    When the connector modifies the User "jdoe":
      """
      {"add": {"mobilePhone": "+1 555 0100",
               "courseMembership": [{"courseId": "BIO201", "role": "TEACHING_ASSISTANT"}],
               "groupMembership": [{"groupId": "{group:MATH101/Study group}"}],
               "userRole": [{"portalRoleId": "LIBRARY"}]}}
      """
    Then the connector answers success
    And the users are:
      | userName | mobilePhone | institutionRoles |
      | jdoe     | +1 555 0100 | STUDENT,LIBRARY  |
    And Learn's REST API shows the members of "MATH101" as:
      | userName | courseRoleId | available |
      | jdoe     | Student      | Yes       |
    And Learn's REST API shows the members of "BIO201" as:
      | userName | courseRoleId      | available |
      | jdoe     | TeachingAssistant | Yes       |
    And Learn's REST API shows the members of group "Study group" of "MATH101" as "jdoe"

  @portable @doc:002_801da1cffc66035b:operations-user-modify-add
  Scenario: Modify (Add) does not overwrite a value the user already has
    Given the connector has added the User record:
      """
      {"userName": "jdoe", "password": "Pa55!word", "givenName": "Jane", "familyName": "Doe", "mobilePhone": "111"}
      """
    When the connector modifies the User "jdoe":
      """
      {"add": {"mobilePhone": "222"}}
      """
    Then the connector refuses it with HTTP 409 naming "mobilePhone" and the rule "single-valued"
    And the users are:
      | userName | mobilePhone |
      | jdoe     | 111         |

  @portable @doc:002_801da1cffc66035b:operations-user-modify-add
  Scenario: A user is enrolled in a course only once
    Given the connector has added the User record:
      """
      {"userName": "jdoe", "password": "Pa55!word", "givenName": "Jane", "familyName": "Doe",
       "courseMembership": [{"courseId": "MATH101"}]}
      """
    When the connector modifies the User "jdoe":
      """
      {"add": {"courseMembership": [{"courseId": "MATH101"}]}}
      """
    Then the connector refuses it with HTTP 409 naming "courseMembership->courseId" and the rule "unique"

  @portable @doc:002_801da1cffc66035b:group-membership-needs-enrolment
  Scenario: A user joins only groups of a course they are enrolled in
    Given the connector has added the User record:
      """
      {"userName": "jdoe", "password": "Pa55!word", "givenName": "Jane", "familyName": "Doe"}
      """
    When the connector modifies the User "jdoe":
      """
      {"add": {"groupMembership": [{"groupId": "{group:MATH101/Study group}"}]}}
      """
    Then the connector refuses it with HTTP 400 naming "groupMembership->groupId" and the rule "constraint"

  @portable @doc:002_801da1cffc66035b:operations-user-modify-replace
  Scenario: Modify (Replace) changes basic information and the role and date of an enrolment
    Given the connector has added the User record:
      """
      {"userName": "jdoe", "password": "Pa55!word", "givenName": "Jane", "familyName": "Doe",
       "homePhone1": "111", "studentId": "S-1", "courseMembership": [{"courseId": "MATH101"}]}
      """
    When the connector modifies the User "jdoe":
      """
      {"replace": {"homePhone1": "222", "studentId": "S-2",
                   "courseMembership": [{"courseId": "MATH101", "role": "INSTRUCTOR", "enrollmentDate": "2026-02-01"}]}}
      """
    Then the connector answers success
    And the answer has "record.courseMembership.0.enrollmentDate" = "2026-02-01T00:00:00.000Z"
    And the users are:
      | userName | studentId |
      | jdoe     | S-2       |
    And Learn's REST API shows the members of "MATH101" as:
      | userName | courseRoleId | available |
      | jdoe     | Instructor   | Yes       |

  @portable @doc:002_801da1cffc66035b:operations-user-modify-replace
  Scenario: Modify (Replace) never adds an enrolment
    Given the connector has added the User record:
      """
      {"userName": "jdoe", "password": "Pa55!word", "givenName": "Jane", "familyName": "Doe"}
      """
    When the connector modifies the User "jdoe":
      """
      {"replace": {"courseMembership": [{"courseId": "MATH101", "role": "INSTRUCTOR"}]}}
      """
    Then the connector refuses it with HTTP 404 naming "courseMembership->courseId" and the rule "not-found"
    And Learn's REST API shows the members of "MATH101" as:
      | userName | courseRoleId | available |

  @portable @doc:002_801da1cffc66035b:operations-user-modify-delete
  Scenario: Modify (Delete) removes the fax number, an enrolment and a portal role
    Given the connector has added the User record:
      """
      {"userName": "jdoe", "password": "Pa55!word", "givenName": "Jane", "familyName": "Doe", "homeFax": "555",
       "courseMembership": [{"courseId": "MATH101"}, {"courseId": "BIO201"}],
       "groupMembership": [{"groupId": "{group:MATH101/Study group}"}],
       "userRole": [{"portalRoleId": "LIBRARY"}]}
      """
    When the connector modifies the User "jdoe":
      """
      {"delete": {"homeFax": null, "courseMembership": [{"courseId": "MATH101"}], "userRole": [{"portalRoleId": "LIBRARY"}]}}
      """
    Then the connector answers success
    And the answer's record has no "homeFax"
    And the users are:
      | userName | institutionRoles |
      | jdoe     | STUDENT          |
    And Learn's REST API shows the members of "MATH101" as:
      | userName | courseRoleId | available |
    And Learn's REST API shows the members of "BIO201" as:
      | userName | courseRoleId | available |
      | jdoe     | Student      | Yes       |
    And Learn's REST API shows no members in group "Study group" of "MATH101"

  @portable @doc:002_801da1cffc66035b:operations-user-delete
  Scenario: Delete removes the user with its enrolments, group places and roles
    Given the connector has added the User record:
      """
      {"userName": "jdoe", "password": "Pa55!word", "givenName": "Jane", "familyName": "Doe",
       "courseMembership": [{"courseId": "MATH101"}],
       "groupMembership": [{"groupId": "{group:MATH101/Study group}"}],
       "userRole": [{"portalRoleId": "LIBRARY"}]}
      """
    When the connector deletes the User "jdoe"
    Then the connector answers success
    And there is no user "jdoe"
    And Learn's REST API shows the members of "MATH101" as:
      | userName | courseRoleId | available |
    And Learn's REST API shows no members in group "Study group" of "MATH101"

  @portable @doc:002_801da1cffc66035b:disabled-user
  Scenario Outline: A disabled user gets no new <sub-record>
    Given the connector has added the User record:
      """
      {"userName": "jdoe", "password": "Pa55!word", "givenName": "Jane", "familyName": "Doe",
       "courseMembership": [{"courseId": "MATH101"}]}
      """
    When the connector calls the identity operation "disable" with:
      """
      {"userName": "jdoe"}
      """
    And the connector modifies the User "jdoe":
      """
      {"add": {"<sub-record>": [<value>]}}
      """
    Then the connector refuses it with HTTP 400 naming "<attribute>" and the rule "disabled-user"

    Examples:
      | sub-record       | attribute                  | value                                           |
      | courseMembership | courseMembership->courseId | {"courseId": "BIO201"}                          |
      | groupMembership  | groupMembership->groupId   | {"groupId": "{group:MATH101/Study group}"}     |
      | userRole         | userRole->portalRoleId     | {"portalRoleId": "LIBRARY"}                     |

  @portable @doc:002_801da1cffc66035b:disabled-user
  Scenario: A disabled user cannot be enrolled from the course's side either
    Given the connector has added the User record:
      """
      {"userName": "jdoe", "password": "Pa55!word", "givenName": "Jane", "familyName": "Doe"}
      """
    When the connector calls the identity operation "disable" with:
      """
      {"userName": "jdoe"}
      """
    And the connector modifies the Course "MATH101":
      """
      {"add": {"courseMembership": [{"userId": "jdoe"}]}}
      """
    Then the connector refuses it with HTTP 400 naming "courseMembership->userId" and the rule "disabled-user"

  @portable @doc:002_801da1cffc66035b:one-state
  Scenario: A user fed by the SIS is provisioned by the connector, and the feed sees the change
    Given an SIS integration "BBLEARN" with data source "SIS.PERSONS"
    And the person feed has been posted to "store":
      """
      EXTERNAL_PERSON_KEY|USER_ID|PASSWD|FIRSTNAME|LASTNAME
      testPerson1|aanderson_test|changeme|Alpha|Anderson
      """
    When the connector modifies the User "aanderson_test":
      """
      {"add": {"courseMembership": [{"courseId": "MATH101"}]}, "replace": {"givenName": "Alfa"}}
      """
    Then the connector answers success
    And the users are:
      | userName       | externalId  | given |
      | aanderson_test | testPerson1 | Alfa  |
    And Learn's REST API shows the members of "MATH101" as:
      | userName       | courseRoleId | available |
      | aanderson_test | Student      | Yes       |
    When the person feed is posted to "store":
      """
      EXTERNAL_PERSON_KEY|USER_ID|PASSWD|FIRSTNAME|LASTNAME|ROW_STATUS
      testPerson1|aanderson_test|changeme|Alpha|Anderson|disabled
      """
    And the connector calls the identity operation "validate" with:
      """
      {"userName": "aanderson_test"}
      """
    Then the answer has "available" = "Disabled"

  @portable @doc:002_801da1cffc66035b:one-state
  Scenario: A user created by the connector is updated by a feed
    Given the connector has added the User record:
      """
      {"userName": "jdoe", "password": "Pa55!word", "givenName": "Jane", "familyName": "Doe", "batchUid": "P-77"}
      """
    And an SIS integration "BBLEARN" with data source "SIS.PERSONS"
    When the person feed is posted to "store":
      """
      EXTERNAL_PERSON_KEY|USER_ID|FIRSTNAME|LASTNAME|EMAIL
      P-77|jdoe|Janet|Doe|janet@example.edu
      """
    Then the feed is accepted
    And the users are:
      | userName | externalId | given | email             |
      | jdoe     | P-77       | Janet | janet@example.edu |

  @portable @doc:002_801da1cffc66035b:system-roles
  Scenario Outline: The system role <value> is Learn's <rest> role
    When the connector adds the User record:
      """
      {"userName": "jdoe", "password": "Pa55!word", "givenName": "Jane", "familyName": "Doe", "systemRole": "<value>"}
      """
    Then the connector answers success
    And the users are:
      | userName | systemRole |
      | jdoe     | <rest>     |

    Examples:
      | value                 | rest                |
      | ACCOUNT_ADMIN         | AccountAdmin        |
      | CARD_OFFICE_ADMIN     | CardOfficeAdmin     |
      | COURSE_CREATOR        | CourseCreator       |
      | COURSE_SUPPORT        | CourseSupport       |
      | DEFAULT               | User                |
      | ECOMMERCE_ADMIN       | EcommerceAdmin      |
      | GUEST                 | Guest               |
      | INTEGRATION           | Integration         |
      | LMS_INTEGRATION_ADMIN | LmsIntegrationAdmin |
      | NONE                  | User                |
      | OBSERVER              | Observer            |
      | PORTAL                | Portal              |
      | STORE_ADMIN           | StoreAdmin          |
      | SYSTEM_ADMIN          | SystemAdmin         |
      | SYSTEM_SUPPORT        | SystemSupport       |
      | USER                  | User                |

  @portable @doc:002_801da1cffc66035b:system-roles
  Scenario: A system role outside the list is refused, naming the accepted values
    When the connector adds the User record:
      """
      {"userName": "jdoe", "password": "Pa55!word", "givenName": "Jane", "familyName": "Doe", "systemRole": "SUPERUSER"}
      """
    Then the connector refuses it with HTTP 400 naming "systemRole" and the rule "value"
    And the connector answers HTTP 400 saying "SYSTEM_SUPPORT"
