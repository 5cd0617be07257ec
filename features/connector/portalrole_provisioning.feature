Feature: Provisioning portal roles
  Portal roles are Learn's institution roles. A user has one primary portal role and
  any number of secondary ones (userRole). Add creates a portal role and can give it
  to users as a secondary role; Modify (Add) gives it to more users and keeps the
  others; Modify (Replace) changes its description and name; Modify (Delete) takes
  it from users; Delete removes the role and every userRole of it.

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

  @portable @doc:002_801da1cffc66035b:operations-portalrole-add
  Scenario: Add creates a portal role held by users as a secondary role
    When the connector adds the PortalRole record:
      """
      {"roleID": "LIBRARY", "roleName": "Library staff", "description": "Circulation desk",
       "userRole": [{"userId": "jdoe"}]}
      """
    Then the connector answers success
    And the institution role "LIBRARY" is shown by REST with the name "Library staff"
    And the users are:
      | userName | institutionRoles |
      | jdoe     | STUDENT,LIBRARY  |
      | rroe     | STUDENT          |

  @portable @doc:002_801da1cffc66035b:portal-roles
  Scenario: A user's primary portal role cannot also be a secondary one
    When the connector modifies the User "jdoe":
      """
      {"add": {"userRole": [{"portalRoleId": "STUDENT"}]}}
      """
    Then the connector refuses it with HTTP 409 naming "userRole->portalRoleId" and the rule "constraint"

  @portable @doc:002_801da1cffc66035b:portal-roles
  Scenario: Making a secondary role the primary one leaves one primary and the other secondaries
    Given the connector has added the PortalRole record:
      """
      {"roleID": "LIBRARY", "roleName": "Library staff", "userRole": [{"userId": "jdoe"}]}
      """
    And the connector has added the PortalRole record:
      """
      {"roleID": "COACH", "roleName": "Coach", "userRole": [{"userId": "jdoe"}]}
      """
    When the connector modifies the User "jdoe":
      """
      {"replace": {"portalRoleId": "LIBRARY"}}
      """
    Then the connector answers success
    And the users are:
      | userName | institutionRoles |
      | jdoe     | LIBRARY,COACH    |

  @portable @doc:002_801da1cffc66035b:operations-portalrole-modify-add
  Scenario: Modify (Add) gives the role to more users and keeps the others
    Given the connector has added the PortalRole record:
      """
      {"roleID": "LIBRARY", "roleName": "Library staff", "userRole": [{"userId": "jdoe"}]}
      """
    When the connector modifies the PortalRole "LIBRARY":
      """
      {"add": {"userRole": [{"userId": "rroe"}]}}
      """
    Then the connector answers success
    And the users are:
      | userName | institutionRoles |
      | jdoe     | STUDENT,LIBRARY  |
      | rroe     | STUDENT,LIBRARY  |

  @portable @doc:002_801da1cffc66035b:operations-portalrole-modify-replace
  Scenario: Modify (Replace) changes the description and the name, and keeps the holders
    Given the connector has added the PortalRole record:
      """
      {"roleID": "LIBRARY", "roleName": "Library staff", "userRole": [{"userId": "jdoe"}]}
      """
    When the connector modifies the PortalRole "LIBRARY":
      """
      {"replace": {"roleName": "Library team", "description": "All library staff"}}
      """
    Then the connector answers success
    And the institution role "LIBRARY" is shown by REST with the name "Library team"
    And the users are:
      | userName | institutionRoles |
      | jdoe     | STUDENT,LIBRARY  |

  @portable @doc:002_801da1cffc66035b:portalrole-attributes
  Scenario: Changing roleID renames the role for every holder
    Given the connector has added the PortalRole record:
      """
      {"roleID": "LIBRARY", "roleName": "Library staff", "userRole": [{"userId": "jdoe"}]}
      """
    When the connector modifies the PortalRole "LIBRARY":
      """
      {"replace": {"roleID": "LIBRARIAN"}}
      """
    Then the connector answers success
    And the users are:
      | userName | institutionRoles  |
      | jdoe     | STUDENT,LIBRARIAN |

  @portable @doc:002_801da1cffc66035b:operations-portalrole-modify-delete
  Scenario: Modify (Delete) takes the role from a user
    Given the connector has added the PortalRole record:
      """
      {"roleID": "LIBRARY", "roleName": "Library staff", "userRole": [{"userId": "jdoe"}, {"userId": "rroe"}]}
      """
    When the connector modifies the PortalRole "LIBRARY":
      """
      {"delete": {"userRole": [{"userId": "jdoe"}]}}
      """
    Then the connector answers success
    And the users are:
      | userName | institutionRoles |
      | jdoe     | STUDENT          |
      | rroe     | STUDENT,LIBRARY  |

  @portable @doc:002_801da1cffc66035b:operations-portalrole-delete
  Scenario: Delete removes the role and every userRole of it
    Given the connector has added the PortalRole record:
      """
      {"roleID": "LIBRARY", "roleName": "Library staff", "userRole": [{"userId": "jdoe"}, {"userId": "rroe"}]}
      """
    When the connector deletes the PortalRole "LIBRARY"
    Then the connector answers success
    And REST shows no institution role "LIBRARY"
    And the users are:
      | userName | institutionRoles |
      | jdoe     | STUDENT          |
      | rroe     | STUDENT          |

  @portable @doc:002_801da1cffc66035b:operations-portalrole-delete
  Scenario: A role that is still someone's primary role is not deleted
    Given the connector has added the PortalRole record:
      """
      {"roleID": "LIBRARY", "roleName": "Library staff"}
      """
    And the connector has modified the User "jdoe":
      """
      {"replace": {"portalRoleId": "LIBRARY"}}
      """
    When the connector deletes the PortalRole "LIBRARY"
    Then the connector refuses it with HTTP 409 naming "roleID" and the rule "constraint"
    And the institution role "LIBRARY" is shown by REST with the name "Library staff"

  @portable @doc:002_801da1cffc66035b:portalrole-attributes
  Scenario: Learn's built-in roles are not removable
    When the connector deletes the PortalRole "STUDENT"
    Then the connector refuses it with HTTP 400 naming "isRemovable" and the rule "constraint"
