"""Catalog categories of courses and organizations, and the courses placed in them.

A category has a primary key, a mnemonic (`categoryId`, unique; the SIS feeds' batch
uid), a title, a type (`Course` or `Organization`), an optional parent category and the
flags front page, available and restricted. A category membership places one course
(of the category's type) in one category, at most once. Removing a category removes its
places and leaves its child categories without a parent; removing a course removes its
places.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from simulator.learn.tables import LinkTable, OwnedTable

if TYPE_CHECKING:
    from simulator.learn.state import Learn

COURSE, ORGANIZATION = "Course", "Organization"


@dataclass(slots=True, eq=False)
class Category:
    pk: str
    batch_uid: str
    kind: str
    data_source: str
    title: str
    created: datetime
    modified: datetime
    description: str = ""
    available: bool = True
    enabled: bool = True
    front_page: bool = False
    restricted: bool = False
    parent_pk: str | None = None
    owner: str | None = None


@dataclass(slots=True, eq=False)
class CategoryMembership:
    pk: str
    category_pk: str
    course_pk: str
    data_source: str
    created: datetime
    modified: datetime
    available: bool = True
    enabled: bool = True
    owner: str | None = None


class Categories(OwnedTable[Category]):
    name = "category"

    def __init__(self, learn: "Learn") -> None:
        super().__init__(learn)
        self.by_batch_uid: dict[str, Category] = {}

    def _index(self, category: Category) -> None:
        super()._index(category)
        self.by_batch_uid[category.batch_uid] = category

    def _unindex(self, category: Category) -> None:
        super()._unindex(category)
        del self.by_batch_uid[category.batch_uid]

    def create(self, *, batch_uid: str, kind: str, title: str, data_source: str, owner: str | None = None) -> Category:
        from simulator.learn.state import LearnError

        if batch_uid in self.by_batch_uid:
            raise LearnError(f"a category with categoryId {batch_uid!r} already exists")
        self.learn.add_data_source(data_source)
        now = self.learn.now()
        return self.insert(Category(self.pks.take(), batch_uid, kind, data_source, title, now, now, owner=owner))

    def by_ref(self, kind: str, ref: str) -> Category | None:
        """Resolve `_3_1` or `categoryId:X` within one type, as REST does."""
        if ref.startswith("categoryId:"):
            found = self.by_batch_uid.get(ref[len("categoryId:"):])
        else:
            found = self.rows.get(ref)
        return found if found is not None and found.kind == kind else None

    def remove(self, category: Category) -> None:
        for place in self.learn.category_memberships.of_category(category.pk):
            self.learn.category_memberships.delete(place)
        for child in self:
            if child.parent_pk == category.pk:
                self.edit(child).parent_pk = None
        self.delete(category)


class CategoryMemberships(LinkTable, OwnedTable[CategoryMembership]):
    name = "category_membership"
    pair = sides = ("category_pk", "course_pk")

    def find(self, category_pk: str, course_pk: str) -> CategoryMembership | None:
        return self.by_pair.get((category_pk, course_pk))

    def of_category(self, category_pk: str) -> list[CategoryMembership]:
        return self.linked("category_pk", category_pk)

    def of_course(self, course_pk: str) -> list[CategoryMembership]:
        return self.linked("course_pk", course_pk)

    def place(self, category: Category, course, *, data_source: str, owner: str | None = None) -> CategoryMembership:
        """Put a course of the category's type in the category, once."""
        from simulator.learn.state import LearnError

        if (category.kind == ORGANIZATION) != course.organization:
            raise LearnError(f"category {category.batch_uid!r} is an {category.kind.lower()} category; "
                             f"{course.course_id!r} is not an {category.kind.lower()}")
        if (category.pk, course.pk) in self.by_pair:
            raise LearnError(f"{course.course_id!r} is already in category {category.batch_uid!r}")
        now = self.learn.now()
        return self.insert(CategoryMembership(self.pks.take(), category.pk, course.pk, data_source, now, now,
                                              owner=owner))

    def forget_course(self, course_pk: str) -> None:
        for place in self.of_course(course_pk):
            self.delete(place)


