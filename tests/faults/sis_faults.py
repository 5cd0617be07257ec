"""Faults of seed 001: the person, secondary role and observer feeds (SPEC §1.3–1.6).

Most faults change what one feed row means (`rewrite_rows`) rather than the code that
applies it, so they stay valid while the feed path is tuned.
"""
from __future__ import annotations

from typing import Callable

import pytest

from simulator.learn.observers import ObserverLinks
from simulator.learn.state import Learn
from simulator.sis import operations
from simulator.sis.fields import Field
from simulator.sis.integration import Integration
from simulator.sis.observer import AssociateObserver
from simulator.sis.person import Person
from simulator.sis.secondaryinstrole import SecondaryInstRole
from tests.faults import fault, wrap

PERSONS = ("sis/person_*.feature", "sis/feed_bad_input.feature", "sis/feed_format.feature")
ROLES = ("sis/secondary_roles.feature",)
OBSERVERS = ("sis/observers.feature",)


def rewrite_rows(patch: pytest.MonkeyPatch, obj: type, rewrite: Callable[[object, object, dict], dict]) -> None:
    """Every row `obj` stores goes through `rewrite(feed_object, run, values)` first."""
    def make(store):
        def faulty_store(self, run, values):
            return store(self, run, rewrite(self, run, dict(values)))
        return faulty_store
    wrap(patch, obj, "store", make)


def _field_rule(patch: pytest.MonkeyPatch, skip: Callable[[Field, str], bool]) -> None:
    def make(problem):
        def faulty_problem(self, value):
            return None if skip(self, value) else problem(self, value)
        return faulty_problem
    wrap(patch, Field, "problem", make)


# -- row validation ------------------------------------------------------------------------------
@fault("person-required-field-check-off", "001", "a row with an empty required field (USER_ID, FIRSTNAME, …) is an error",
       "accepts the row and creates a person with empty fields", PERSONS)
def _(patch):
    _field_rule(patch, lambda f, v: f.required and not v)


@fault("field-length-check-off", "001", "a value longer than its field allows is an error for its row",
       "accepts values of any length", PERSONS + ROLES + OBSERVERS)
def _(patch):
    _field_rule(patch, lambda f, v: bool(v) and not f.choices and len(v) > f.max_length)


@fault("enumeration-check-off", "001", "AVAILABLE_IND, ROW_STATUS, SYSTEM_ROLE take only their listed values",
       "accepts any value (an unknown one means the default)", PERSONS + ROLES + OBSERVERS)
def _(patch):
    _field_rule(patch, lambda f, v: bool(v) and bool(f.choices) and v.lower() not in f.choices)

    def make(store):
        def lenient(self, run, values):
            for name in ("available_ind", "row_status", "system_role", "pwencryptiontype"):
                spec = self.spec.by_name.get(name)
                if spec is not None and values.get(name) and values[name] not in spec.choices:
                    values = {k: v for k, v in values.items() if k != name}
            return store(self, run, values)
        return lenient
    for obj in (Person, SecondaryInstRole, AssociateObserver):
        wrap(patch, obj, "store", make)


@fault("user-id-not-unique", "001", "a user_id that already belongs to another person is an error",
       "gives the user name to the new person as well", PERSONS)
def _(patch):
    def rewrite(obj, run, values):
        holder = run.learn.users_by_user_name.get(values.get("user_id", ""))
        if holder is not None and holder.external_id != values.get("external_person_key"):
            run.learn.rename_user(holder, holder.user_name + "_previous")
        return values
    rewrite_rows(patch, Person, rewrite)


@fault("institution-role-existence-unchecked", "001", "an INSTITUTION_ROLE that does not exist is an error",
       "creates the role on the fly", PERSONS)
def _(patch):
    def rewrite(obj, run, values):
        role = values.get("institution_role")
        if role and run.learn.institution_role(role) is None:
            run.learn.add_institution_role(role.upper(), role)
        return values
    rewrite_rows(patch, Person, rewrite)


# -- person store ---------------------------------------------------------------------------------
@fault("row-status-deleted-not-disabling", "001", "ROW_STATUS=deleted disables the person like disabled",
       "treats deleted as enabled", PERSONS)
def _(patch):
    rewrite_rows(patch, Person, lambda o, r, v: {**v, "row_status": "enabled"} if v.get("row_status") == "deleted" else v)


@fault("row-status-disabled-ignored", "001", "ROW_STATUS=disabled disables the person",
       "ignores ROW_STATUS", PERSONS)
def _(patch):
    rewrite_rows(patch, Person, lambda o, r, v: {k: x for k, x in v.items() if k != "row_status"})


@fault("available-ind-ignored", "001", "AVAILABLE_IND=N makes the person unavailable",
       "every person stays available", PERSONS)
def _(patch):
    rewrite_rows(patch, Person, lambda o, r, v: {k: x for k, x in v.items() if k != "available_ind"})


@fault("store-keeps-unavailable", "001", "a store without AVAILABLE_IND makes the person available",
       "a person keeps its availability when the column is absent", PERSONS)
def _(patch):
    def rewrite(obj, run, values):
        user = run.learn.users_by_external_id.get(values.get("external_person_key", ""))
        if user is not None and "available_ind" not in values and not user.available:
            values["available_ind"] = "n"
        return values
    rewrite_rows(patch, Person, rewrite)


@fault("store-keeps-disabled", "001", "a store without ROW_STATUS enables the person again",
       "a disabled person stays disabled when the column is absent", PERSONS)
def _(patch):
    def rewrite(obj, run, values):
        user = run.learn.users_by_external_id.get(values.get("external_person_key", ""))
        if user is not None and "row_status" not in values and not user.enabled:
            values["row_status"] = "disabled"
        return values
    rewrite_rows(patch, Person, rewrite)


@fault("password-is-user-id-without-passwd", "001", "a person created without PASSWD gets a random password and cannot log in",
       "sets the password to the user id", PERSONS)
def _(patch):
    def rewrite(obj, run, values):
        if not values.get("passwd") and values.get("external_person_key") not in run.learn.users_by_external_id:
            values["passwd"] = values.get("user_id", "")
        return values
    rewrite_rows(patch, Person, rewrite)


@fault("password-changed-despite-setting", "001", "with password changes on update turned off, an update keeps the password",
       "an update always takes the feed's password", PERSONS)
def _(patch):
    def make(store):
        def faulty(self, run, values):
            integration = run.integration
            saved, integration.password_changes_on_update = integration.password_changes_on_update, True
            try:
                return store(self, run, values)
            finally:
                integration.password_changes_on_update = saved
        return faulty
    wrap(patch, Person, "store", make)


@fault("default-system-role-ignored", "001", "a new person without SYSTEM_ROLE gets the integration's default system role",
       "every new person gets the system role none", PERSONS)
def _(patch):
    rewrite_rows(patch, Person, lambda o, r, v: v if v.get("system_role") else {**v, "system_role": "none"})


@fault("system-role-column-ignored", "001", "SYSTEM_ROLE sets the person's system role",
       "the column is ignored", PERSONS + OBSERVERS)
def _(patch):
    rewrite_rows(patch, Person, lambda o, r, v: {k: x for k, x in v.items() if k != "system_role"})


@fault("new-external-person-key-ignored", "001", "NEW_EXTERNAL_PERSON_KEY gives the person a new external key",
       "the column is ignored", PERSONS)
def _(patch):
    rewrite_rows(patch, Person, lambda o, r, v: {k: x for k, x in v.items() if k != "new_external_person_key"})


@fault("new-data-source-key-ignored", "001", "NEW_DATA_SOURCE_KEY moves the person to another data source",
       "the column is ignored", PERSONS)
def _(patch):
    rewrite_rows(patch, Person, lambda o, r, v: {k: x for k, x in v.items() if k != "new_data_source_key"})


@fault("email-not-stored", "001", "EMAIL (like every optional column) sets its field",
       "the e-mail address is dropped", PERSONS)
def _(patch):
    rewrite_rows(patch, Person, lambda o, r, v: {k: x for k, x in v.items() if k != "email"})


@fault("store-touches-unnamed-persons", "001", "Store leaves every record the file does not name as it was",
       "a store also marks every other person of the integration as modified", PERSONS)
def _(patch):
    def make(store):
        def faulty(self, run, values):
            outcome = store(self, run, values)
            for user in list(run.learn.owned_users(run.integration.pk)):
                if user.external_id != values.get("external_person_key"):
                    run.learn.edit(user).modified = run.learn.now()
            return outcome
        return faulty
    wrap(patch, Person, "store", make)


# -- operations ---------------------------------------------------------------------------------------
def _no_refresh_for(patch: pytest.MonkeyPatch, kind: type) -> None:
    def make(refresh):
        def faulty(run, obj, in_file, data_source):
            if not isinstance(obj, kind):
                refresh(run, obj, in_file, data_source)
        return faulty
    wrap(patch, operations, "_refresh", make)


@fault("person-refresh-disables-nothing", "001", "Complete Refresh disables the owned persons the file leaves out",
       "a refresh only stores", PERSONS)
def _(patch):
    _no_refresh_for(patch, Person)


@fault("refreshlegacy-ignores-data-source", "001", "Complete Refresh By Data Source disables only records of the file's data source",
       "it disables left-out records of every data source", PERSONS + ROLES + OBSERVERS)
def _(patch):
    wrap(patch, operations, "_refresh", lambda refresh: lambda run, obj, in_file, ds: refresh(run, obj, in_file, None))


@fault("refresh-reaches-other-integrations", "001", "a refresh disables only records its own integration owns",
       "it disables left-out persons of every integration", PERSONS)
def _(patch):
    def owned(self, owner, data_source=None):
        return iter([u for u in self.users.values() if data_source is None or u.data_source == data_source])
    patch.setattr(Learn, "owned_users", owned)


@fault("person-delete-purges", "001", "Delete disables the persons the file names (the default delete behaviour)",
       "Delete removes them", PERSONS)
def _(patch):
    wrap(patch, Integration, "delete_behaviour_for",
         lambda original: lambda self, name: self.delete_behaviour.get(name, "smart_delete" if name == "person" else "disable"))


# -- secondary roles ------------------------------------------------------------------------------------
@fault("secondary-role-store-replaces", "001", "a secondary role Store adds the file's roles and leaves the person's others",
       "a store takes away the person's other secondary roles", ROLES)
def _(patch):
    def rewrite(obj, run, values):
        user = run.learn.users_by_external_id.get(values.get("external_person_key", ""))
        if user is not None:
            for record in run.learn.secondary_role_records.of_user(user.pk):
                if record.role_id != values.get("role_id", "").upper() and record.enabled:
                    obj.disable(run, record)
        return values
    rewrite_rows(patch, SecondaryInstRole, rewrite)


@fault("secondary-role-refresh-disables-nothing", "001", "Complete Refresh disables the owned role records the file leaves out",
       "a refresh of secondary roles only stores", ROLES)
def _(patch):
    _no_refresh_for(patch, SecondaryInstRole)


@fault("secondary-role-refresh-reaches-other-integrations", "001",
       "a refresh of secondary roles disables only role records its own integration owns",
       "it disables left-out role records of every integration", ROLES)
def _(patch):
    def owned(self, run, data_source):
        return [r for r in self.table(run).records.values() if data_source is None or r.data_source == data_source]
    patch.setattr(SecondaryInstRole, "owned", owned)


@fault("secondary-role-row-status-ignored", "001", "ROW_STATUS=disabled in the secondary role feed disables the role record",
       "the column is ignored", ROLES)
def _(patch):
    rewrite_rows(patch, SecondaryInstRole, lambda o, r, v: {k: x for k, x in v.items() if k != "row_status"})


@fault("secondary-role-existence-unchecked", "001", "a secondary role row naming a role that does not exist is an error",
       "the role is created on the fly", ROLES)
def _(patch):
    def rewrite(obj, run, values):
        role = values.get("role_id", "")
        if role and run.learn.institution_role(role) is None:
            run.learn.add_institution_role(role.upper(), role)
        return values
    rewrite_rows(patch, SecondaryInstRole, rewrite)


@fault("secondary-role-delete-ignored", "001", "Delete disables the role records the file names",
       "a delete of role records changes nothing", ROLES)
def _(patch):
    patch.setattr(SecondaryInstRole, "disable", lambda self, run, record: None)


# -- observers ----------------------------------------------------------------------------------------------
@fault("observer-role-unchecked", "001", "only a person holding the Observer system role can observe",
       "any person can observe", OBSERVERS)
def _(patch):
    def make(check):
        def faulty(self, run, values):
            observer = run.learn.users_by_external_id.get(values.get("external_observer_key", ""))
            if observer is None:
                return check(self, run, values)
            saved, observer.system_role = observer.system_role, "Observer"
            try:
                return check(self, run, values)
            finally:
                observer.system_role = saved
        return faulty
    wrap(patch, AssociateObserver, "check", make)

    def link(original):
        def faulty(self, observer, user, **kwargs):
            saved, observer.system_role = observer.system_role, "Observer"
            try:
                return original(self, observer, user, **kwargs)
            finally:
                observer.system_role = saved
        return faulty
    wrap(patch, ObserverLinks, "link", link)


@fault("observer-delete-removes-every-observer", "001", "Delete disables just the association the row names",
       "deleting one observer of a student disables every observer link of that student", OBSERVERS)
def _(patch):
    def make(disable):
        def faulty(self, run, record):
            for link in self.table(run).of_user(record.user.pk):
                if link.user is record.user and link.enabled:
                    disable(self, run, link)
        return faulty
    wrap(patch, AssociateObserver, "disable", make)


@fault("observer-refresh-disables-nothing", "001", "Complete Refresh disables the owned associations the file leaves out",
       "a refresh of associations only stores", OBSERVERS)
def _(patch):
    _no_refresh_for(patch, AssociateObserver)


@fault("observer-refresh-reaches-other-integrations", "001",
       "a refresh of observer associations disables only associations its own integration owns",
       "it disables left-out associations of every integration", OBSERVERS)
def _(patch):
    def owned(self, run, data_source):
        return [r for r in self.table(run).records.values() if data_source is None or r.data_source == data_source]
    patch.setattr(AssociateObserver, "owned", owned)


@fault("observer-update-replaces", "001",
       "a Store of a new pair adds that association; the observer's earlier one stays until deleted "
       "(docs/decisions.md, issue 3)", "a Store of a new pair replaces the observer's other associations", OBSERVERS)
def _(patch):
    def rewrite(obj, run, values):
        observer = run.learn.users_by_external_id.get(values.get("external_observer_key", ""))
        if observer is not None:
            for link in obj.table(run).of_user(observer.pk):
                if link.observer is observer and link.user.external_id != values.get("external_user_key") and link.enabled:
                    obj.disable(run, link)
        return values
    rewrite_rows(patch, AssociateObserver, rewrite)


@fault("observer-row-status-ignored", "001", "ROW_STATUS=disabled keeps an association out of force",
       "the column is ignored", OBSERVERS)
def _(patch):
    rewrite_rows(patch, AssociateObserver, lambda o, r, v: {k: x for k, x in v.items() if k != "row_status"})

