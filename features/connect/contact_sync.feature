Feature: Connect contact synchronisation
  Learn sends its users to Blackboard Connect as contacts once an administrator has
  entered the Connect account, password and SIS code and started a full
  synchronisation (seed 000, SPEC §2). What the real page reports in detail is not
  public, so these scenarios are checked on the simulator and observed on a live Learn.

  Background:
    Given an SIS integration "BBLEARN" with data source "SIS.PERSONS"
    And Blackboard Connect has the account "learn-connect" with password "c0nnect!", SIS code "SIS-4021" and e-mail "connect-admin@example.edu"
    And the person feed has been posted to "store":
      """
      EXTERNAL_PERSON_KEY|USER_ID|FIRSTNAME|LASTNAME|M_PHONE|H_PHONE_1
      cs1|aanderson_test|Alpha|Anderson|(202) 555-0101|
      cs2|bbrown_test|Beta|Brown|202-555-0102|617-555-0142
      cs3|gcarlin_test|Gamma|Carlin||617-555-0143
      """
    And contact synchronisation is set up with account "learn-connect", password "c0nnect!" and SIS code "SIS-4021"

  @live-unknown @doc:000_80ba62f1d4ac0441:initial-sync
  Scenario: The initial synchronisation makes contacts and e-mails the successes and failures
    When a full contact synchronisation is run
    Then the contact synchronisation succeeds
    And Connect holds the contacts:
      | user           | firstName | lastName | smsNumber    | voiceNumber |
      | aanderson_test | Alpha     | Anderson | +12025550101 |             |
      | bbrown_test    | Beta      | Brown    | +12025550102 |             |
    And Learn has sent 1 e-mail
    And the last e-mail went to "connect-admin@example.edu" and reports 2 synchronised and 1 not synchronised users
    And the last e-mail lists "aanderson_test" as synchronised
    And the last e-mail lists "bbrown_test" as synchronised
    And the last e-mail lists "gcarlin_test" as not synchronised because "mobile phone is blank"

  @live-unknown @doc:000_80ba62f1d4ac0441:default-field-mobile-phone
  Scenario: Mobile Phone is the field sent for both numbers until the administrator changes it
    Then the contact synchronisation settings show:
      | setting    | value        |
      | smsField   | Mobile Phone |
      | voiceField | Mobile Phone |
      | twoNumbers | false        |

  @live-unknown @doc:000_80ba62f1d4ac0441:sync-repeatable
  Scenario: The synchronisation can be repeated and a repeat changes no contact
    Given the initial contact synchronisation has been run
    And the Connect contact ids are remembered
    When a full contact synchronisation is run
    Then the contact synchronisation succeeds
    And the contact of "aanderson_test" has the internal id that was remembered
    And the contact of "bbrown_test" has the internal id that was remembered
    And the contact of "aanderson_test" was never updated after it was created
    And Learn has sent 2 e-mails
    And the last e-mail reports the same result: 2 synchronised and 1 not synchronised

  @live-unknown @doc:000_80ba62f1d4ac0441:two-numbers
  Scenario: With two numbers, SMS and voice messages go to different phone fields
    Given the contact synchronisation settings are:
      | setting    | value        |
      | twoNumbers | true         |
      | voiceField | Home Phone 1 |
    When a full contact synchronisation is run
    Then Connect holds the contacts:
      | user        | firstName | lastName | smsNumber    | voiceNumber  |
      | bbrown_test | Beta      | Brown    | +12025550102 | +16175550142 |
    And the sync status of "aanderson_test" is not synchronised because "home phone 1 is blank"
    And the sync status of "gcarlin_test" is not synchronised because "mobile phone is blank"

  @live-unknown @doc:000_80ba62f1d4ac0441:user-status
  Scenario: Each user's sync status says whether it is synchronised and, if not, why
    Given the person feed has been posted to "store":
      """
      EXTERNAL_PERSON_KEY|USER_ID|FIRSTNAME|LASTNAME|M_PHONE|AVAILABLE_IND
      cs4|dday_test|Delta|Day|202-555-0104|N
      cs5|eeast_test|Epsilon|East|555-12|Y
      """
    When a full contact synchronisation is run
    Then the sync status of "aanderson_test" is synchronised with its Connect contact
    And the sync status of "gcarlin_test" is not synchronised because "mobile phone is blank"
    And the sync status of "dday_test" is not synchronised because "user is unavailable"
    And the sync status of "eeast_test" is not synchronised because "phone number is not valid"

  @live-unknown @doc:000_80ba62f1d4ac0441:user-status
  Scenario: Before the first synchronisation every user is shown as not synchronised yet
    Then the sync status of "aanderson_test" is not synchronised because "has not run yet"

  @live-unknown @doc:000_80ba62f1d4ac0441:wrong-credentials
  Scenario Outline: A sync with wrong or missing Connect credentials fails and changes nothing
    Given the users are remembered as they are now
    And the contact synchronisation settings are:
      | setting   | value   |
      | <setting> | <value> |
    When a full contact synchronisation is run
    Then the contact synchronisation fails with "<error>"
    And Connect holds no contacts
    And Learn has sent 0 e-mails
    And the sync status of "aanderson_test" is not synchronised because "has not run yet"
    And the user "aanderson_test" is exactly as it was remembered

    Examples:
      | setting  | value        | error                                              |
      | password | wrong        | Connect refused the password                       |
      | sisCode  | SIS-9999     | SIS code 'SIS-9999' does not belong                |
      | sisCode  |              | needs the Connect sisCode                          |
      | account  | someone-else | Connect has no account 'someone-else'              |

  @live-unknown @doc:000_80ba62f1d4ac0441:wrong-credentials
  Scenario: A refused sync after the initial one leaves the existing contacts as they were
    Given the initial contact synchronisation has been run
    And the Connect contact ids are remembered
    And the person feed has been posted to "store":
      """
      EXTERNAL_PERSON_KEY|USER_ID|FIRSTNAME|LASTNAME|M_PHONE
      cs1|aanderson_test|Alpha|Andrews|202-555-0111
      """
    And the contact synchronisation settings are:
      | setting  | value |
      | password | wrong |
    When a full contact synchronisation is run
    Then the contact synchronisation fails with "Connect refused the password"
    And Connect holds the contacts:
      | user           | firstName | lastName | smsNumber    | voiceNumber |
      | aanderson_test | Alpha     | Anderson | +12025550101 |             |
      | bbrown_test    | Beta      | Brown    | +12025550102 |             |
    And the contact of "aanderson_test" has the internal id that was remembered
    And Learn has sent 1 e-mail

  @live-unknown @doc:000_80ba62f1d4ac0441:sync-settings
  Scenario Outline: A setting Learn would not accept is refused with the reason
    When the contact synchronisation setting "<setting>" is set to "<value>"
    Then the setting is refused with "<error>"

    Examples:
      | setting       | value      | error                         |
      | smsField      | Fax        | 'Fax' is not a phone field    |
      | voiceField    | h_fax      | 'h_fax' is not a phone field  |
      | twoNumbers    | yes        | twoNumbers must be true or false |
      | defaultRegion | ZZ         | 'ZZ' is not a region code     |
      | colour        | blue       | unknown settings colour       |
