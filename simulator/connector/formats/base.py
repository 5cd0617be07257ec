"""What every data format provides to the provisioning and export engines.

A data format binds its attribute table to Learn's records: for each top-level
attribute a `Binding` (read / write / clear), and for each sub-record kind the
functions that list, find, add and remove sub-records. The engines do every check
the table implies; a format only adds the rules of Learn's data model (uniqueness,
references, disabled users, …), each raised as a `Refusal` naming the attribute.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Iterable

from simulator.connector.attributes import Attribute, SubRecordSpec, sub_records
from simulator.connector.errors import Refusal
from simulator.learn import LearnError

if TYPE_CHECKING:
    from simulator.connector.session import Session

Reader = Callable[[Any], Any]
Writer = Callable[["Session", Any, Any], None]


@dataclass(frozen=True, slots=True)
class Binding:
    """How one attribute lives in a Learn record."""

    read: Reader
    write: Writer
    default: Any = None
    """What Modify (Delete) leaves: Learn's default for the property."""


def slot(name: str, default: Any = None) -> Binding:
    """A field of the record itself."""
    return Binding(lambda record: getattr(record, name), lambda s, record, value: setattr(record, name, value), default)


def setting(name: str, default: Any = None) -> Binding:
    """A property kept in the record's `settings` dict."""
    def write(session: "Session", record: Any, value: Any) -> None:
        if value is None:
            record.settings.pop(name, None)
        else:
            record.settings[name] = value
    return Binding(lambda record: record.settings.get(name), write, default)


@dataclass
class DataFormat:
    name: str
    key: str
    """The attribute that is the record's primary key."""
    attributes: dict[str, Attribute]
    bindings: dict[str, Binding]
    subs: dict[str, SubRecordSpec] = field(init=False)

    def __post_init__(self) -> None:
        self.subs = sub_records(self.attributes)
        unbound = [a.name for a in self.attributes.values() if a.group is None and a.name not in self.bindings]
        if unbound:
            raise ValueError(f"{self.name}: attributes without a binding: {unbound}")

    # -- records ---------------------------------------------------------------------
    def find(self, session: "Session", ref: str) -> Any | None:
        raise NotImplementedError

    def records(self, session: "Session") -> Iterable[Any]:
        raise NotImplementedError

    def create(self, session: "Session", values: dict[str, Any]) -> Any:
        """A new record from checked top-level values (mandatory ones present)."""
        raise NotImplementedError

    def delete(self, session: "Session", record: Any) -> None:
        raise NotImplementedError

    def touch(self, session: "Session", record: Any) -> None:
        """Announce a change to `record` before it is made."""
        raise NotImplementedError

    def read(self, session: "Session", record: Any, attribute: str) -> Any:
        return self.bindings[attribute].read(record)

    def write(self, session: "Session", record: Any, attribute: str, value: Any) -> None:
        self.touch(session, record)
        guarded(attribute, lambda: self.bindings[attribute].write(session, record, value))

    def clear(self, session: "Session", record: Any, attribute: str) -> None:
        self.write(session, record, attribute, self.bindings[attribute].default)

    # -- sub-records -------------------------------------------------------------------
    def sub_list(self, session: "Session", record: Any, group: str) -> list[Any]:
        raise NotImplementedError

    def sub_read(self, session: "Session", sub: Any, group: str, leaf: str) -> Any:
        raise NotImplementedError

    def sub_find(self, session: "Session", record: Any, group: str, key: Any) -> Any | None:
        key_leaf = self.subs[group].key
        wanted = self.resolve_sub_key(session, group, key)
        return next((s for s in self.sub_list(session, record, group)
                     if self.sub_read(session, s, group, key_leaf) == wanted), None)

    def resolve_sub_key(self, session: "Session", group: str, key: Any) -> Any:
        """The exported form of a sub-record key given in any accepted form."""
        return key

    def sub_add(self, session: "Session", record: Any, group: str, values: dict[str, Any]) -> Any:
        raise NotImplementedError

    def sub_write(self, session: "Session", sub: Any, group: str, leaf: str, value: Any) -> None:
        raise NotImplementedError

    def sub_clear(self, session: "Session", sub: Any, group: str, leaf: str) -> None:
        raise NotImplementedError

    def sub_remove(self, session: "Session", record: Any, group: str, sub: Any) -> None:
        raise NotImplementedError

    # -- searching ---------------------------------------------------------------------
    def search_values(self, session: "Session", record: Any, key: str) -> list[str] | None:
        """The values a record shows for a filter key (`userName`, `courseId`, …); None: key unknown."""
        raise NotImplementedError


def guarded(attribute: str, change: Callable[[], Any], rule: str = "constraint", status: int = 409) -> Any:
    """Run a change in Learn; a broken Learn rule becomes a refusal naming `attribute`."""
    try:
        return change()
    except LearnError as exc:
        raise Refusal.of(attribute, rule, f"{attribute}: {exc}", status) from None
