"""The membership objects' batch lane: a batch of new enrolments made column by column.

For a `membership` or `organizationmembership` file whose header has only the common
columns (the course or organization key, the person key, data source, role,
availability, row status), a batch in which every row names an existing, enabled
course (or organization) and an existing, enabled person that are not linked yet is
enrolled in bulk: the same memberships, roles, availability, row status, owner and
data source `MembershipFeed.store` gives them, counted `created`. Any other batch
goes row by row, which gives the exact errors and outcomes (see `simulator.sis.lane`).
"""
from __future__ import annotations

from itertools import repeat
from operator import attrgetter
from typing import TYPE_CHECKING

from simulator.learn.courses import CourseMembership
from simulator.sis.lane import BatchLane, Shape

if TYPE_CHECKING:
    from simulator.sis.membership import MembershipFeed
    from simulator.sis.operations import FileKeys
    from simulator.sis.run import FeedRun

_pk, _enabled, _organization = attrgetter("pk"), attrgetter("enabled"), attrgetter("organization")


class MembershipLane(BatchLane):
    """The lane for one membership header; see the module's docstring."""

    reads = frozenset({"external_course_key", "external_organization_key", "external_person_key", "data_source_key",
                       "role", "available_ind", "row_status"})

    def __init__(self, run: "FeedRun", shape: Shape, seen: "FileKeys", sources: set[str],
                 feed: "MembershipFeed", roles: dict[str, str]) -> None:
        super().__init__(run, shape, seen, sources)
        self.feed = feed
        self.roles = {"": "STUDENT", **roles}
        """A row's `role` → Learn's course role; a new membership without one is a student."""

    def __call__(self, first: int, lines: list[str]) -> range | tuple:
        columns = self.columns(lines)
        if columns is None:
            return ()
        run, at, n = self.run, self.at, len(lines)
        learn, table = run.learn, run.learn.course_memberships
        course_keys, person_keys = columns[at[self.feed.key_fields[0]]], columns[at["external_person_key"]]
        keys = list(zip(course_keys, person_keys))
        courses = list(map(learn.courses.by_batch_uid.get, course_keys))
        users = list(map(learn.users_by_external_id.get, person_keys))
        if None in courses or None in users or len(set(keys)) != n:
            return ()
        if not (all(map(_enabled, courses)) and all(map(_enabled, users))
                and list(map(_organization, courses)).count(self.feed.organization) == n):
            return ()
        course_pks, user_pks = list(map(_pk, courses)), list(map(_pk, users))
        if any(map(table.by_pair.__contains__, zip(course_pks, user_pks))) or not self.new_to_file(keys):
            return ()
        sources = self.data_sources(columns, n)
        available, enabled = self.row_state(columns, n)
        now = learn.now()
        table.insert_many(list(map(
            CourseMembership, table.pks.take_many(n), course_pks, user_pks, sources, repeat(now), repeat(now),
            repeat(now), map(self.roles.__getitem__, self.column(columns, "role", n)),
            available, repeat(None), repeat(False), repeat(True),
            repeat(True), repeat(""), repeat(""), repeat(""), repeat(run.integration.pk),
            enabled,
        )))
        self.counted(first, "created", keys, sources)
        return range(n)
