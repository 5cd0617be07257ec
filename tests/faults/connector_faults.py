"""Faults of seed 002: the identity-management connector (identity and provisioning)."""
from __future__ import annotations

from simulator.connector import identity, provisioning, values
from simulator.connector.attributes import Attribute
from simulator.learn.courses import Courses
from tests.faults import fault, wrap

USERS = ("connector/user_*.feature", "connector/one_state.feature")
COURSES = ("connector/course_*.feature",)
GROUPS = ("connector/group_*.feature",)
ROLES = ("connector/portalrole_*.feature",)
IDENTITY = ("connector/identity.feature",)
ATTRIBUTES = ("connector/*_attributes.feature",)
EVERY_FORMAT = USERS + COURSES + GROUPS + ROLES


def _identity(patch, operation: str, name: str, make) -> None:
    """Wrap the identity operation `name` where the Building Block's dispatch table holds it too."""
    from simulator.http import connector as building_block

    wrap(patch, identity, name, make)
    if operation in ("enable", "disable"):
        enabled = operation == "enable"
        patch.setitem(building_block.IDENTITY, operation, lambda s, body: identity.set_enabled(s, body, enabled))
    else:
        patch.setitem(building_block.IDENTITY, operation, getattr(identity, name))


def _flag_ignored(patch, flag: str, only: str | None = None) -> None:
    """`_allowed` lets `flag` pass (for every attribute, or only `only`)."""
    def make(allowed):
        def faulty(attribute: Attribute, wanted: str, problems, operation):
            if wanted == flag and (only is None or attribute.name == only):
                return True
            return allowed(attribute, wanted, problems, operation)
        return faulty
    wrap(patch, provisioning, "_allowed", make)


def _mandatory_placeholder(patch, blank_only: bool) -> None:
    """Add fills a missing (or only an empty / blank) mandatory attribute with a placeholder instead of refusing."""
    def make(add):
        def faulty(session, fmt, record, delimiter=None):
            record = dict(record)
            for attribute in fmt.attributes.values():
                if attribute.group is not None or not attribute.mandatory or attribute.kind.name != "text":
                    continue
                value = record.get(attribute.name)
                blank = isinstance(value, str) and not value.strip()
                if blank or (not blank_only and attribute.name not in record):
                    record[attribute.name] = "(none)"
            return add(session, fmt, record, delimiter)
        return faulty
    wrap(patch, provisioning, "add", make)


@fault("connector-add-accepts-blank-mandatory", "002", "Add with a mandatory attribute sent empty or blank is refused",
       "an empty or blank mandatory text is accepted (stored as a placeholder)", EVERY_FORMAT)
def _(patch):
    _mandatory_placeholder(patch, blank_only=True)


@fault("connector-add-accepts-missing-mandatory", "002", "Add without a mandatory attribute is refused and creates nothing",
       "a missing mandatory text is filled with a placeholder", EVERY_FORMAT)
def _(patch):
    _mandatory_placeholder(patch, blank_only=False)


@fault("connector-create-flag-ignored", "002", "an attribute whose create flag is N cannot be given on Add",
       "Add accepts it", EVERY_FORMAT + ATTRIBUTES)
def _(patch):
    _flag_ignored(patch, "create")


@fault("connector-modify-flag-ignored", "002", "an attribute whose modify flag is N cannot be changed by Modify",
       "Modify changes it", EVERY_FORMAT + ATTRIBUTES)
def _(patch):
    _flag_ignored(patch, "modify")


@fault("connector-self-enrolment-modifiable", "002", "isSelfEnrolledAllowed is set on create only (modify N)",
       "Modify (Replace) changes it", GROUPS)
def _(patch):
    _flag_ignored(patch, "modify", only="isSelfEnrolledAllowed")


@fault("connector-remove-flag-ignored", "002", "an attribute whose remove flag is N cannot be removed by Modify (Delete)",
       "Modify (Delete) removes it", EVERY_FORMAT + ATTRIBUTES)
def _(patch):
    _flag_ignored(patch, "remove")


@fault("connector-mandatory-removable", "002", "a mandatory attribute must keep a value: Modify (Delete) of it is refused",
       "Modify (Delete) clears a mandatory attribute", EVERY_FORMAT + ATTRIBUTES)
def _(patch):
    def make(check_change):
        def faulty(fmt, op, name, raw, problems):
            before = len(problems)
            result = check_change(fmt, op, name, raw, problems)
            if op == "delete":
                problems[before:] = [p for p in problems[before:] if p.rule != "mandatory"]
            return result
        return faulty
    wrap(patch, provisioning, "_check_change", make)


@fault("connector-enumeration-unchecked", "002", "an enumerated attribute (role, systemRole, serviceLevel, …) takes only its listed values",
       "any value is taken as it is", EVERY_FORMAT + ATTRIBUTES)
def _(patch):
    def lenient(kind, raw, attribute):
        text = str(raw).strip().upper() if isinstance(raw, str) else str(raw)
        return dict(kind.aliases).get(text, text)
    patch.setitem(values._PARSERS, "enum", lenient)


@fault("connector-group-role-any", "002", "the only group role is BB_PARTICIPANT", "any group role is taken", GROUPS + USERS)
def _(patch):
    def make(parse):
        def faulty(kind, raw, attribute):
            if attribute.endswith("->role") or attribute.endswith("groupRoleIdentifier"):
                return str(raw).upper()
            return parse(kind, raw, attribute)
        return faulty
    patch.setitem(values._PARSERS, "enum", make(values._PARSERS["enum"]))


@fault("connector-text-length-unchecked", "002", "a text attribute takes at most its declared length",
       "texts of any length are taken", EVERY_FORMAT + ATTRIBUTES)
def _(patch):
    def make(text):
        def faulty(kind, raw, attribute):
            return text(type(kind)(kind.name), raw, attribute) if kind.max_length else text(kind, raw, attribute)
        return faulty
    patch.setitem(values._PARSERS, "text", make(values._PARSERS["text"]))


@fault("connector-unknown-attribute-ignored", "002", "an attribute the data format does not declare is refused",
       "unknown attributes are silently dropped", EVERY_FORMAT)
def _(patch):
    def make(top):
        def faulty(fmt, name, problems):
            before = len(problems)
            found = top(fmt, name, problems)
            del problems[before:]
            return found
        return faulty
    wrap(patch, provisioning, "_top", make)


@fault("connector-course-delete-keeps-groups", "002", "Delete of a course removes its groups and enrolments",
       "the course's groups stay behind", COURSES + GROUPS)
def _(patch):
    def make(remove):
        def faulty(self, course):
            groups = self.learn.groups
            kept = list(groups.of_course(course.pk))
            original = type(groups).remove
            type(groups).remove = lambda table, group: None if group in kept else original(table, group)
            try:
                return remove(self, course)
            finally:
                type(groups).remove = original
        return faulty
    wrap(patch, Courses, "remove", make)


@fault("connector-course-delete-keeps-enrolments", "002", "Delete of a course removes its enrolments",
       "the enrolments stay behind", COURSES)
def _(patch):
    def make(remove):
        def faulty(self, course):
            self.delete(course)
        return faulty
    wrap(patch, Courses, "remove", make)


@fault("connector-modify-add-overwrites", "002", "Modify (Add) does not overwrite a value the record already has",
       "Modify (Add) replaces the value", EVERY_FORMAT)
def _(patch):
    def make(apply_top):
        def faulty(session, fmt, record, op, name, value):
            return apply_top(session, fmt, record, "replace" if op == "add" else op, name, value)
        return faulty
    wrap(patch, provisioning, "_apply_top", make)


@fault("connector-refused-add-keeps-part", "002", "a refused sub-record takes the whole Add back",
       "the record is created without the refused sub-record", USERS + COURSES)
def _(patch):
    from simulator.connector.errors import Refusal

    def make(add):
        def faulty(session, fmt, record, delimiter=None):
            try:
                return add(session, fmt, record, delimiter)
            except Refusal:
                trimmed = {k: v for k, v in record.items() if k not in fmt.subs}
                if trimmed == record:
                    raise
                return add(session, fmt, trimmed, delimiter)
        return faulty
    wrap(patch, provisioning, "add", make)


@fault("connector-disabled-user-gets-enrolments", "002", "a disabled user gets no new memberships or roles",
       "a disabled user is enrolled like any other", USERS + COURSES + GROUPS)
def _(patch):
    from simulator.connector.formats import memberships

    def enrol(original):
        def faulty(session, course_ref, user_ref, values_, key):
            users = [u for u in session.learn.users.values() if not u.enabled]
            for user in users:
                user.enabled = True
            try:
                return original(session, course_ref, user_ref, values_, key)
            finally:
                for user in users:
                    user.enabled = False
        return faulty
    wrap(patch, memberships, "enrol", enrol)


# -- identity ----------------------------------------------------------------------------------------
@fault("connector-authenticate-any-password", "002", "Authenticate checks the user's password",
       "any password authenticates an enabled user", IDENTITY)
def _(patch):
    def make(authenticate):
        def faulty(session, body):
            answer = authenticate(session, body)
            if not answer["authenticated"] and answer.get("reason", "").startswith("wrong password"):
                return {"userName": answer["userName"], "authenticated": True}
            return answer
        return faulty
    _identity(patch, "authenticate", "authenticate", make)


@fault("connector-disable-keeps-login", "002", "Disable User stops the user from logging in",
       "Disable User only reports the user disabled", IDENTITY + USERS)
def _(patch):
    def make(set_enabled):
        def faulty(session, body, enabled):
            answer = set_enabled(session, body, True)
            return {**answer, "enabled": enabled} if not enabled else answer
        return faulty
    _identity(patch, "disable", "set_enabled", make)


@fault("connector-reset-password-ignored", "002", "Reset Password gives the user the new password",
       "the old password stays", IDENTITY)
def _(patch):
    def make(reset):
        def faulty(session, body):
            user = session.learn.users_by_user_name.get(body.get("userName") or "")
            saved = user.password if user is not None else None
            answer = reset(session, body)
            if user is not None:
                user.password = saved
            return answer
        return faulty
    _identity(patch, "reset-password", "reset_password", make)


@fault("connector-expire-password-pretends", "002", "Expire Password is not supported and says so",
       "it answers success and does nothing", IDENTITY)
def _(patch):
    _identity(patch, "expire-password", "expire_password", lambda original: lambda session, body: {"passwordExpired": True})


@fault("connector-validate-unknown-exists", "002", "Validate User says whether the user exists",
       "an unknown user is reported to exist", IDENTITY)
def _(patch):
    def make(validate):
        def faulty(session, body):
            answer = validate(session, body)
            return {**answer, "exists": True} if not answer.get("exists") else answer
        return faulty
    _identity(patch, "validate", "validate", make)


@fault("connector-password-stored-clear", "002", "a password given to Add is hashed; export never shows it",
       "the user's password is exported", USERS + ("connector/export.feature",))
def _(patch):
    from simulator.connector.formats import user as user_format

    attribute = user_format.ATTRIBUTES["password"]
    patch.setitem(user_format.ATTRIBUTES, "password",
                  Attribute(attribute.name, attribute.personal_info, attribute.multi_valued, attribute.create,
                            attribute.modify, attribute.remove, attribute.mandatory, True, attribute.kind))

