"""Observer associations: one user (who holds the Observer system role) watching another.

One observer may observe several users and one user may have several observers; the
pair (observer, observed user) identifies the association. Only enabled associations
are in effect (REST lists only those).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from simulator.learn.records import Association, AssociationTable

if TYPE_CHECKING:
    from simulator.learn.users import User

OBSERVER_SYSTEM_ROLE = "Observer"


@dataclass(slots=True, eq=False)
class ObserverLink(Association):
    observer: "User | None" = None
    user: "User | None" = None

    @property
    def key(self) -> tuple[str, str]:
        return (self.observer.pk, self.user.pk)

    @property
    def user_pks(self) -> tuple[str, ...]:
        return (self.observer.pk, self.user.pk)


class ObserverLinks(AssociationTable[ObserverLink]):
    name = "observer_link"

    def observers_of(self, user: "User") -> list["User"]:
        """The users observing `user` through enabled associations."""
        return [link.observer for link in self.of_user(user.pk) if link.enabled and link.user is user]

    def observees_of(self, observer: "User") -> list["User"]:
        """The users `observer` observes through enabled associations."""
        return [link.user for link in self.of_user(observer.pk) if link.enabled and link.observer is observer]

    def link(self, observer: "User", user: "User", *, owner: str | None, data_source: str,
             enabled: bool = True) -> ObserverLink:
        """Create the association; the observer must hold the Observer system role."""
        from simulator.learn.state import LearnError

        if observer is user:
            raise LearnError(f"{observer.user_name!r} cannot observe themselves")
        if observer.system_role != OBSERVER_SYSTEM_ROLE:
            raise LearnError(f"{observer.user_name!r} does not hold the {OBSERVER_SYSTEM_ROLE} system role "
                             f"(it holds {observer.system_role}); only observers can observe other users")
        now = self.learn.now()
        self.learn.add_data_source(data_source)
        return self.add(ObserverLink(owner, data_source, enabled, now, now, observer=observer, user=user))
