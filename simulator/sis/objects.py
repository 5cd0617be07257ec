"""Every Snapshot Flat File object beyond the person feeds, in Learn's endpoint names."""
from __future__ import annotations

from simulator.learn import Learn
from simulator.sis.category import (
    CategoryFeed, CategoryMembershipFeed, OrganizationCategoryFeed, OrganizationCategoryMembershipFeed,
)
from simulator.sis.course import CourseFeed, OrganizationFeed
from simulator.sis.feedobject import FeedObject
from simulator.sis.membership import MembershipFeed, OrganizationMembershipFeed
from simulator.sis.term import TermFeed

FEEDS = (TermFeed, CourseFeed, OrganizationFeed, MembershipFeed, OrganizationMembershipFeed, CategoryFeed,
         OrganizationCategoryFeed, CategoryMembershipFeed, OrganizationCategoryMembershipFeed)


def learn_objects(learn: Learn) -> list[FeedObject]:
    return [feed(learn) for feed in FEEDS]
