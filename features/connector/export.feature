Feature: Exporting users, courses, groups and portal roles
  An export lists the records a filter selects: all of them (full export) or only
  what changed since the previous export of the same query (delta export), with the
  changed attributes only, the changed and the mandatory ones (the default), or all
  of them. Records come as profiles or as a change log. Large exports come in pages.
  Sub-records are nested, or folded into one text per sub-attribute joined by a
  delimiter. The password is never exported.

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
    And the connector has added the PortalRole record:
      """
      {"roleID": "LIBRARY", "roleName": "Library staff"}
      """
    And the connector has added the User record:
      """
      {"userName": "jdoe", "password": "Pa55!word", "givenName": "Jane", "familyName": "Doe", "batchUid": "P-1",
       "lastLoginDate": "2026-01-02T08:00:00Z",
       "courseMembership": [{"courseId": "MATH101"}, {"courseId": "BIO201", "role": "INSTRUCTOR"}]}
      """
    And the connector has added the User record:
      """
      {"userName": "rroe", "password": "Pa55!word", "givenName": "Rick", "familyName": "Roe", "batchUid": "P-2",
       "lastLoginDate": "2026-01-04T17:30:00Z", "courseMembership": [{"courseId": "BIO201"}],
       "userRole": [{"portalRoleId": "LIBRARY"}]}
      """
    And the connector has added the User record:
      """
      {"userName": "asmith", "password": "Pa55!word", "givenName": "Ann", "familyName": "Smith", "batchUid": "P-3"}
      """
    And the connector has added the Group record:
      """
      {"courseId": "BIO201", "title": "Lab partners", "isWithForum": false,
       "groupMembership": [{"courseMembershipId": "{membership:BIO201/rroe}"}]}
      """

  # sim-only: an export lists the records of the whole Learn, which a live run cannot keep apart per scenario
  @sim-only @doc:002_801da1cffc66035b:export-full
  Scenario: A full export lists every selected record with its attributes, never the password
    When the connector exports User with:
      """
      {"exportMode": "FullExport", "filter": [{"key": "batchUid", "operator": "startsWith", "value": "P-"}]}
      """
    Then the exported records are:
      | userName | givenName | familyName | batchUid | lastLoginDate              | password |
      | "jdoe"   | "Jane"    | "Doe"      | "P-1"    | "2026-01-02T08:00:00.000Z" | -        |
      | "rroe"   | "Rick"    | "Roe"      | "P-2"    | "2026-01-04T17:30:00.000Z" | -        |
      | "asmith" | "Ann"     | "Smith"    | "P-3"    | -                          | -        |

  # sim-only: an export lists the records of the whole Learn, which a live run cannot keep apart per scenario
  @sim-only @doc:002_801da1cffc66035b:sub-records
  Scenario: Sub-records are exported nested
    When the connector exports User with:
      """
      {"filter": [{"key": "userName", "operator": "equals", "value": "jdoe"}], "attributes": ["userName", "courseMembership"]}
      """
    Then the answer has "records.0.courseMembership.0.courseId" = "{course:MATH101}"
    And the answer has "records.0.courseMembership.0.role" = "STUDENT"
    And the answer has "records.0.courseMembership.1.courseId" = "{course:BIO201}"
    And the answer has "records.0.courseMembership.1.role" = "INSTRUCTOR"

  # sim-only: an export lists the records of the whole Learn, which a live run cannot keep apart per scenario
  @sim-only @doc:002_801da1cffc66035b:sub-records
  Scenario: Sub-records folded into single values joined by the chosen delimiter
    When the connector exports User with:
      """
      {"filter": [{"key": "userName", "operator": "equals", "value": "jdoe"}],
       "attributes": ["userName", "courseMembership->courseId", "courseMembership->role"],
       "foldSubRecords": true, "delimiter": "-"}
      """
    Then the answer has "records.0.courseMembership->courseId" = "{course:MATH101}-{course:BIO201}"
    And the answer has "records.0.courseMembership->role" = "STUDENT-INSTRUCTOR"

  # sim-only: an export lists the records of the whole Learn, which a live run cannot keep apart per scenario
  @sim-only @doc:002_801da1cffc66035b:sub-records
  Scenario: A value that contains the delimiter cannot be folded without loss
    Given the connector has modified the User "jdoe":
      """
      {"replace": {"courseMembership": [{"courseId": "MATH101", "notes": "week 1-4"}]}}
      """
    When the connector exports User with:
      """
      {"filter": [{"key": "userName", "operator": "equals", "value": "jdoe"}],
       "attributes": ["userName", "courseMembership->notes"], "foldSubRecords": true, "delimiter": "-"}
      """
    Then the connector refuses it with HTTP 400 naming "courseMembership->notes" and the rule "value"

  # sim-only: an export lists the records of the whole Learn, which a live run cannot keep apart per scenario
  @sim-only @doc:002_801da1cffc66035b:sub-records
  Scenario: Folded sub-records are accepted on import
    When the connector adds the User record folded with the delimiter "|":
      """
      {"userName": "kfold", "password": "Pa55!word", "givenName": "Kim", "familyName": "Fold",
       "courseMembership->courseId": "MATH101|BIO201", "courseMembership->role": "STUDENT|GRADER"}
      """
    Then the connector answers success
    And Learn's REST API shows the members of "MATH101" as:
      | userName | courseRoleId | available |
      | jdoe     | Student      | Yes       |
      | kfold    | Student      | Yes       |
    And Learn's REST API shows the members of "BIO201" as:
      | userName | courseRoleId | available |
      | jdoe     | Instructor   | Yes       |
      | rroe     | Student      | Yes       |
      | kfold    | Grader       | Yes       |

  # sim-only: an export lists the records of the whole Learn, which a live run cannot keep apart per scenario
  @sim-only @doc:002_801da1cffc66035b:sub-records
  Scenario: Folded sub-records are accepted by Modify too, including Modify (Delete)
    When the connector modifies the User "asmith":
      """
      {"subRecordsInFoldedState": true, "delimiter": "|",
       "add": {"courseMembership->courseId": "MATH101|BIO201", "courseMembership->role": "GRADER|STUDENT"}}
      """
    Then the connector answers success
    When the connector modifies the User "asmith":
      """
      {"subRecordsInFoldedState": true, "delimiter": "|", "delete": {"courseMembership->courseId": "MATH101"}}
      """
    Then the connector answers success
    And Learn's REST API shows the members of "MATH101" as:
      | userName | courseRoleId | available |
      | jdoe     | Student      | Yes       |
    And Learn's REST API shows the members of "BIO201" as:
      | userName | courseRoleId | available |
      | jdoe     | Instructor   | Yes       |
      | rroe     | Student      | Yes       |
      | asmith   | Student      | Yes       |

  # sim-only: an export lists the records of the whole Learn, which a live run cannot keep apart per scenario
  @sim-only @doc:002_801da1cffc66035b:sub-records
  Scenario: Folded input whose parts do not line up is refused
    When the connector adds the User record folded with the delimiter "|":
      """
      {"userName": "kfold", "password": "Pa55!word", "givenName": "Kim", "familyName": "Fold",
       "courseMembership->courseId": "MATH101|BIO201", "courseMembership->role": "STUDENT"}
      """
    Then the connector refuses it with HTTP 400 naming "courseMembership" and the rule "value"
    And there is no user "kfold"

  # sim-only: an export lists the records of the whole Learn, which a live run cannot keep apart per scenario
  @sim-only @doc:002_801da1cffc66035b:export-delta
  Scenario: The first delta export lists every record as added, the next one only what changed
    Given the connector has exported User with:
      """
      {"exportMode": "DeltaExport", "dataFormat": "ChangeLog", "filter": "batchUid startsWith \"P-\""}
      """
    Then the export changes are:
      | changeType | id             | attributes |
      | add        | {user:jdoe}    | batchUid, familyName, givenName, userId, lastLoginDate, systemRole, userName, isAvailable, isInfoPublic, portalRoleId, showAddContactInfo, showAddressInfo, showEmailInfo, showWorkInfo, courseMembership |
      | add        | {user:rroe}    | batchUid, familyName, givenName, userId, lastLoginDate, systemRole, userName, isAvailable, isInfoPublic, portalRoleId, showAddContactInfo, showAddressInfo, showEmailInfo, showWorkInfo, courseMembership, groupMembership, userRole |
      | add        | {user:asmith}  | batchUid, familyName, givenName, userId, systemRole, userName, isAvailable, isInfoPublic, portalRoleId, showAddContactInfo, showAddressInfo, showEmailInfo, showWorkInfo |
    When the connector modifies the User "jdoe":
      """
      {"add": {"mobilePhone": "+1 555 0100"}}
      """
    And the connector exports User with:
      """
      {"exportMode": "DeltaExport", "dataFormat": "ChangeLog", "filter": "batchUid startsWith \"P-\""}
      """
    Then the export changes are:
      | changeType | id          | attributes                                               |
      | modify     | {user:jdoe} | familyName, givenName, userId, mobilePhone, userName     |

  # sim-only: an export lists the records of the whole Learn, which a live run cannot keep apart per scenario
  @sim-only @doc:002_801da1cffc66035b:export-delta-modes
  Scenario Outline: DeltaExportMode <mode> chooses the attributes of a changed record
    Given the connector has exported User with:
      """
      {"exportMode": "DeltaExport", "query": "people", "filter": "batchUid startsWith \"P-\""}
      """
    And the connector has modified the User "rroe":
      """
      {"add": {"mobilePhone": "+1 555 0199"}, "delete": ["lastLoginDate"]}
      """
    When the connector exports User with:
      """
      {"exportMode": "DeltaExport", "query": "people", "deltaExportMode": "<mode>", "alwaysExport": ["batchUid"],
       "filter": "batchUid startsWith \"P-\""}
      """
    Then the exported record attributes are, in order:
      | attributes   |
      | <attributes> |
    And the answer has "records.0.lastLoginDate" = <lastLoginDate>

    Examples:
      | mode                          | lastLoginDate | attributes                                                                                                                                                                                    |
      | OnlyChangedAttributes         | null          | userId, lastLoginDate, mobilePhone                                                                                                                                                            |
      | ChangedAndMandatoryAttributes | null          | batchUid, familyName, givenName, userId, lastLoginDate, mobilePhone, userName                                                                                                                 |
      | AllAttributes                 | null          | batchUid, familyName, givenName, userId, lastLoginDate, mobilePhone, systemRole, userName, isAvailable, isInfoPublic, portalRoleId, showAddContactInfo, showAddressInfo, showEmailInfo, showWorkInfo, courseMembership, groupMembership, userRole |

  # sim-only: an export lists the records of the whole Learn, which a live run cannot keep apart per scenario
  @sim-only @doc:002_801da1cffc66035b:export-delta
  Scenario: A delta export reports deleted records, apart in Profiles and as changes in a ChangeLog
    Given the connector has exported User with:
      """
      {"exportMode": "DeltaExport", "query": "profiles", "filter": "batchUid startsWith \"P-\""}
      """
    And the connector has exported User with:
      """
      {"exportMode": "DeltaExport", "query": "log", "dataFormat": "ChangeLog", "filter": "batchUid startsWith \"P-\""}
      """
    And the connector has added the User record:
      """
      {"userName": "nnew", "password": "Pa55!word", "givenName": "Nia", "familyName": "New", "batchUid": "P-4"}
      """
    And the answer has "id" = "{user:nnew}"
    When the connector deletes the User "asmith"
    And the connector exports User with:
      """
      {"exportMode": "DeltaExport", "query": "profiles", "filter": "batchUid startsWith \"P-\""}
      """
    Then the exported userName values are "nnew"
    And the connector's last export deleted exactly one record
    When the connector exports User with:
      """
      {"exportMode": "DeltaExport", "query": "log", "dataFormat": "ChangeLog", "filter": "batchUid startsWith \"P-\""}
      """
    Then the change types are "add, delete"

  # sim-only: an export lists the records of the whole Learn, which a live run cannot keep apart per scenario
  @sim-only @doc:002_801da1cffc66035b:export-delta
  Scenario: Nothing changed: an empty delta
    Given the connector has exported Course with:
      """
      {"exportMode": "DeltaExport"}
      """
    When the connector exports Course with:
      """
      {"exportMode": "DeltaExport"}
      """
    Then the export lists no records

  # sim-only: an export lists the records of the whole Learn, which a live run cannot keep apart per scenario
  @sim-only @doc:002_801da1cffc66035b:filters
  Scenario Outline: Filter <key> <operator> <value>
    When the connector exports User with:
      """
      {"filter": [{"key": "<key>", "operator": "<operator>", "<field>": "<value>"},
                  {"key": "userName", "operator": "notEquals", "value": "svc_admin"}]}
      """
    Then the exported userName values are "<users>"

    Examples:
      | key                | operator       | field | value                      | users             |
      | userName           | equals         | value | RROE                       | rroe              |
      | userName           | notEquals      | value | rroe                       | jdoe, asmith      |
      | userName           | startsWith     | value | a                          | asmith            |
      | userName           | endsWith       | value | oe                         | jdoe, rroe        |
      | userName           | contains       | value | mit                        | asmith            |
      | batchUid           | equals         | value | P-2                        | rroe              |
      | id                 | equals         | value | {user:asmith}              | asmith            |
      | courseId           | equals         | value | BIO201                     | jdoe, rroe        |
      | courseId           | equals         | value | {course:MATH101}           | jdoe              |
      | courseMembershipId | equals         | value | {membership:MATH101/jdoe}  | jdoe              |
      | groupId            | equals         | value | {group:BIO201/Lab partners} | rroe             |
      | portalRoleId       | equals         | value | LIBRARY                    | rroe              |
      | portalRoleId       | equals         | value | STUDENT                    | jdoe, rroe, asmith |
      | lastLoginDate      | before         | date  | 2026-01-03                 | jdoe              |
      | lastLoginDate      | after          | date  | 2026-01-03                 | rroe              |
      | lastLoginDate      | on             | date  | 2026-01-04                 | rroe              |
      | lastLoginDate      | greaterOrEqual | date  | 2026-01-02T08:00:00Z       | jdoe, rroe        |
      | familyName         | lessThan       | value | R                          | jdoe              |

  # sim-only: an export lists the records of the whole Learn, which a live run cannot keep apart per scenario
  @sim-only @doc:002_801da1cffc66035b:filters
  Scenario: Filters written as filter text
    When the connector exports User with:
      """
      {"filter": "courseId equals \"BIO201\" and lastLoginDate after 2026-01-03"}
      """
    Then the exported userName values are "rroe"

  # sim-only: an export lists the records of the whole Learn, which a live run cannot keep apart per scenario
  @sim-only @doc:002_801da1cffc66035b:filters
  Scenario Outline: Filters of other data formats: <format> by <key>
    When the connector exports <format> with:
      """
      {"filter": [{"key": "<key>", "operator": "equals", "value": "<value>"}]}
      """
    Then the exported <shown> values are "<expected>"

    Examples:
      | format     | key      | value           | shown              | expected     |
      | Course     | userName | rroe            | associatedCourseId | BIO201       |
      | Course     | courseId | MATH101         | associatedCourseId | MATH101      |
      | Group      | courseId | BIO201          | title              | Lab partners |
      | Group      | userName | rroe            | title              | Lab partners |
      | PortalRole | userName | rroe            | roleID             | STUDENT, LIBRARY |

  # sim-only: an export lists the records of the whole Learn, which a live run cannot keep apart per scenario
  @sim-only @doc:002_801da1cffc66035b:filters
  Scenario Outline: A filter the connector cannot read is refused, naming the filter
    When the connector exports User with:
      """
      {"filter": <filter>}
      """
    Then the connector refuses it with HTTP 400 naming "filter" and the rule "value"

    Examples:
      | filter                                                              |
      | [{"key": "shoeSize", "operator": "equals", "value": "9"}]           |
      | [{"key": "userName", "operator": "resembles", "value": "j"}]        |
      | [{"key": "lastLoginDate", "operator": "before", "date": "soon"}]    |
      | [{"key": "userName", "operator": "before", "value": "j"}]           |
      | "userName is jdoe please"                                           |

  # sim-only: an export lists the records of the whole Learn, which a live run cannot keep apart per scenario
  @sim-only @doc:002_801da1cffc66035b:paging
  Scenario: Paging hands out the export a page at a time
    When the connector exports User with:
      """
      {"pageSize": 2, "filter": "batchUid startsWith \"P-\""}
      """
    Then the export has 2 records and a next page
    And the exported userName values are "jdoe, rroe"
    When the connector asks for the next page
    Then the export has 1 records and no next page
    And the exported userName values are "asmith"

  # sim-only: an export lists the records of the whole Learn, which a live run cannot keep apart per scenario
  @sim-only @doc:002_801da1cffc66035b:paging
  Scenario: A finished or unknown page cursor is refused
    When the connector asks for the export page "0123456789abcdef"
    Then the connector refuses it with HTTP 404 naming "cursor" and the rule "not-found"

  # sim-only: an export lists the records of the whole Learn, which a live run cannot keep apart per scenario
  @sim-only @doc:002_801da1cffc66035b:export-full
  Scenario Outline: Export options are checked: <option>
    When the connector exports User with:
      """
      {"<option>": <value>}
      """
    Then the connector refuses it with HTTP 400 naming "<option>" and the rule "value"

    Examples:
      | option          | value         |
      | exportMode      | "Everything"  |
      | deltaExportMode | "SomeOfThem"  |
      | dataFormat      | "Spreadsheet" |
      | pageSize        | 0             |
      | foldSubRecords  | "yes"         |
