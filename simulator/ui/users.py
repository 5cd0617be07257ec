"""Administrator Panel → Users: search and list, and a user's User Information page.

User Information shows what Learn keeps about a person: names, contact, availability and
row status, system and institution roles (primary and secondary), data source, observers
and observees, and under Account Information the Connect statement — synchronised with
its contact id, or not and why (seed 000).
"""
from __future__ import annotations

from werkzeug.routing import Rule
from werkzeug.wrappers import Response

from simulator.http import auth
from simulator.learn.roles import SYSTEM_ROLES
from simulator.learn.users import User
from simulator.ui.guard import Visit, administrator_page

AUTH = auth.ADMIN_PAGE

USERS = "/webapps/blackboard/execute/userManager"
INFO = "/webapps/blackboard/execute/userInformation"
SEARCH_FIELDS = (("user_name", "Username"), ("lastname", "Last Name"), ("firstname", "First Name"),
                 ("email", "Email"), ("external_id", "Batch UID (external key)"))
OPERATORS = (("contains", "Contains"), ("equals", "Equal to"), ("starts", "Starts with"), ("empty", "Not blank"))
PAGE_SIZE = 50
CONTACT_LABELS = (("email", "Email"), ("inst_email", "Institution Email"), ("m_phone", "Mobile Phone"),
                  ("h_phone_1", "Home Phone"), ("b_phone_1", "Business Phone"), ("b_fax", "Business Fax"),
                  ("street_1", "Street"), ("city", "City"), ("state", "State"), ("zip_code", "ZIP"),
                  ("country", "Country"), ("webpage", "Web Page"))
PROFILE_LABELS = (("student_id", "Student ID"), ("middlename", "Middle Name"), ("title", "Title"),
                  ("gender", "Gender"), ("birthdate", "Birth Date"), ("educ_level", "Education Level"),
                  ("company", "Company"), ("department", "Department"), ("job_title", "Job Title"))


def _value(user: User, field: str) -> str:
    if field == "email":
        return user.profile.get("email", "")
    return getattr(user, field, "") or ""


def _matches(value: str, operator: str, term: str) -> bool:
    value, term = value.lower(), term.lower()
    return {"contains": term in value, "equals": value == term, "starts": value.startswith(term),
            "empty": bool(value)}[operator]


@administrator_page
def user_search(visit: Visit) -> Response:
    args, learn = visit.request.args, visit.app.sim.learn
    field, operator, term = args.get("field", "user_name"), args.get("operator", "contains"), args.get("term", "").strip()
    errors = {}
    if field not in dict(SEARCH_FIELDS):
        errors["field"] = f"Search by one of: {', '.join(label for _, label in SEARCH_FIELDS)}."
    if operator not in dict(OPERATORS):
        errors["operator"] = f"Choose one of: {', '.join(label for _, label in OPERATORS)}."
    found, more = [], False
    if not errors and "term" in args:
        for user in learn.users.values():
            if _matches(_value(user, field), operator, term):
                if len(found) == PAGE_SIZE:
                    more = True
                    break
                found.append(user)
    return visit.page("users.html", "Users", (), 400 if errors else 200, errors=errors, found=found, more=more,
                      searched="term" in args and not errors, fields=SEARCH_FIELDS, operators=OPERATORS,
                      wanted={"field": field, "operator": operator, "term": term}, total=len(learn.users))


@administrator_page
def user_information(visit: Visit) -> Response:
    learn, sim = visit.app.sim.learn, visit.app.sim
    ref = visit.request.args.get("user_id", "")
    user = learn.user_by_id(ref) if ref else None
    trail = (("Users", USERS),)
    if user is None:
        return visit.page("not_found.html", "No Such User", trail, 404,
                          message=f"There is no user {ref!r} (give user_id as _12_1, userName:NAME or externalId:KEY).")
    source = learn.data_sources.get(user.data_source)
    primary = learn.institution_role(user.institution_role) if user.institution_role else None
    secondary = [learn.institution_role(r) for r in sorted(user.secondary_roles)]
    return visit.page("user_information.html", f"User Information: {user.user_name}", trail, person=user,
                      source=source, primary=primary, secondary=[r for r in secondary if r],
                      system_role=SYSTEM_ROLES.get(user.system_role, (user.system_role,))[0],
                      contact=[(label, user.profile[k]) for k, label in CONTACT_LABELS if user.profile.get(k)],
                      profile=[(label, user.profile[k]) for k, label in PROFILE_LABELS if user.profile.get(k)],
                      observers=learn.observer_links.observers_of(user), observees=learn.observer_links.observees_of(user),
                      connect=sim.connect.sync.user_status(user))


ROUTES = [
    (Rule(USERS, methods=["GET"]), user_search),
    (Rule(INFO, methods=["GET"]), user_information),
]
