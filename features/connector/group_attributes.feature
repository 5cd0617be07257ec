Feature: The Group data format's attribute table
  Seed 002 gives, for every attribute of the Group data format, whether it is
  multi-valued, and whether it can be set on create, changed by Modify,
  removed by Modify (Delete), and whether it is mandatory on create. Each row below is
  one row of that table (names written without the stray spaces of the source and with
  `->` for sub-record attributes; a blank mandatory cell is read as NA), and each one
  is run against the connector: the connector must declare the same flags and behave
  by them.

  Background:
    Given a Learn user "svc_admin" with password "Adm1n!pw" and system role "sys_admin"
    And the connector is called as "svc_admin" with password "Adm1n!pw"

  @portable @doc:002_801da1cffc66035b:group-attributes
  Scenario Outline: The Group attribute <name> is declared and behaves as its row says
    Then the Group attribute "<name>" is declared multi <multi>, create <create>, modify <modify>, remove <remove>, mandatory <mandatory>
    And the Group attribute "<name>" behaves as declared

    Examples:
      | name                                | multi | create | modify | remove | mandatory |
      | courseId                            | N     | Y      | Y      | Y      | Y         |
      | description                         | N     | Y      | Y      | Y      | N         |
      | groupId                             | N     | N      | N      | N      | NA        |
      | isAvailable                         | N     | Y      | Y      | Y      | N         |
      | isChatRoomAvailable                 | N     | Y      | Y      | Y      | N         |
      | isDiscussionBoardAvailable          | N     | Y      | Y      | Y      | N         |
      | isEmailAvailable                    | N     | Y      | Y      | Y      | N         |
      | isTransferAreaAvailable             | N     | Y      | Y      | Y      | N         |
      | isAllowEditToGroup                  | N     | Y      | Y      | Y      | N         |
      | isCustomizable                      | N     | Y      | Y      | Y      | N         |
      | isGroupSet                          | N     | Y      | Y      | Y      | N         |
      | isSelfEnrolledAllowed               | N     | Y      | N      | Y      | N         |
      | isShowSignUp                        | N     | Y      | Y      | Y      | N         |
      | isSignUpOnly                        | N     | Y      | Y      | Y      | N         |
      | isWithForum                         | N     | Y      | Y      | Y      | Y         |
      | maximumEnrollment                   | N     | Y      | Y      | Y      | N         |
      | modifiedDate                        | N     | Y      | Y      | Y      | N         |
      | setId                               | N     | Y      | Y      | Y      | N         |
      | tabId                               | N     | Y      | Y      | Y      | N         |
      | title                               | N     | Y      | Y      | Y      | Y         |
      | groupMembership->groupMembershipId  | Y     | N      | N      | N      | N         |
      | groupMembership->courseMembershipId | Y     | Y      | N      | Y      | Y         |
      | groupMembership->role               | Y     | Y      | Y      | Y      | N         |
