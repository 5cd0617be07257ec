"""The catalog category feeds (SPEC 7): `coursecategory` / `organizationcategory` make
categories, `coursecategorymembership` / `organizationcategorymembership` place courses
or organizations in them.

Category columns: required `external_category_key` (64; the category's mnemonic, REST
`categoryId`), `title` (255), `data_source_key`; optional `available_ind`,
`frontpage_ind`, `restrict_ind`, `row_status`, `description`, `parent_category_key` (an
existing category of the same type, never the category itself or one below it),
`new_external_category_key`, `new_data_source_key`. A key belongs to one type: a course
category row naming an organization category is an error, and the other way round.

Category membership columns: `external_category_key` and `external_course_key`
(`external_organization_key` for organizations), together the key; optional
`available_ind`, `row_status`, `new_data_source_key`. The category and the course must
exist and be of the feed's type. Delete and refresh disable (or purge) the place only.
"""
from __future__ import annotations

from typing import Hashable

from simulator.learn.categories import COURSE, ORGANIZATION, Categories, Category, CategoryMembership, CategoryMemberships
from simulator.learn.courses import Course
from simulator.sis.feedobject import RowError
from simulator.sis.fields import DATA_SOURCE_KEY, KEY, ROW_STATUS, Field, ObjectSpec
from simulator.sis.recordfeed import UNLIMITED, RecordFeed, flag, yes_no
from simulator.sis.run import FeedRun

CATEGORY_FIELDS = (
    Field("external_category_key", KEY, required=True),
    DATA_SOURCE_KEY,
    Field("title", 255, required=True),
    yes_no("available_ind"),
    yes_no("frontpage_ind"),
    ROW_STATUS,
    Field("description", UNLIMITED),
    yes_no("restrict_ind"),
    Field("parent_category_key", KEY),
    Field("new_external_category_key", KEY),
    Field("new_data_source_key", KEY),
)


class CategoryFeed(RecordFeed):
    name = "coursecategory"
    noun = "course category"
    spec = ObjectSpec("coursecategory", CATEGORY_FIELDS)
    key_fields = ("external_category_key",)
    kind = COURSE

    def table(self, run: FeedRun) -> Categories:
        return run.learn.categories

    def key_after_store(self, values: dict[str, str]) -> str:
        return values.get("new_external_category_key") or values["external_category_key"]

    def find(self, run: FeedRun, key: str) -> Category | None:
        found = run.learn.categories.by_batch_uid.get(key)
        return found if found is not None and found.kind == self.kind else None

    def record_key(self, record: Category) -> str:
        return record.batch_uid

    def owned(self, run: FeedRun, data_source: str | None):
        return (c for c in super().owned(run, data_source) if c.kind == self.kind)

    def _category(self, run: FeedRun, column: str, key: str, what: str) -> Category:
        category = run.learn.categories.by_batch_uid.get(key)
        if category is None:
            raise RowError(f"{column} {key!r}: no {what} with that key exists; post it in a {self.name} feed first",
                           column)
        if category.kind != self.kind:
            raise RowError(f"{column} {key!r} is a category of type {category.kind}, not {self.kind}; "
                           f"post it in the {category.kind.lower()}category feed", column)
        return category

    def check(self, run: FeedRun, values: dict[str, str], record: Category | None) -> None:
        categories, key = run.learn.categories, values["external_category_key"]
        if record is None and key in categories.by_batch_uid:
            self._category(run, "external_category_key", key, self.noun)  # names the other type
        self.key_is_free(categories.by_batch_uid, values, "new_external_category_key", record, "category")
        parent_key = values.get("parent_category_key")
        if parent_key:
            ancestor: Category | None = self._category(run, "parent_category_key", parent_key, "parent category")
            while ancestor is not None:
                if ancestor is record or ancestor.batch_uid == key:
                    raise RowError(f"parent_category_key {parent_key!r} would make category {key!r} its own "
                                   "ancestor", "parent_category_key")
                ancestor = categories.get(ancestor.parent_pk) if ancestor.parent_pk else None

    def create(self, run: FeedRun, values: dict[str, str]) -> Category:
        return run.learn.categories.create(batch_uid=values["external_category_key"], kind=self.kind,
                                           title=values["title"], data_source=values["data_source_key"],
                                           owner=run.integration.pk)

    def apply(self, run: FeedRun, values: dict[str, str], category: Category, creating: bool) -> None:
        category.title = values["title"]
        if "description" in values:
            category.description = values["description"]
        for column, attribute in (("frontpage_ind", "front_page"), ("restrict_ind", "restricted")):
            if flag(values, column) is not None:
                setattr(category, attribute, flag(values, column))
        if "parent_category_key" in values:
            parent = run.learn.categories.by_batch_uid.get(values["parent_category_key"])
            category.parent_pk = parent.pk if parent is not None else None
        self.rekey(run.learn.categories, category, values, "new_external_category_key")

    def remove(self, run: FeedRun, category: Category) -> None:
        run.learn.categories.remove(category)


class OrganizationCategoryFeed(CategoryFeed):
    name = "organizationcategory"
    noun = "organization category"
    spec = ObjectSpec("organizationcategory", CATEGORY_FIELDS)
    kind = ORGANIZATION


def category_membership_fields(course_key: str) -> tuple[Field, ...]:
    return (
        Field("external_category_key", KEY, required=True),
        Field(course_key, KEY, required=True),
        DATA_SOURCE_KEY,
        yes_no("available_ind"),
        ROW_STATUS,
        Field("new_data_source_key", KEY),
    )


class CategoryMembershipFeed(RecordFeed):
    name = "coursecategorymembership"
    noun = "course category membership"
    spec = ObjectSpec("coursecategorymembership", category_membership_fields("external_course_key"))
    key_fields = ("external_category_key", "external_course_key")
    kind = COURSE

    def table(self, run: FeedRun) -> CategoryMemberships:
        return run.learn.category_memberships

    def find(self, run: FeedRun, key: Hashable) -> CategoryMembership | None:
        category_key, course_key = key
        category = run.learn.categories.by_batch_uid.get(category_key)
        course = run.learn.courses.by_batch_uid.get(course_key)
        if category is None or course is None or category.kind != self.kind:
            return None
        return run.learn.category_memberships.find(category.pk, course.pk)

    def record_key(self, record: CategoryMembership) -> tuple[str, str]:
        return (self.learn.categories.get(record.category_pk).batch_uid,
                self.learn.courses.get(record.course_pk).batch_uid)

    def describe(self, key: Hashable) -> str:
        return "|".join(key)

    def owned(self, run: FeedRun, data_source: str | None):
        categories = run.learn.categories
        return (m for m in super().owned(run, data_source) if categories.get(m.category_pk).kind == self.kind)

    def _pair(self, run: FeedRun, values: dict[str, str]) -> tuple[Category, Course]:
        key = values["external_category_key"]
        category = run.learn.categories.by_batch_uid.get(key)
        kind = self.kind.lower()
        if category is None or category.kind != self.kind:
            why = "no such category exists" if category is None else f"it is an {category.kind.lower()} category"
            raise RowError(f"external_category_key {key!r}: {why}; a {self.name} row needs a {kind} category",
                           "external_category_key")
        column = self.key_fields[1]
        course = run.learn.courses.by_batch_uid.get(values[column])
        if course is None or course.organization != (self.kind == ORGANIZATION):
            why = "no such course or organization exists" if course is None else \
                f"it is {'an organization' if course.organization else 'a course'}"
            raise RowError(f"{column} {values[column]!r}: {why}; a {self.name} row needs a{'n' if kind[0] == 'o' else ''} "
                           f"{kind}", column)
        return category, course

    def check(self, run: FeedRun, values: dict[str, str], record: CategoryMembership | None) -> None:
        self._pair(run, values)

    def create(self, run: FeedRun, values: dict[str, str]) -> CategoryMembership:
        category, course = self._pair(run, values)
        return run.learn.category_memberships.place(category, course, data_source=values["data_source_key"],
                                                    owner=run.integration.pk)

    def remove(self, run: FeedRun, record: CategoryMembership) -> None:
        run.learn.category_memberships.delete(record)


class OrganizationCategoryMembershipFeed(CategoryMembershipFeed):
    name = "organizationcategorymembership"
    noun = "organization category membership"
    spec = ObjectSpec("organizationcategorymembership", category_membership_fields("external_organization_key"))
    key_fields = ("external_category_key", "external_organization_key")
    kind = ORGANIZATION
