Feature: The PortalRole data format's attribute table
  Seed 002 gives, for every attribute of the PortalRole data format, whether it is
  multi-valued, and whether it can be set on create, changed by Modify,
  removed by Modify (Delete), and whether it is mandatory on create. Each row below is
  one row of that table (names written without the stray spaces of the source and with
  `->` for sub-record attributes; a blank mandatory cell is read as NA), and each one
  is run against the connector: the connector must declare the same flags and behave
  by them.

  Background:
    Given a Learn user "svc_admin" with password "Adm1n!pw" and system role "sys_admin"
    And the connector is called as "svc_admin" with password "Adm1n!pw"

  @portable @doc:002_801da1cffc66035b:portalrole-attributes
  Scenario Outline: The PortalRole attribute <name> is declared and behaves as its row says
    Then the PortalRole attribute "<name>" is declared multi <multi>, create <create>, modify <modify>, remove <remove>, mandatory <mandatory>
    And the PortalRole attribute "<name>" behaves as declared

    Examples:
      | name                 | multi | create | modify | remove | mandatory |
      | description          | N     | Y      | Y      | Y      | N         |
      | isGuest              | N     | Y      | Y      | Y      | N         |
      | isRemovable          | N     | Y      | Y      | Y      | N         |
      | isSelfSelectable     | N     | Y      | Y      | Y      | N         |
      | portalRoleId         | N     | N      | N      | N      | NA        |
      | roleID               | N     | Y      | Y      | Y      | Y         |
      | roleName             | N     | Y      | Y      | Y      | Y         |
      | userRole->userRoleId | Y     | N      | N      | N      | NA        |
      | userRole->userId     | Y     | Y      | N      | Y      | Y         |
