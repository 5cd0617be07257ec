"""The `course` and `organization` feed objects: Learn's courses and organizations (SPEC §7).

Both fill Learn's one course table (an organization has service level `COMMUNITY`) and
take the same columns; the organization feed names its key columns
`external_organization_key`, `organization_id`, `organization_name`,
`organization_experience`, `template_organization_key` and
`new_external_organization_key`. Required: the key (64), the id (100; no space, `&`,
`/`, `'`, `+`; never changed after creation), the name (255), `data_source_key`. A
`term_key` must name an existing term and a `parent_course_key` an existing course.
A course feed row naming an organization (or the other way round) is an error.
Disabling a course shows it, and its memberships, as `Disabled`; purging it removes
its memberships, groups and catalog places.
"""
from __future__ import annotations

from simulator.learn.courses import Course, Courses
from simulator.sis.feedobject import RowError
from simulator.sis.fields import DATA_SOURCE_KEY, KEY, ROW_STATUS, Field, ObjectSpec, yyyymmdd
from simulator.sis.recordfeed import (
    RecordFeed, amount, date, flag, forbidden_characters, number, whole_number, yes_no,
)
from simulator.sis.run import FeedRun

DURATIONS = {"c": "CONTINUOUS", "r": "DATE_RANGE", "d": "FIXED_NUM_DAYS", "t": "TERM"}
ENROLMENTS = {"instructor": "INSTRUCTOR_LED", "self": "SELF_ENROLLMENT", "email": "EMAIL_ENROLLMENT"}
PACES = {"instructor": "INSTRUCTOR_LED", "self": "SELF_PACED"}
EXPERIENCES = {"original": "Classic", "ultra": "Ultra", "instructor choice": "Undecided"}
"""`course_experience` -> REST's `ultraStatus`."""
KEPT = ("abs_limit", "soft_limit", "upload_limit", "fee", "catalog_ind", "lockout_ind", "complete",
        "institution_name", "classification_key", "template_course_key", "external_association_key",
        "primary_external_node_key")
"""Columns kept with the course, by header name, that nothing else in the simulator reads."""
INSERT_ONLY = ("course_experience", "abs_limit")


def course_fields() -> tuple[Field, ...]:
    """The course feed's columns (course spelling)."""
    return (
        Field("external_course_key", KEY, required=True),
        DATA_SOURCE_KEY,
        Field("course_id", 100, required=True, check=forbidden_characters("course_id", " &/'+")),
        Field("course_name", 255, required=True),
        yes_no("available_ind"),
        Field("duration", choices=tuple(DURATIONS)),
        Field("start_date", check=yyyymmdd),
        Field("end_date", check=yyyymmdd),
        Field("term_key", 256),
        ROW_STATUS,
        yes_no("allow_guest_ind"), yes_no("allow_observer_ind"),
        Field("classification_key", 450),
        yes_no("complete"),
        Field("course_experience", choices=tuple(EXPERIENCES)),
        Field("parent_course_key", KEY),
        whole_number("days_of_use"),
        Field("description", 4000),
        Field("desc_page", 4000),
        Field("pace", choices=tuple(PACES)),
        yes_no("locale_enforced"),
        Field("enroll_access_code", 50),
        Field("enroll_end", check=yyyymmdd),
        Field("enroll_start", check=yyyymmdd),
        Field("enroll_option", choices=tuple(ENROLMENTS)),
        amount("fee"),
        Field("institution_name", 255),
        Field("locale", 20),
        yes_no("lockout_ind"),
        whole_number("abs_limit"), whole_number("soft_limit"), whole_number("upload_limit"),
        Field("external_association_key", KEY),
        Field("primary_external_node_key", 256),
        Field("new_external_course_key", KEY),
        Field("new_data_source_key", KEY),
        Field("service_level", choices=("f", "c", "s", "r", "t")),
        yes_no("catalog_ind"),
        Field("template_course_key", KEY),
        yes_no("use_term_availability_ind"),
    )


ORGANIZATION_NAMES = {
    "external_course_key": "external_organization_key", "course_id": "organization_id",
    "course_name": "organization_name", "course_experience": "organization_experience",
    "template_course_key": "template_organization_key",
    "new_external_course_key": "new_external_organization_key",
}
"""Course header -> the organization feed's header for the same field."""


def renamed(fields: tuple[Field, ...], names: dict[str, str]) -> tuple[Field, ...]:
    def field(f: Field) -> Field:
        name = names.get(f.name, f.name)
        check = forbidden_characters(name, " &/'+") if f.name == "course_id" else f.check
        return Field(name, f.max_length, f.required, f.choices, check)
    return tuple(field(f) for f in fields)


COURSE = ObjectSpec("course", course_fields())
ORGANIZATION = ObjectSpec("organization", renamed(course_fields(), ORGANIZATION_NAMES))


class CourseFeed(RecordFeed):
    name = noun = "course"
    spec = COURSE
    key_fields = ("external_course_key",)
    organization = False
    names: dict[str, str] = {}
    """Course header -> this feed's header (empty: the course spelling)."""

    def h(self, course_header: str) -> str:
        return self.names.get(course_header, course_header)

    def table(self, run: FeedRun) -> Courses:
        return run.learn.courses

    def key_after_store(self, values: dict[str, str]) -> str:
        return values.get(self.h("new_external_course_key")) or values[self.key_fields[0]]

    def find(self, run: FeedRun, key: str) -> Course | None:
        """The course (or, for the organization feed, organization) with that key."""
        found = run.learn.courses.by_batch_uid.get(key)
        return found if found is not None and found.organization == self.organization else None

    def record_key(self, record: Course) -> str:
        return record.batch_uid

    def owned(self, run: FeedRun, data_source: str | None):
        return (c for c in super().owned(run, data_source) if c.organization == self.organization)

    def check(self, run: FeedRun, values: dict[str, str], record: Course | None) -> None:
        learn, key = run.learn, values[self.key_fields[0]]
        other = learn.courses.by_batch_uid.get(key)
        if record is None and other is not None:
            kind = "an organization" if other.organization else "a course"
            raise RowError(f"{self.key_fields[0]} {key!r} is {kind}; post it in the "
                           f"{'organization' if other.organization else 'course'} feed", self.key_fields[0])
        course_id = values[self.h("course_id")]
        holder = learn.courses.by_course_id.get(course_id)
        if record is None and holder is not None:
            raise RowError(f"{self.h('course_id')} {course_id!r} already belongs to the {self.noun} with key "
                           f"{holder.batch_uid!r}", self.h("course_id"))
        if record is not None and course_id != record.course_id:
            raise RowError(f"{self.h('course_id')} cannot be changed after creation: {key!r} keeps "
                           f"{record.course_id!r}, not {course_id!r}", self.h("course_id"))
        self.key_is_free(learn.courses.by_batch_uid, values, self.h("new_external_course_key"), record, "course or organization")
        term_key = values.get("term_key")
        if term_key and term_key not in learn.terms.by_external_id:
            raise RowError(f"term_key {term_key!r}: no term with that key exists; post it in a term feed first",
                           "term_key")
        parent_key = values.get("parent_course_key")
        if parent_key:
            parent = learn.courses.by_batch_uid.get(parent_key)
            if parent is None:
                raise RowError(f"parent_course_key {parent_key!r}: no course with that key exists", "parent_course_key")
            if parent is record or parent_key == key:
                raise RowError(f"parent_course_key {parent_key!r} is the course itself", "parent_course_key")
        start, end = date(values, "start_date"), date(values, "end_date")
        if start and end and end < start:
            raise RowError(f"end_date {values['end_date']} is before start_date {values['start_date']}", "end_date")

    def create(self, run: FeedRun, values: dict[str, str]) -> Course:
        course = run.learn.courses.create(
            course_id=values[self.h("course_id")], title=values[self.h("course_name")],
            batch_uid=values[self.key_fields[0]], data_source=values["data_source_key"],
            owner=run.integration.pk, organization=self.organization)
        experience = values.get(self.h("course_experience"))
        course.settings["ultraStatus"] = EXPERIENCES[experience] if experience else "Ultra"
        if values.get("abs_limit"):
            course.settings["abs_limit"] = values["abs_limit"]
        return course

    def apply(self, run: FeedRun, values: dict[str, str], course: Course, creating: bool) -> None:
        learn = run.learn
        course.title = values[self.h("course_name")]
        if "description" in values:
            course.description = values["description"]
        if values.get("duration"):
            course.duration_type = DURATIONS[values["duration"]]
        for column, attribute in (("start_date", "start_date"), ("end_date", "end_date"),
                                  ("enroll_start", "enrollment_start"), ("enroll_end", "enrollment_end")):
            if column in values:
                setattr(course, attribute, date(values, column))
        if "days_of_use" in values:
            course.days_of_use = number(values, "days_of_use")
        if "term_key" in values:
            term = learn.terms.by_external_id.get(values["term_key"])
            course.term_pk = term.pk if term is not None else None
        if "parent_course_key" in values:
            parent = learn.courses.by_batch_uid.get(values["parent_course_key"])
            course.parent_pk = parent.pk if parent is not None else None
        for column, attribute in (("allow_guest_ind", "allow_guests"), ("allow_observer_ind", "allow_observers"),
                                  ("locale_enforced", "locale_enforced"),
                                  ("use_term_availability_ind", "term_availability")):
            if flag(values, column) is not None:
                setattr(course, attribute, flag(values, column))
        if values.get("enroll_option"):
            course.enrollment_type = ENROLMENTS[values["enroll_option"]]
        if values.get("pace"):
            course.pace_type = PACES[values["pace"]]
        if "enroll_access_code" in values:
            course.access_code = values["enroll_access_code"]
        if "locale" in values:
            course.locale = values["locale"]
        for column in KEPT:
            header = self.h(column)
            if header in values and column not in INSERT_ONLY:
                course.settings[column] = values[header]
        self.rekey(learn.courses, course, values, self.h("new_external_course_key"))

    def remove(self, run: FeedRun, course: Course) -> None:
        run.learn.courses.remove(course)


class OrganizationFeed(CourseFeed):
    name = noun = "organization"
    spec = ORGANIZATION
    key_fields = ("external_organization_key",)
    organization = True
    names = ORGANIZATION_NAMES
