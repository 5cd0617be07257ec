Feature: Catalog category membership feeds
  The coursecategorymembership and organizationcategorymembership feeds place courses
  and organizations in catalog categories (SPEC 7). The category and the course must
  exist and be of the feed's type.

  Background:
    Given an SIS integration "BBLEARN" with data source "SIS.CATALOG"
    And the course feed has been posted to "store":
      """
      EXTERNAL_COURSE_KEY|COURSE_ID|COURSE_NAME
      MATH101-F25|MATH101_F25|Calculus I
      BIO100-F25|BIO100_F25|Biology
      """
    And the organization feed has been posted to "store":
      """
      EXTERNAL_ORGANIZATION_KEY|ORGANIZATION_ID|ORGANIZATION_NAME
      CHESS-CLUB|CHESS_CLUB|Chess Club
      """
    And the coursecategory feed has been posted to "store":
      """
      EXTERNAL_CATEGORY_KEY|TITLE
      CAT-STEM|STEM Courses
      """
    And the organizationcategory feed has been posted to "store":
      """
      EXTERNAL_CATEGORY_KEY|TITLE
      CAT-CLUBS|Clubs
      """

  @portable
  Scenario: A store places courses in a course category and organizations in an organization category
    When the coursecategorymembership feed is posted to "store":
      """
      External_Category_Key|EXTERNAL_COURSE_KEY
      CAT-STEM|MATH101-F25
      CAT-STEM|BIO100-F25
      """
    And the organizationcategorymembership feed is posted to "store":
      """
      EXTERNAL_CATEGORY_KEY|EXTERNAL_ORGANIZATION_KEY
      CAT-CLUBS|CHESS-CLUB
      """
    Then the data set status shows 1 completed, 0 errors, 0 warnings and 0 queued
    And the Course category "CAT-STEM" lists "BIO100-F25", "MATH101-F25"
    And the Organization category "CAT-CLUBS" lists "CHESS-CLUB"

  @portable
  Scenario: A place naming a missing category, a missing course or the wrong type is refused
    When the coursecategorymembership feed is posted to "store":
      """
      EXTERNAL_CATEGORY_KEY|EXTERNAL_COURSE_KEY
      CAT-NONE|MATH101-F25
      CAT-STEM|NOPE101-F25
      CAT-CLUBS|MATH101-F25
      CAT-STEM|CHESS-CLUB
      CAT-STEM|BIO100-F25
      """
    Then the data set status shows 5 completed, 4 errors, 0 warnings and 0 queued
    And the Course category "CAT-STEM" lists "BIO100-F25"
    And the Organization category "CAT-CLUBS" lists nothing

  @sim-only
  Scenario: The log names what is missing or of the wrong type
    When the coursecategorymembership feed is posted to "store":
      """
      EXTERNAL_CATEGORY_KEY|EXTERNAL_COURSE_KEY
      CAT-NONE|MATH101-F25
      CAT-STEM|NOPE101-F25
      CAT-STEM|CHESS-CLUB
      """
    Then the data set log has an error on line 2 about "external_category_key 'CAT-NONE': no such category exists"
    And the data set log has an error on line 3 about "external_course_key 'NOPE101-F25': no such course or organization exists"
    And the data set log has an error on line 4 about "external_course_key 'CHESS-CLUB': it is an organization"

  @portable
  Scenario: A delete takes a course out of the category, never the course or the category
    Given the coursecategorymembership feed has been posted to "store":
      """
      EXTERNAL_CATEGORY_KEY|EXTERNAL_COURSE_KEY
      CAT-STEM|MATH101-F25
      CAT-STEM|BIO100-F25
      """
    When the coursecategorymembership feed is posted to "delete":
      """
      EXTERNAL_CATEGORY_KEY|EXTERNAL_COURSE_KEY
      CAT-STEM|MATH101-F25
      """
    Then the Course category "CAT-STEM" lists "BIO100-F25"
    And the course "MATH101-F25" is available "Yes"
    And the Course categories are:
      | categoryId | available |
      | CAT-STEM   | true      |

  @portable @destructive
  Scenario: A Complete Refresh takes out the places the file leaves out, never organization places
    Given the coursecategorymembership feed has been posted to "store":
      """
      EXTERNAL_CATEGORY_KEY|EXTERNAL_COURSE_KEY
      CAT-STEM|MATH101-F25
      CAT-STEM|BIO100-F25
      """
    And the organizationcategorymembership feed has been posted to "store":
      """
      EXTERNAL_CATEGORY_KEY|EXTERNAL_ORGANIZATION_KEY
      CAT-CLUBS|CHESS-CLUB
      """
    When the coursecategorymembership feed is posted to "refresh":
      """
      EXTERNAL_CATEGORY_KEY|EXTERNAL_COURSE_KEY
      CAT-STEM|BIO100-F25
      """
    Then the Course category "CAT-STEM" lists "BIO100-F25"
    And the Organization category "CAT-CLUBS" lists "CHESS-CLUB"

  @portable @destructive
  Scenario: A Complete Refresh By Data Source keeps the places of other data sources
    Given the coursecategorymembership feed has been posted to "store":
      """
      EXTERNAL_CATEGORY_KEY|EXTERNAL_COURSE_KEY|DATA_SOURCE_KEY
      CAT-STEM|MATH101-F25|SIS.CATALOG
      CAT-STEM|BIO100-F25|SIS.OTHER
      """
    When the coursecategorymembership feed is posted to "refreshlegacy":
      """
      EXTERNAL_CATEGORY_KEY|EXTERNAL_COURSE_KEY
      """
    Then the Course category "CAT-STEM" lists "BIO100-F25", "MATH101-F25"

  @portable @destructive
  Scenario: Organization places follow the same refresh and delete rules
    Given the organization feed has been posted to "store":
      """
      EXTERNAL_ORGANIZATION_KEY|ORGANIZATION_ID|ORGANIZATION_NAME
      DRAMA-CLUB|DRAMA_CLUB|Drama Club
      """
    And the organizationcategorymembership feed has been posted to "store":
      """
      EXTERNAL_CATEGORY_KEY|EXTERNAL_ORGANIZATION_KEY
      CAT-CLUBS|CHESS-CLUB
      CAT-CLUBS|DRAMA-CLUB
      """
    When the organizationcategorymembership feed is posted to "refreshlegacy":
      """
      EXTERNAL_CATEGORY_KEY|EXTERNAL_ORGANIZATION_KEY
      CAT-CLUBS|DRAMA-CLUB
      """
    Then the Organization category "CAT-CLUBS" lists "DRAMA-CLUB"
    When the organizationcategorymembership feed is posted to "delete":
      """
      EXTERNAL_CATEGORY_KEY|EXTERNAL_ORGANIZATION_KEY
      CAT-CLUBS|DRAMA-CLUB
      """
    Then the Organization category "CAT-CLUBS" lists nothing
