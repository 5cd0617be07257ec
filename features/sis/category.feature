Feature: Catalog category feeds
  The coursecategory and organizationcategory feeds keep the course catalog's categories
  (SPEC 7): keyed by external_category_key (REST's categoryId), with a title, an optional
  parent category that must exist, availability and row status.

  Background:
    Given an SIS integration "BBLEARN" with data source "SIS.CATALOG"

  @portable
  Scenario: A store creates course categories and their hierarchy
    When the coursecategory feed is posted to "store":
      """
      External_Category_Key|TITLE|FRONTPAGE_IND|PARENT_CATEGORY_KEY
      CAT-STEM|STEM Courses|Y|
      CAT-MATH|Mathematics|N|CAT-STEM
      """
    Then the feed is accepted
    And the data set status shows 2 completed, 0 errors, 0 warnings and 0 queued
    And the Course categories are:
      | categoryId | title        | frontPage | available | parent   |
      | CAT-STEM   | STEM Courses | true      | true      |          |
      | CAT-MATH   | Mathematics  | false     | true      | CAT-STEM |

  @portable
  Scenario: A store creates organization categories apart from course categories
    When the organizationcategory feed is posted to "store":
      """
      EXTERNAL_CATEGORY_KEY|TITLE|AVAILABLE_IND
      CAT-CLUBS|Clubs|N
      """
    Then the data set status shows 1 completed, 0 errors, 0 warnings and 0 queued
    And the Organization categories are:
      | categoryId | title | available |
      | CAT-CLUBS  | Clubs | false     |
    And there is no Course category "CAT-CLUBS"

  @portable
  Scenario: A missing parent, a bad flag or a title too long is refused; the other rows apply
    When the coursecategory feed is posted to "store":
      """
      EXTERNAL_CATEGORY_KEY|TITLE|FRONTPAGE_IND|PARENT_CATEGORY_KEY
      CAT-STEM|STEM Courses||
      CAT-MATH|Mathematics||CAT-NONE
      CAT-ART|Art|maybe|
      CAT-BIO|xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx||
      """
    Then the data set status shows 4 completed, 3 errors, 0 warnings and 0 queued
    And the Course categories are:
      | categoryId | title        |
      | CAT-STEM   | STEM Courses |
    And there is no Course category "CAT-MATH"
    And there is no Course category "CAT-ART"
    And there is no Course category "CAT-BIO"

  @sim-only
  Scenario: The log names the missing parent and a key of the other type
    Given the organizationcategory feed has been posted to "store":
      """
      EXTERNAL_CATEGORY_KEY|TITLE
      CAT-CLUBS|Clubs
      """
    When the coursecategory feed is posted to "store":
      """
      EXTERNAL_CATEGORY_KEY|TITLE|PARENT_CATEGORY_KEY
      CAT-MATH|Mathematics|CAT-NONE
      CAT-CLUBS|Clubs|
      """
    Then the data set log has an error on line 2 about "parent_category_key 'CAT-NONE': no parent category with that key exists"
    And the data set log has an error on line 3 about "external_category_key 'CAT-CLUBS' is a category of type Organization, not Course"

  @portable
  Scenario: A delete disables a category; REST shows it unavailable
    Given the coursecategory feed has been posted to "store":
      """
      EXTERNAL_CATEGORY_KEY|TITLE
      CAT-STEM|STEM Courses
      """
    When the coursecategory feed is posted to "delete":
      """
      EXTERNAL_CATEGORY_KEY
      CAT-STEM
      """
    Then the Course categories are:
      | categoryId | available |
      | CAT-STEM   | false     |

  @portable @destructive
  Scenario: A Complete Refresh disables the course categories left out, never organization categories
    Given the coursecategory feed has been posted to "store":
      """
      EXTERNAL_CATEGORY_KEY|TITLE
      CAT-STEM|STEM Courses
      CAT-ARTS|Arts
      """
    And the organizationcategory feed has been posted to "store":
      """
      EXTERNAL_CATEGORY_KEY|TITLE
      CAT-CLUBS|Clubs
      """
    When the coursecategory feed is posted to "refresh":
      """
      EXTERNAL_CATEGORY_KEY|TITLE
      CAT-STEM|STEM Courses
      """
    Then the Course categories are:
      | categoryId | available |
      | CAT-STEM   | true      |
      | CAT-ARTS   | false     |
    And the Organization categories are:
      | categoryId | available |
      | CAT-CLUBS  | true      |

  @portable @destructive
  Scenario: A Complete Refresh By Data Source of organization categories keeps other data sources
    Given the organizationcategory feed has been posted to "store":
      """
      EXTERNAL_CATEGORY_KEY|TITLE|DATA_SOURCE_KEY
      CAT-CLUBS|Clubs|SIS.CATALOG
      CAT-SPORT|Sports|SIS.SPORT
      """
    When the organizationcategory feed is posted to "refreshlegacy":
      """
      EXTERNAL_CATEGORY_KEY|TITLE
      CAT-MUSIC|Music
      """
    Then the Organization categories are:
      | categoryId | available |
      | CAT-CLUBS  | false     |
      | CAT-SPORT  | true      |
      | CAT-MUSIC  | true      |
