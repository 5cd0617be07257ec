"""The one place where names written by steps are turned into names on the target.

On the simulator every name is used as written. A live target gets a per-run prefix
on every external key, user name, data source key and role id a step writes, so a run
never collides with real records and its own records can be found and cleaned up.
A name can also be bound to a fixed spelling (an alias): on a live target the data
source key a scenario gives its integration is the data source the administrator set
up for the integration named in the target file.
"""
from __future__ import annotations

import secrets
import string

BUILT_IN_ROLES = {"STUDENT", "FACULTY", "STAFF", "ALUMNI", "PROSPECTIVE_STUDENT", "GUEST", "OTHER", "OBSERVER"}
MAPPED_COLUMNS = {
    "external_person_key", "new_external_person_key", "user_id", "data_source_key", "new_data_source_key",
    "role_id", "institution_role", "external_observer_key", "external_user_key",
    "external_term_key", "new_external_term_key", "external_parent_term_key", "term_key",
    "external_course_key", "new_external_course_key", "course_id", "parent_course_key", "template_course_key",
    "external_organization_key", "new_external_organization_key", "organization_id", "template_organization_key",
    "external_category_key", "new_external_category_key", "parent_category_key",
}
RUN_ID_ALPHABET = string.digits


def run_id(length: int = 6) -> str:
    """A random id for one run, digits only: a prefix must survive targets that upper- or
    lower-case keys and role ids, and stay well inside Learn's 50-character user ids."""
    return "".join(secrets.choice(RUN_ID_ALPHABET) for _ in range(length))


def live_prefix(run: str, worker: str, scenario_number: int) -> str:
    """`<run>_<worker>_<n>_`: one run, one test process, one scenario (so scenarios never see each other's rows)."""
    return f"{run}_{worker}_{scenario_number}_"


class NameMap:
    __slots__ = ("prefix", "aliases")

    def __init__(self, prefix: str = "", aliases: dict[str, str] | None = None) -> None:
        self.prefix = prefix
        self.aliases = dict(aliases or {})

    def alias(self, written: str, on_target: str) -> None:
        """From now on `written` is spelled `on_target` on the target (no prefix added)."""
        self.aliases[written] = on_target

    def __call__(self, name: str) -> str:
        """The target's spelling of a name a scenario wrote."""
        if name in self.aliases:
            return self.aliases[name]
        if not self.prefix or not name or name.upper() in BUILT_IN_ROLES:
            return name
        return self.prefix + name

    def written(self, on_target: str) -> str:
        """The scenario's spelling of a name as the target shows it (the inverse of calling the map)."""
        for written, target in self.aliases.items():
            if target == on_target:
                return written
        if self.prefix and on_target.startswith(self.prefix):
            return on_target[len(self.prefix):]
        return on_target

    def feed(self, text: str, delimiter: str = "|") -> str:
        """Rewrite the name columns of a feed file (header kept as written)."""
        if not self.prefix and not self.aliases:
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
                    core = parts[j].strip()
                    parts[j] = parts[j].replace(core, self(core), 1) if core else parts[j]
                lines[i] = delimiter.join(parts)
        return "\n".join(lines)
