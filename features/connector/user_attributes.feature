Feature: The User data format's attribute table
  Seed 002 gives, for every attribute of the User data format, whether it is
  multi-valued, personal information, and whether it can be set on create, changed by Modify,
  removed by Modify (Delete), and whether it is mandatory on create. Each row below is
  one row of that table (names written without the stray spaces of the source and with
  `->` for sub-record attributes; a blank mandatory cell is read as NA), and each one
  is run against the connector: the connector must declare the same flags and behave
  by them.

  Background:
    Given a Learn user "svc_admin" with password "Adm1n!pw" and system role "sys_admin"
    And the connector is called as "svc_admin" with password "Adm1n!pw"

  @portable @doc:002_801da1cffc66035b:user-attributes
  Scenario Outline: The User attribute <name> is declared and behaves as its row says
    Then the User attribute "<name>" is declared personal <personal>, multi <multi>, create <create>, modify <modify>, remove <remove>, mandatory <mandatory>
    And the User attribute "<name>" behaves as declared

    Examples:
      | name                                          | personal | multi | create | modify | remove | mandatory |
      | batchUid                                      | N        | N     | Y      | Y      | Y      | N         |
      | businessFax                                   | N        | N     | Y      | Y      | Y      | N         |
      | businessPhone1                                | N        | N     | Y      | Y      | Y      | N         |
      | businessPhone2                                | N        | N     | Y      | Y      | Y      | N         |
      | cardNumber                                    | N        | N     | Y      | Y      | Y      | N         |
      | city                                          | N        | N     | Y      | Y      | Y      | N         |
      | company                                       | N        | N     | Y      | Y      | Y      | N         |
      | country                                       | N        | N     | Y      | Y      | Y      | N         |
      | department                                    | N        | N     | Y      | Y      | Y      | N         |
      | emailAddress                                  | N        | N     | Y      | Y      | Y      | N         |
      | familyName                                    | N        | N     | Y      | Y      | Y      | Y         |
      | givenName                                     | N        | N     | Y      | Y      | Y      | Y         |
      | homeFax                                       | N        | N     | Y      | Y      | Y      | N         |
      | homePhone1                                    | N        | N     | Y      | Y      | Y      | N         |
      | homePhone2                                    | N        | N     | Y      | Y      | Y      | N         |
      | userId                                        | N        | N     | N      | N      | N      | NA        |
      | jobTitle                                      | N        | N     | Y      | Y      | Y      | N         |
      | lastLoginDate                                 | N        | N     | Y      | Y      | Y      | N         |
      | middleName                                    | N        | N     | Y      | Y      | Y      | N         |
      | mobilePhone                                   | N        | N     | Y      | Y      | Y      | N         |
      | password                                      | N        | N     | Y      | Y      | Y      | Y         |
      | state                                         | N        | N     | Y      | Y      | Y      | N         |
      | street1                                       | N        | N     | Y      | Y      | Y      | N         |
      | street2                                       | N        | N     | Y      | Y      | Y      | N         |
      | systemRole                                    | N        | N     | Y      | Y      | Y      | N         |
      | title                                         | N        | N     | Y      | Y      | Y      | N         |
      | userName                                      | N        | N     | Y      | Y      | Y      | Y         |
      | webPage                                       | N        | N     | Y      | Y      | Y      | N         |
      | zipCode                                       | N        | N     | Y      | Y      | Y      | N         |
      | birthdate                                     | Y        | N     | Y      | Y      | Y      | N         |
      | CDRomDriveMac                                 | Y        | N     | Y      | Y      | Y      | N         |
      | CDRomDrivePC                                  | Y        | N     | Y      | Y      | Y      | N         |
      | educationLevel                                | Y        | N     | Y      | Y      | Y      | N         |
      | gender                                        | Y        | N     | Y      | Y      | Y      | N         |
      | isAvailable                                   | Y        | N     | Y      | Y      | Y      | N         |
      | isInfoPublic                                  | Y        | N     | Y      | Y      | Y      | N         |
      | portalRoleId                                  | Y        | N     | Y      | Y      | Y      | N         |
      | locale                                        | Y        | N     | Y      | Y      | Y      | N         |
      | showAddContactInfo                            | Y        | N     | Y      | Y      | Y      | N         |
      | showAddressInfo                               | Y        | N     | Y      | Y      | Y      | N         |
      | showEmailInfo                                 | Y        | N     | Y      | Y      | Y      | N         |
      | showWorkInfo                                  | Y        | N     | Y      | Y      | Y      | N         |
      | studentId                                     | Y        | N     | Y      | Y      | Y      | N         |
      | courseMembership->courseId                    | Y        | Y     | Y      | N      | N      | Y         |
      | courseMembership->childCourseId               | Y        | Y     | Y      | Y      | Y      | N         |
      | courseMembership->enrollmentDate              | Y        | Y     | Y      | Y      | Y      | N         |
      | courseMembership->hasCartridgeAccess          | Y        | Y     | Y      | Y      | Y      | N         |
      | courseMembership->courseMembershipId          | Y        | Y     | N      | N      | N      | NA        |
      | courseMembership->includedInRoster            | Y        | Y     | Y      | Y      | Y      | N         |
      | courseMembership->introduction                | Y        | Y     | Y      | Y      | Y      | N         |
      | courseMembership->isCourseMembershipAvailable | Y        | Y     | Y      | Y      | Y      | N         |
      | courseMembership->notes                       | Y        | Y     | Y      | Y      | Y      | N         |
      | courseMembership->personalInfo                | Y        | Y     | Y      | Y      | Y      | N         |
      | courseMembership->receiveEmail                | Y        | Y     | Y      | Y      | Y      | N         |
      | courseMembership->role                        | Y        | Y     | Y      | Y      | Y      | N         |
      | groupMembership->groupId                      | Y        | Y     | Y      | N      | N      | Y         |
      | groupMembership->groupMembershipId            | Y        | Y     | N      | N      | N      | NA        |
      | groupMembership->groupRoleIdentifier          | Y        | Y     | Y      | Y      | Y      | N         |
      | userRole->userRoleId                          | Y        | Y     | N      | N      | N      | NA        |
      | userRole->portalRoleId                        | Y        | Y     | Y      | N      | N      | Y         |
