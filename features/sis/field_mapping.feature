Feature: Field mapping
  An integration can fill a Learn field from another incoming header or from a custom
  JavaScript script run for every row before the row is checked (SPEC 1.7). The seed's
  own need: give persons a password when the feed has none.

  Background:
    Given an SIS integration "BBLEARN" with data source "SIS.PERSONS"

  # sim-only: needs an integration setting, which on a live target is its administrator's
  @sim-only @doc:001_656f5918d9df3461:field-mapping-password
  Scenario: A script generates a password for persons whose feed row has none
    Given the integration "BBLEARN" maps the person field "passwd" with the script:
      """
      (function () {
        var given = data.getValueIfNotEmpty('passwd', null);
        if (given !== null) {
          return given;
        }
        helper.logInfo('generated a password for ' + data.getValue('user_id'));
        return data.getValue('user_id').split('').reverse().join('') + '!' + data.getValue('lastname').length;
      })()
      """
    When the person feed is posted to "store":
      """
      EXTERNAL_PERSON_KEY|USER_ID|PASSWD|FIRSTNAME|LASTNAME
      testPerson1|aanderson_test||Alpha|Anderson
      testPerson2|bbrown_test|changeme|Beta|Brown
      """
    Then the feed is accepted
    And the data set status shows 2 completed, 0 errors, 0 warnings and 0 queued
    And "aanderson_test" can log in with "tset_nosrednaa!8"
    And "bbrown_test" can log in with "changeme"
    And the data set log has an entry "INFO" on line 2 saying "generated a password for aanderson_test"

  # sim-only: needs an integration setting, which on a live target is its administrator's
  @sim-only @doc:001_656f5918d9df3461:field-mapping-password
  Scenario: A generated password also covers a feed that has no password column at all
    Given the integration "BBLEARN" maps the person field "passwd" with the script:
      """
      data.getValueIfPresent('passwd', 'Init-' + data.getValue('external_person_key'));
      """
    When the person feed is posted to "store":
      """
      EXTERNAL_PERSON_KEY|USER_ID|FIRSTNAME|LASTNAME
      testPerson3|gcarlin_test|Gamma|Carlin
      """
    Then the data set status shows 1 completed, 0 errors, 0 warnings and 0 queued
    And "gcarlin_test" can log in with "Init-testPerson3"

  # sim-only: needs an integration setting, which on a live target is its administrator's
  @sim-only
  Scenario: A script skips the email when the column is empty, so the stored email stays
    Given the person feed has been posted to "store":
      """
      EXTERNAL_PERSON_KEY|USER_ID|FIRSTNAME|LASTNAME|EMAIL
      testPerson1|aanderson_test|Alpha|Anderson|aanderson_test@example.edu
      testPerson2|bbrown_test|Beta|Brown|bbrown_test@example.edu
      """
    And the integration "BBLEARN" maps the person field "email" with the script:
      """
      (function () {
        var email = data.getValueIfNotEmpty('email', null);
        return email === null ? helper.skipAttribute() : email;
      })()
      """
    When the person feed is posted to "store":
      """
      EXTERNAL_PERSON_KEY|USER_ID|FIRSTNAME|LASTNAME|EMAIL
      testPerson1|aanderson_test|Alpha|Anderson|
      testPerson2|bbrown_test|Beta|Brown|beta.brown@example.edu
      """
    Then the data set status shows 2 completed, 0 errors, 0 warnings and 0 queued
    And the users are:
      | userName       | email                      |
      | aanderson_test | aanderson_test@example.edu |
      | bbrown_test    | beta.brown@example.edu     |

  # sim-only: relies on the integration having no field mapping, which on a live target is its administrator's
  @sim-only
  Scenario: Without a mapping an empty email column clears the email
    Given the person feed has been posted to "store":
      """
      EXTERNAL_PERSON_KEY|USER_ID|FIRSTNAME|LASTNAME|EMAIL
      testPerson1|aanderson_test|Alpha|Anderson|aanderson_test@example.edu
      """
    When the person feed is posted to "store":
      """
      EXTERNAL_PERSON_KEY|USER_ID|FIRSTNAME|LASTNAME|EMAIL
      testPerson1|aanderson_test|Alpha|Anderson|
      """
    Then the user "aanderson_test" has no email

  # sim-only: needs an integration setting, which on a live target is its administrator's
  @sim-only
  Scenario: A field can take its value from another header of the file
    Given the integration "BBLEARN" maps the person field "user_id" from the header "netid"
    When the person feed is posted to "store":
      """
      EXTERNAL_PERSON_KEY|NETID|FIRSTNAME|LASTNAME
      testPerson1|aanderson_test|Alpha|Anderson
      """
    Then the feed is accepted
    And the data set status shows 1 completed, 0 errors, 0 warnings and 0 queued
    And the users are:
      | userName       | externalId  |
      | aanderson_test | testPerson1 |

  # sim-only: needs an integration setting, which on a live target is its administrator's
  @sim-only
  Scenario: A script that throws makes its row an error naming the field, and the other rows apply
    Given the integration "BBLEARN" maps the person field "firstname" with the script:
      """
      (function () {
        var name = data.getValue('firstname');
        if (name.length < 2) {
          throw new Error('a first name needs two letters at least');
        }
        return name.charAt(0).toUpperCase() + name.slice(1).toLowerCase();
      })()
      """
    When the person feed is posted to "store":
      """
      EXTERNAL_PERSON_KEY|USER_ID|FIRSTNAME|LASTNAME
      testPerson1|aanderson_test|ALPHA|Anderson
      testPerson2|bbrown_test|B|Brown
      """
    Then the data set status shows 2 completed, 1 errors, 0 warnings and 0 queued
    And the data set log has an error on line 3 about "a first name needs two letters at least"
    And the data set log names the field "firstname" in an error on line 3
    And the users are:
      | userName       | given |
      | aanderson_test | Alpha |
    And there is no user "bbrown_test"

  # sim-only: needs an integration setting, which on a live target is its administrator's
  @sim-only
  Scenario: A script that never ends is stopped and its row is an error
    Given the integration "BBLEARN" maps the person field "middlename" with the script:
      """
      (function () { while (true) {} })()
      """
    When the person feed is posted to "store":
      """
      EXTERNAL_PERSON_KEY|USER_ID|FIRSTNAME|LASTNAME
      testPerson1|aanderson_test|Alpha|Anderson
      """
    Then the data set status shows 1 completed, 1 errors, 0 warnings and 0 queued
    And the data set log has an error on line 2 about "was stopped"
    And there is no user "aanderson_test"

  # sim-only: needs an integration setting, which on a live target is its administrator's
  @sim-only
  Scenario: Scripts have no way to reach files, the network or other processes
    Given the integration "BBLEARN" maps the person field "middlename" with the script:
      """
      (function () {
        var names = ['require', 'process', 'fetch', 'XMLHttpRequest', 'std', 'os', 'Deno', 'Java', 'Packages'];
        var found = names.filter(function (name) { return typeof globalThis[name] !== 'undefined'; });
        return found.length === 0 ? 'sandboxed' : 'reachable: ' + found.join(',');
      })()
      """
    When the person feed is posted to "store":
      """
      EXTERNAL_PERSON_KEY|USER_ID|FIRSTNAME|LASTNAME
      testPerson1|aanderson_test|Alpha|Anderson
      """
    Then the users are:
      | userName       | middle    |
      | aanderson_test | sandboxed |

  # sim-only: needs an integration setting, which on a live target is its administrator's
  @sim-only
  Scenario: Script log calls land in the data set log with the row's line
    Given the integration "BBLEARN" maps the person field "title" with the script:
      """
      (function () {
        helper.logWarning('no title for ' + data.getValue('user_id') + '; using Dr');
        helper.logError('titles are guessed for line of ' + data.getValue('lastname'));
        return 'Dr';
      })()
      """
    When the person feed is posted to "store":
      """
      EXTERNAL_PERSON_KEY|USER_ID|FIRSTNAME|LASTNAME
      testPerson1|aanderson_test|Alpha|Anderson
      """
    Then the data set status shows 1 completed, 1 errors, 1 warnings and 0 queued
    And the data set log has an entry "WARNING" on line 2 saying "no title for aanderson_test; using Dr"
    And the data set log has an entry "ERROR" on line 2 saying "titles are guessed for line of Anderson"

  # sim-only: needs an integration setting, which on a live target is its administrator's
  @sim-only
  Scenario: Skipping a required field is a row error naming it
    Given the integration "BBLEARN" maps the person field "lastname" with the script:
      """
      data.getValueIfNotEmpty('lastname', helper.skipAttribute())
      """
    When the person feed is posted to "store":
      """
      EXTERNAL_PERSON_KEY|USER_ID|FIRSTNAME|LASTNAME
      testPerson1|aanderson_test|Alpha|
      """
    Then the data set status shows 1 completed, 1 errors, 0 warnings and 0 queued
    And the data set log names the field "lastname" in an error on line 2

  # sim-only: needs an integration setting, which on a live target is its administrator's
  @sim-only
  Scenario: A mapping for a field the object does not have is refused when it is set
    When the integration "BBLEARN" is set to map the person field "shoe_size" from the header "size"
    Then the setting is refused with HTTP 400 saying "which is not a field of person"
    When the person feed is posted to "store":
      """
      EXTERNAL_PERSON_KEY|USER_ID|SIZE|FIRSTNAME|LASTNAME
      testPerson1|aanderson_test|42|Alpha|Anderson
      """
    Then the data set log has a warning about "unknown header 'size'"

  # sim-only: needs an integration setting, which on a live target is its administrator's
  @sim-only
  Scenario: A script that does not compile is refused when it is set
    Given the integration "BBLEARN" maps the person field "title" from the header "salutation"
    When the integration "BBLEARN" is set to map the person field "title" with the script:
      """
      (function ( { return 'Dr'; })()
      """
    Then the setting is refused with HTTP 400 saying "does not compile"
    When the person feed is posted to "store":
      """
      EXTERNAL_PERSON_KEY|USER_ID|FIRSTNAME|LASTNAME|SALUTATION
      testPerson1|aanderson_test|Alpha|Anderson|Prof
      """
    Then the data set status shows 1 completed, 0 errors, 0 warnings and 0 queued

  # sim-only: needs an integration setting, which on a live target is its administrator's
  @sim-only
  Scenario: Field mapping applies to the association feeds too
    Given the institution role "ENGINEERING_STUDENT" exists
    And the person feed has been posted to "store":
      """
      EXTERNAL_PERSON_KEY|USER_ID|FIRSTNAME|LASTNAME
      testPerson1|aanderson_test|Alpha|Anderson
      """
    And the integration "BBLEARN" maps the secondaryinstrole field "role_id" with the script:
      """
      'ENGINEERING_' + data.getValue('programme').toUpperCase()
      """
    When the secondaryinstrole feed is posted to "store":
      """
      EXTERNAL_PERSON_KEY|PROGRAMME
      testPerson1|student
      """
    Then the data set status shows 1 completed, 0 errors, 0 warnings and 0 queued
    And the person "testPerson1" has the institution roles "STUDENT, ENGINEERING_STUDENT"
