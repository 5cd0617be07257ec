Feature: The Course data format's attribute table
  Seed 002 gives, for every attribute of the Course data format, whether it is
  multi-valued, and whether it can be set on create, changed by Modify,
  removed by Modify (Delete), and whether it is mandatory on create. Each row below is
  one row of that table (names written without the stray spaces of the source and with
  `->` for sub-record attributes; a blank mandatory cell is read as NA), and each one
  is run against the connector: the connector must declare the same flags and behave
  by them.

  Background:
    Given a Learn user "svc_admin" with password "Adm1n!pw" and system role "sys_admin"
    And the connector is called as "svc_admin" with password "Adm1n!pw"

  @portable @doc:002_801da1cffc66035b:course-attributes
  Scenario Outline: The Course attribute <name> is declared and behaves as its row says
    Then the Course attribute "<name>" is declared multi <multi>, create <create>, modify <modify>, remove <remove>, mandatory <mandatory>
    And the Course attribute "<name>" behaves as declared

    Examples:
      | name                                          | multi | create | modify | remove | mandatory |
      | absoluteLimit                                 | N     | Y      | Y      | Y      | N         |
      | allowGuests                                   | N     | Y      | Y      | Y      | N         |
      | allowObservers                                | N     | Y      | Y      | Y      | N         |
      | batchUid                                      | N     | Y      | Y      | Y      | N         |
      | associatedCourseId                            | N     | Y      | N      | N      | Y         |
      | description                                   | N     | Y      | Y      | Y      | N         |
      | durationType                                  | N     | Y      | Y      | Y      | N         |
      | endDate                                       | N     | Y      | Y      | Y      | N         |
      | enrollmentAccessCode                          | N     | Y      | Y      | Y      | N         |
      | enrollmentEndDate                             | N     | Y      | Y      | Y      | N         |
      | enrollmentStartDate                           | N     | Y      | Y      | Y      | N         |
      | enrollmentType                                | N     | Y      | Y      | Y      | N         |
      | fee                                           | N     | Y      | Y      | Y      | N         |
      | hasDescriptionPage                            | N     | Y      | Y      | Y      | N         |
      | courseId                                      | N     | N      | N      | N      | NA        |
      | institutionName                               | N     | Y      | Y      | Y      | N         |
      | isAvailable                                   | N     | Y      | Y      | Y      | N         |
      | isLocaleEnforced                              | N     | Y      | Y      | Y      | N         |
      | isLockedOut                                   | N     | Y      | Y      | Y      | N         |
      | isNavCollapsible                              | N     | Y      | Y      | Y      | N         |
      | locale                                        | N     | Y      | Y      | Y      | N         |
      | navColorBg                                    | N     | Y      | Y      | Y      | N         |
      | navColorFg                                    | N     | Y      | Y      | Y      | N         |
      | numDaysOfUse                                  | N     | Y      | Y      | Y      | N         |
      | paceType                                      | N     | Y      | Y      | Y      | N         |
      | serviceLevelType                              | N     | Y      | Y      | Y      | N         |
      | showInCatalog                                 | N     | Y      | Y      | Y      | N         |
      | softLimit                                     | N     | Y      | Y      | Y      | N         |
      | startDate                                     | N     | Y      | Y      | Y      | N         |
      | title                                         | N     | Y      | Y      | Y      | Y         |
      | uploadLimit                                   | N     | Y      | Y      | Y      | N         |
      | courseMembership->childCourseId               | Y     | Y      | Y      | Y      | N         |
      | courseMembership->enrollmentDate              | Y     | Y      | Y      | Y      | N         |
      | courseMembership->hasCartridgeAccess          | Y     | Y      | Y      | Y      | N         |
      | courseMembership->courseMembershipId          | Y     | N      | N      | N      | N         |
      | courseMembership->includedInRoster            | Y     | Y      | Y      | Y      | N         |
      | courseMembership->introduction                | Y     | Y      | Y      | Y      | N         |
      | courseMembership->isCourseMembershipAvailable | Y     | Y      | Y      | Y      | N         |
      | courseMembership->notes                       | Y     | Y      | Y      | Y      | N         |
      | courseMembership->personalInfo                | Y     | Y      | Y      | Y      | N         |
      | courseMembership->receiveEmail                | Y     | Y      | Y      | Y      | N         |
      | courseMembership->role                        | Y     | Y      | Y      | Y      | N         |
      | courseMembership->userId                      | Y     | Y      | N      | N      | Y         |
