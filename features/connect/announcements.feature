Feature: System announcements through Connect
  Once the contacts are synchronised, a system announcement can also go out through
  Connect as an SMS, a voice message or both. It reaches only users who chose that
  channel, which they can do only while the General Notifications Settings offer it,
  and who have a synced Connect contact (seed 000, SPEC §2).

  Background:
    Given an SIS integration "BBLEARN" with data source "SIS.PERSONS"
    And Blackboard Connect has the account "learn-connect" with password "c0nnect!", SIS code "SIS-4021" and e-mail "connect-admin@example.edu"
    And the person feed has been posted to "store":
      """
      EXTERNAL_PERSON_KEY|USER_ID|FIRSTNAME|LASTNAME|M_PHONE|H_PHONE_1
      an1|aanderson_test|Alpha|Anderson|202-555-0101|617-555-0141
      an2|bbrown_test|Beta|Brown|202-555-0102|617-555-0142
      an3|gcarlin_test|Gamma|Carlin|202-555-0103|617-555-0143
      an4|dday_test|Delta|Day||617-555-0144
      """
    And contact synchronisation is set up with account "learn-connect", password "c0nnect!" and SIS code "SIS-4021"

  @live-unknown @doc:000_80ba62f1d4ac0441:announcements-opted-in
  Scenario: An announcement reaches only the opted-in users with a synced contact, on their channels
    Given the General Notifications Settings let users choose SMS and voice
    And "aanderson_test" has opted in to announcements by SMS
    And "bbrown_test" has opted in to announcements by SMS and voice
    And "dday_test" has opted in to announcements by SMS and voice
    And the initial contact synchronisation has been run
    When a system announcement "Campus closed" saying "No classes on Monday" is sent by SMS and voice
    Then the announcement is accepted
    And Connect delivered exactly:
      | user           | channel | number       | text                               |
      | aanderson_test | sms     | +12025550101 | Campus closed: No classes on Monday |
      | bbrown_test    | sms     | +12025550102 | Campus closed: No classes on Monday |
      | bbrown_test    | voice   | +12025550102 | Campus closed: No classes on Monday |

  @live-unknown @doc:000_80ba62f1d4ac0441:announcements-opted-in
  Scenario: An SMS-only announcement is not sent as a voice message
    Given the General Notifications Settings let users choose SMS and voice
    And "bbrown_test" has opted in to announcements by voice
    And "gcarlin_test" has opted in to announcements by SMS
    And the initial contact synchronisation has been run
    When a system announcement "Library" saying "Open late tonight" is sent by SMS
    Then Connect delivered exactly:
      | user         | channel | number       | text                      |
      | gcarlin_test | sms     | +12025550103 | Library: Open late tonight |

  @live-unknown @doc:000_80ba62f1d4ac0441:announcements-opted-in
  Scenario: With two numbers, voice announcements call the voice number
    Given the General Notifications Settings let users choose SMS and voice
    And "bbrown_test" has opted in to announcements by SMS and voice
    And the contact synchronisation settings are:
      | setting    | value        |
      | twoNumbers | true         |
      | voiceField | Home Phone 1 |
    And the initial contact synchronisation has been run
    When a system announcement "Storm" saying "Stay home" is sent by SMS and voice
    Then Connect delivered exactly:
      | user        | channel | number       | text             |
      | bbrown_test | sms     | +12025550102 | Storm: Stay home |
      | bbrown_test | voice   | +16175550142 | Storm: Stay home |

  @live-unknown @doc:000_80ba62f1d4ac0441:announcements-after-sync
  Scenario: Announcements go through Connect only after the initial synchronisation
    Given the General Notifications Settings let users choose SMS
    And "aanderson_test" has opted in to announcements by SMS
    When a system announcement "Campus closed" saying "No classes on Monday" is sent by SMS
    Then the announcement is refused with "only after the initial contact synchronisation"
    And Connect delivered nothing

  @live-unknown @doc:000_80ba62f1d4ac0441:announcements-general-settings
  Scenario: Users can choose a channel only when the General Notifications Settings offer it
    Given the General Notifications Settings let users choose SMS
    Then "aanderson_test" cannot opt in to announcements by voice because "do not let users choose voice"

  # sim-only: Connect's side is visible only through the control API
  @sim-only @doc:000_80ba62f1d4ac0441:announcements-general-settings
  Scenario: Withdrawing a channel in the General Notifications Settings stops it for everyone
    Given the General Notifications Settings let users choose SMS and voice
    And "aanderson_test" has opted in to announcements by SMS and voice
    And the initial contact synchronisation has been run
    And the General Notifications Settings let users choose voice
    When a system announcement "Exams" saying "Timetable published" is sent by SMS and voice
    Then Connect delivered exactly:
      | user           | channel | number       | text                       |
      | aanderson_test | voice   | +12025550101 | Exams: Timetable published |

  @live-unknown @doc:000_80ba62f1d4ac0441:announcements-opted-in
  Scenario: An announcement needs a body and known channels
    Given the initial contact synchronisation has been run
    When a system announcement "Empty" saying " " is sent by SMS
    Then the announcement is refused with "non-empty body"

  @live-unknown @doc:000_80ba62f1d4ac0441:announcements-opted-in
  Scenario: A user made unavailable gets no announcement, even before its contact is deleted
    Given the General Notifications Settings let users choose SMS
    And "aanderson_test" has opted in to announcements by SMS
    And "gcarlin_test" has opted in to announcements by SMS
    And the initial contact synchronisation has been run
    And the person feed has been posted to "store":
      """
      EXTERNAL_PERSON_KEY|USER_ID|FIRSTNAME|LASTNAME|M_PHONE|AVAILABLE_IND
      an1|aanderson_test|Alpha|Anderson|202-555-0101|N
      """
    When a system announcement "Exams" saying "Timetable published" is sent by SMS
    Then Connect delivered exactly:
      | user         | channel | number       | text                       |
      | gcarlin_test | sms     | +12025550103 | Exams: Timetable published |
