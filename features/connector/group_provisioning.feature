Feature: Provisioning groups
  A group belongs to exactly one course. Add creates a group in a course and can put
  some or all of the course's users in it; Modify (Add) adds members and keeps the
  existing ones; Modify (Replace) changes the group's information and its members'
  attributes; Modify (Delete) takes members out; Delete removes the group with its
  memberships. Members are named by their course membership, so only users enrolled
  in the course can join, and the only group role is BB_PARTICIPANT.

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
    And the connector has added the Course record:
      """
      {"associatedCourseId": "MATH101", "title": "Mathematics 101", "courseMembership": [{"userId": "jdoe"}, {"userId": "rroe"}]}
      """
    And the connector has added the Course record:
      """
      {"associatedCourseId": "BIO201", "title": "Biology 201", "courseMembership": [{"userId": "jdoe"}]}
      """

  @portable @doc:002_801da1cffc66035b:operations-group-add
  Scenario: Add creates a group in a course with some of its users, as REST v2 shows it
    When the connector adds the Group record:
      """
      {"courseId": "MATH101", "title": "Study group", "description": "Weekly", "isWithForum": true,
       "isSelfEnrolledAllowed": true, "maximumEnrollment": 12,
       "groupMembership": [{"courseMembershipId": "{membership:MATH101/jdoe}"}]}
      """
    Then the connector answers success
    And Learn's REST API shows the groups of "MATH101" as "Study group"
    And Learn's REST API shows the group "Study group" of "MATH101" with:
      | field                  | value            |
      | description            | "Weekly"         |
      | availability.available | "Yes"            |
      | enrollment.type        | "SelfEnrollment" |
      | enrollment.limit       | 12               |
    And Learn's REST API shows the members of group "Study group" of "MATH101" as "jdoe"

  @portable @doc:002_801da1cffc66035b:group-attributes
  Scenario: Add without isWithForum is refused, since the table makes it mandatory
    When the connector adds the Group record:
      """
      {"courseId": "MATH101", "title": "Study group"}
      """
    Then the connector refuses it with HTTP 400 naming "isWithForum" and the rule "mandatory"
    And Learn's REST API shows no groups in "MATH101"

  @portable @doc:002_801da1cffc66035b:group-one-course
  Scenario: A group belongs to exactly one course: its course cannot be removed
    Given the connector has added the Group record:
      """
      {"courseId": "MATH101", "title": "Study group", "isWithForum": false}
      """
    When the connector modifies the Group "{group:MATH101/Study group}":
      """
      {"delete": ["courseId"]}
      """
    Then the connector refuses it with HTTP 400 naming "courseId" and the rule "mandatory"

  @portable @doc:002_801da1cffc66035b:group-one-course
  Scenario: Moving a group to another course takes its members out of it
    Given the connector has added the Group record:
      """
      {"courseId": "MATH101", "title": "Study group", "isWithForum": false,
       "groupMembership": [{"courseMembershipId": "{membership:MATH101/jdoe}"}]}
      """
    When the connector modifies the Group "{group:MATH101/Study group}":
      """
      {"replace": {"courseId": "BIO201"}}
      """
    Then the connector answers success
    And Learn's REST API shows no groups in "MATH101"
    And Learn's REST API shows the groups of "BIO201" as "Study group"
    And Learn's REST API shows no members in group "Study group" of "BIO201"

  @portable @doc:002_801da1cffc66035b:group-one-course
  Scenario: Only users enrolled in the group's course can join it
    Given the connector has added the Group record:
      """
      {"courseId": "BIO201", "title": "Lab partners", "isWithForum": false}
      """
    When the connector modifies the Group "{group:BIO201/Lab partners}":
      """
      {"add": {"groupMembership": [{"courseMembershipId": "{membership:MATH101/rroe}"}]}}
      """
    Then the connector refuses it with HTTP 400 naming "groupMembership->courseMembershipId" and the rule "constraint"

  @portable @doc:002_801da1cffc66035b:group-role
  Scenario: The group role can only be BB_PARTICIPANT
    When the connector adds the Group record:
      """
      {"courseId": "MATH101", "title": "Study group", "isWithForum": false,
       "groupMembership": [{"courseMembershipId": "{membership:MATH101/jdoe}", "role": "GROUP_LEADER"}]}
      """
    Then the connector refuses it with HTTP 400 naming "groupMembership->role" and the rule "value"
    And the connector answers HTTP 400 saying "BB_PARTICIPANT"

  @portable @doc:002_801da1cffc66035b:self-enrolled
  Scenario: isSelfEnrolledAllowed is set when the group is created and cannot be modified
    Given the connector has added the Group record:
      """
      {"courseId": "MATH101", "title": "Study group", "isWithForum": false, "isSelfEnrolledAllowed": true}
      """
    When the connector modifies the Group "{group:MATH101/Study group}":
      """
      {"replace": {"isSelfEnrolledAllowed": false}}
      """
    Then the connector refuses it with HTTP 400 naming "isSelfEnrolledAllowed" and the rule "modify"
    And Learn's REST API shows the group "Study group" of "MATH101" with:
      | field           | value            |
      | enrollment.type | "SelfEnrollment" |

  @portable @doc:002_801da1cffc66035b:operations-group-modify-add
  Scenario: Modify (Add) adds members and keeps the existing ones
    Given the connector has added the Group record:
      """
      {"courseId": "MATH101", "title": "Study group", "isWithForum": false,
       "groupMembership": [{"courseMembershipId": "{membership:MATH101/jdoe}"}]}
      """
    When the connector modifies the Group "{group:MATH101/Study group}":
      """
      {"add": {"groupMembership": [{"courseMembershipId": "{membership:MATH101/rroe}"}]}}
      """
    Then the connector answers success
    And Learn's REST API shows the members of group "Study group" of "MATH101" as "jdoe, rroe"

  @portable @doc:002_801da1cffc66035b:operations-group-modify-replace
  Scenario: Modify (Replace) changes the title and description, and keeps the members
    Given the connector has added the Group record:
      """
      {"courseId": "MATH101", "title": "Study group", "isWithForum": false,
       "groupMembership": [{"courseMembershipId": "{membership:MATH101/jdoe}"}]}
      """
    When the connector modifies the Group "{group:MATH101/Study group}":
      """
      {"replace": {"title": "Exam prep", "description": "Before finals", "isSignUpOnly": true,
                   "groupMembership": [{"courseMembershipId": "{membership:MATH101/jdoe}", "role": "BB_PARTICIPANT"}]}}
      """
    Then the connector answers success
    And Learn's REST API shows the groups of "MATH101" as "Exam prep"
    And Learn's REST API shows the group "Exam prep" of "MATH101" with:
      | field                  | value           |
      | description            | "Before finals" |
      | availability.available | "SignupOnly"    |
    And Learn's REST API shows the members of group "Exam prep" of "MATH101" as "jdoe"

  @portable @doc:002_801da1cffc66035b:operations-group-modify-delete
  Scenario: Modify (Delete) takes a member out of the group
    Given the connector has added the Group record:
      """
      {"courseId": "MATH101", "title": "Study group", "isWithForum": false,
       "groupMembership": [{"courseMembershipId": "{membership:MATH101/jdoe}"},
                           {"courseMembershipId": "{membership:MATH101/rroe}"}]}
      """
    When the connector modifies the Group "{group:MATH101/Study group}":
      """
      {"delete": {"groupMembership": [{"courseMembershipId": "{membership:MATH101/jdoe}"}]}}
      """
    Then the connector answers success
    And Learn's REST API shows the members of group "Study group" of "MATH101" as "rroe"
    And Learn's REST API shows the members of "MATH101" as:
      | userName | courseRoleId | available |
      | jdoe     | Student      | Yes       |
      | rroe     | Student      | Yes       |

  @portable @doc:002_801da1cffc66035b:operations-group-delete
  Scenario: Delete removes the group and its memberships, and leaves the course's enrolments
    Given the connector has added the Group record:
      """
      {"courseId": "MATH101", "title": "Study group", "isWithForum": false,
       "groupMembership": [{"courseMembershipId": "{membership:MATH101/jdoe}"}]}
      """
    When the connector deletes the Group "{group:MATH101/Study group}"
    Then the connector answers success
    And Learn's REST API shows no groups in "MATH101"
    And Learn's REST API shows the members of "MATH101" as:
      | userName | courseRoleId | available |
      | jdoe     | Student      | Yes       |
      | rroe     | Student      | Yes       |
