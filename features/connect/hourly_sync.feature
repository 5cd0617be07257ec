Feature: Hourly Connect synchronisation
  After the initial synchronisation Learn sends Connect, every hour and without any
  e-mail, only the users whose synced fields (first name, last name, SMS and voice
  numbers, whether they may have a contact) changed (seed 000, SPEC §2). These
  scenarios move the simulator's clock, so they run on simulators only.

  Background:
    Given an SIS integration "BBLEARN" with data source "SIS.PERSONS"
    And Blackboard Connect has the account "learn-connect" with password "c0nnect!", SIS code "SIS-4021" and e-mail "connect-admin@example.edu"
    And the person feed has been posted to "store":
      """
      EXTERNAL_PERSON_KEY|USER_ID|FIRSTNAME|LASTNAME|M_PHONE|H_PHONE_1
      hs1|aanderson_test|Alpha|Anderson|(202) 555-0101|617-555-0141
      hs2|bbrown_test|Beta|Brown|202-555-0102|617-555-0142
      hs3|gcarlin_test|Gamma|Carlin|202-555-0103|617-555-0143
      """
    And contact synchronisation is set up with account "learn-connect", password "c0nnect!" and SIS code "SIS-4021"

  # sim-only: moves the simulated clock
  @sim-only @doc:000_80ba62f1d4ac0441:hourly-update
  Scenario: A changed name reaches Connect at the next hourly run, on the same contact
    Given the initial contact synchronisation has been run
    And the Connect contact ids are remembered
    When the person feed is posted to "store":
      """
      EXTERNAL_PERSON_KEY|USER_ID|FIRSTNAME|LASTNAME|M_PHONE|H_PHONE_1
      hs2|bbrown_test|Bea|Browning|202-555-0102|617-555-0142
      """
    Then Connect holds the contacts:
      | user           | firstName | lastName | smsNumber    | voiceNumber |
      | aanderson_test | Alpha     | Anderson | +12025550101 |             |
      | bbrown_test    | Beta      | Brown    | +12025550102 |             |
      | gcarlin_test   | Gamma     | Carlin   | +12025550103 |             |
    When 1 hour passes
    Then Connect holds the contacts:
      | user           | firstName | lastName | smsNumber    | voiceNumber |
      | aanderson_test | Alpha     | Anderson | +12025550101 |             |
      | bbrown_test    | Bea       | Browning | +12025550102 |             |
      | gcarlin_test   | Gamma     | Carlin   | +12025550103 |             |
    And the contact of "bbrown_test" has the internal id that was remembered

  # sim-only: moves the simulated clock
  @sim-only @doc:000_80ba62f1d4ac0441:hourly-update
  Scenario: A changed mobile phone number reaches Connect at the next hourly run
    Given the initial contact synchronisation has been run
    When the person feed is posted to "store":
      """
      EXTERNAL_PERSON_KEY|USER_ID|FIRSTNAME|LASTNAME|M_PHONE
      hs3|gcarlin_test|Gamma|Carlin|+44 20 7946 0958
      """
    And 1 hour passes
    Then the last hourly run sent only "gcarlin_test"
    And Connect holds the contacts:
      | user           | firstName | lastName | smsNumber     | voiceNumber |
      | aanderson_test | Alpha     | Anderson | +12025550101  |             |
      | bbrown_test    | Beta      | Brown    | +12025550102  |             |
      | gcarlin_test   | Gamma     | Carlin   | +442079460958 |             |

  # sim-only: moves the simulated clock
  @sim-only @doc:000_80ba62f1d4ac0441:hourly-no-email
  Scenario: Hourly runs send no e-mail
    Given the initial contact synchronisation has been run
    When the person feed is posted to "store":
      """
      EXTERNAL_PERSON_KEY|USER_ID|FIRSTNAME|LASTNAME
      hs1|aanderson_test|Alfa|Anderson
      """
    And 1 hour passes
    Then the last hourly run sent only "aanderson_test"
    And Learn has sent 1 e-mail
    When 5 hours pass
    Then Learn has sent 1 e-mail

  # sim-only: moves the simulated clock
  @sim-only @doc:000_80ba62f1d4ac0441:hourly-only-changed
  Scenario: Users whose synced fields did not change are not sent again
    Given the initial contact synchronisation has been run
    When the person feed is posted to "store":
      """
      EXTERNAL_PERSON_KEY|USER_ID|FIRSTNAME|LASTNAME|M_PHONE|H_PHONE_1|EMAIL
      hs1|aanderson_test|Alpha|Anderson|(202) 555-0101|617-555-0199|alpha@example.edu
      hs2|bbrown_test|Beta|Brown|202-555-0102|617-555-0142|
      hs3|gcarlin_test|Gamma|Carlton|202-555-0103|617-555-0143|
      """
    And 1 hour passes
    Then the last hourly run sent only "gcarlin_test"
    And the contact of "aanderson_test" was never updated after it was created
    And the contact of "bbrown_test" was never updated after it was created

  # sim-only: moves the simulated clock
  @sim-only @doc:000_80ba62f1d4ac0441:hourly-only-changed
  Scenario: An hour without changes sends nothing
    Given the initial contact synchronisation has been run
    When 1 hour passes
    Then the last hourly run sent nothing

  # sim-only: moves the simulated clock
  @sim-only @doc:000_80ba62f1d4ac0441:hourly-after-initial-sync
  Scenario: The hourly runs start only after the initial synchronisation
    When 5 hours pass
    Then no hourly synchronisation has run
    And Connect holds no contacts
    When the full contact synchronisation has been run
    And the person feed is posted to "store":
      """
      EXTERNAL_PERSON_KEY|USER_ID|FIRSTNAME|LASTNAME|M_PHONE
      hs4|dday_test|Delta|Day|202-555-0104
      """
    And 1 hour passes
    Then the last hourly run sent only "dday_test"
    And the sync status of "dday_test" is synchronised with its Connect contact

  # sim-only: moves the simulated clock
  @sim-only @doc:000_80ba62f1d4ac0441:unavailable-deleted
  Scenario Outline: A user made unavailable or disabled loses its contact at the next run
    Given the initial contact synchronisation has been run
    When the person feed is posted to "store":
      """
      EXTERNAL_PERSON_KEY|USER_ID|FIRSTNAME|LASTNAME|M_PHONE|AVAILABLE_IND|ROW_STATUS
      hs2|bbrown_test|Beta|Brown|202-555-0102|<available_ind>|<row_status>
      """
    Then the sync status of "bbrown_test" is synchronised with its Connect contact
    When 1 hour passes
    Then Connect holds no contact for "bbrown_test"
    And the last hourly run sent only "bbrown_test"
    And the sync status of "bbrown_test" is not synchronised because "<reason>"

    Examples:
      | available_ind | row_status | reason              |
      | N             | enabled    | user is unavailable |
      | Y             | disabled   | user is disabled    |

  # sim-only: moves the simulated clock
  @sim-only @doc:000_80ba62f1d4ac0441:reavailable-new-id
  Scenario: A user made available again gets its contact back with a new internal id
    Given the initial contact synchronisation has been run
    And the Connect contact ids are remembered
    When the person feed is posted to "store":
      """
      EXTERNAL_PERSON_KEY|USER_ID|FIRSTNAME|LASTNAME|M_PHONE|AVAILABLE_IND
      hs2|bbrown_test|Beta|Brown|202-555-0102|N
      """
    And 1 hour passes
    And the person feed is posted to "store":
      """
      EXTERNAL_PERSON_KEY|USER_ID|FIRSTNAME|LASTNAME|M_PHONE|AVAILABLE_IND
      hs2|bbrown_test|Beta|Brown|202-555-0102|Y
      """
    And 1 hour passes
    Then Connect holds the contacts:
      | user           | firstName | lastName | smsNumber    | voiceNumber |
      | aanderson_test | Alpha     | Anderson | +12025550101 |             |
      | bbrown_test    | Beta      | Brown    | +12025550102 |             |
      | gcarlin_test   | Gamma     | Carlin   | +12025550103 |             |
    And the contact of "bbrown_test" has a new internal id
    And the contact of "aanderson_test" has the internal id that was remembered
    And the sync status of "bbrown_test" is synchronised with its Connect contact

  # sim-only: moves the simulated clock
  @sim-only @doc:000_80ba62f1d4ac0441:mapping-change-resync
  Scenario: A new phone field mapping waits for a full resynchronisation
    Given the initial contact synchronisation has been run
    When the contact synchronisation settings are changed to:
      | setting  | value        |
      | smsField | Home Phone 1 |
    Then the contact synchronisation status says a full resync is required
    And the sync status of "aanderson_test" says a full resync is required
    When the person feed is posted to "store":
      """
      EXTERNAL_PERSON_KEY|USER_ID|FIRSTNAME|LASTNAME|M_PHONE|H_PHONE_1
      hs1|aanderson_test|Alpha|Andrews|(202) 555-0101|617-555-0141
      """
    And 1 hour passes
    Then the last hourly run sent only "aanderson_test"
    And Connect holds the contacts:
      | user           | firstName | lastName | smsNumber    | voiceNumber |
      | aanderson_test | Alpha     | Andrews  | +12025550101 |             |
      | bbrown_test    | Beta      | Brown    | +12025550102 |             |
      | gcarlin_test   | Gamma     | Carlin   | +12025550103 |             |
    And the contact synchronisation status says a full resync is required
    When the full contact synchronisation has been run
    Then Connect holds the contacts:
      | user           | firstName | lastName | smsNumber    | voiceNumber |
      | aanderson_test | Alpha     | Andrews  | +16175550141 |             |
      | bbrown_test    | Beta      | Brown    | +16175550142 |             |
      | gcarlin_test   | Gamma     | Carlin   | +16175550143 |             |
    And the contact synchronisation status no longer asks for a full resync

  # sim-only: moves the simulated clock
  @sim-only @doc:000_80ba62f1d4ac0441:mapping-change-resync
  Scenario: Switching on the second number also needs a full resynchronisation
    Given the initial contact synchronisation has been run
    When the contact synchronisation settings are changed to:
      | setting    | value        |
      | twoNumbers | true         |
      | voiceField | Home Phone 1 |
    And 1 hour passes
    Then the contact synchronisation status says a full resync is required
    And Connect holds the contacts:
      | user           | firstName | lastName | smsNumber    | voiceNumber |
      | aanderson_test | Alpha     | Anderson | +12025550101 |             |
      | bbrown_test    | Beta      | Brown    | +12025550102 |             |
      | gcarlin_test   | Gamma     | Carlin   | +12025550103 |             |
    When the full contact synchronisation has been run
    Then Connect holds the contacts:
      | user           | firstName | lastName | smsNumber    | voiceNumber  |
      | aanderson_test | Alpha     | Anderson | +12025550101 | +16175550141 |
      | bbrown_test    | Beta      | Brown    | +12025550102 | +16175550142 |
      | gcarlin_test   | Gamma     | Carlin   | +12025550103 | +16175550143 |
