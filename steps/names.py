"""The one place where names written by steps are turned into names on the target.

On the simulator every name is used as written. A live target gets a per-run prefix
on every external key, user name, data source key and role id a step writes, so a run
never collides with real records and its own records can be found and cleaned up.
"""
from __future__ import annotations

BUILT_IN_ROLES = {"STUDENT", "FACULTY", "STAFF", "ALUMNI", "PROSPECTIVE_STUDENT", "GUEST", "OTHER", "OBSERVER"}
MAPPED_COLUMNS = {
    "external_person_key", "new_external_person_key", "user_id", "data_source_key", "new_data_source_key",
    "role_id", "institution_role", "external_observer_key", "external_user_key",
}


class NameMap:
    __slots__ = ("prefix",)

    def __init__(self, prefix: str = "") -> None:
        self.prefix = prefix

    def __call__(self, name: str) -> str:
        """The target's spelling of a name a scenario wrote."""
        if not self.prefix or not name or name.upper() in BUILT_IN_ROLES:
            return name
        return self.prefix + name

    def feed(self, text: str, delimiter: str = "|") -> str:
        """Rewrite the name columns of a feed file (header kept as written)."""
        if not self.prefix:
            return text
        lines = text.split("\n")
        header_at = next((i for i, line in enumerate(lines) if line.strip()), None)
        if header_at is None:
            return text
        names = [n.strip().lower() for n in lines[header_at].split(delimiter)]
        mapped = [i for i, n in enumerate(names) if n in MAPPED_COLUMNS]
        for i in range(header_at + 1, len(lines)):
            parts = lines[i].split(delimiter)
            if len(parts) == len(names):
                for j in mapped:
                    parts[j] = self(parts[j].strip())
                lines[i] = delimiter.join(parts)
        return "\n".join(lines)
