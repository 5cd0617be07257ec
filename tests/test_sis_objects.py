"""Course, membership and term feeds on the one Learn state: records other surfaces made
are the records feeds see, and the other way round; dry runs undo purges exactly."""
from __future__ import annotations

from simulator import Simulator
from simulator.connector.session import Session


def setup() -> tuple[Simulator, object]:
    sim = Simulator()
    integration, _ = sim.sis.put_integration("BBLEARN", {"data_source_key": "SIS.ONE", "password": "pw"})
    return sim, integration


def post(sim, integration, object_name: str, operation: str, text: str, dry_run: bool = False):
    return sim.sis.post(integration, object_name, operation, text.encode(), dry_run=dry_run)


def test_a_course_made_outside_the_sis_is_updated_by_a_feed_with_a_warning_and_never_refreshed_away():
    sim, integration = setup()
    made = sim.learn.courses.create(course_id="ART1", title="Art", data_source="MANUAL")
    data_set = post(sim, integration, "course", "store", "external_course_key|course_id|course_name\nART1|ART1|Fine Art\n")
    assert (data_set.errors, made.title) == (0, "Fine Art")
    assert any("belongs to another integration" in e.message for e in data_set.log)
    post(sim, integration, "course", "refresh", "external_course_key|course_id|course_name\nNEW1|NEW1|New\n")
    assert made.enabled and made.owner is None


def test_a_feed_course_and_its_enrolment_are_what_the_connector_resolves():
    sim, integration = setup()
    post(sim, integration, "person", "store", "external_person_key|user_id|firstname|lastname\np1|u1|A|B\n")
    post(sim, integration, "course", "store", "external_course_key|course_id|course_name\nC1|C1_ID|Calc\n")
    post(sim, integration, "membership", "store", "external_course_key|external_person_key|role\nC1|p1|instructor\n")
    session = Session(sim.learn, sim.connector)
    course = session.course("C1_ID", "courseId")
    membership = sim.learn.course_memberships.of_course(course.pk)[0]
    assert (course.batch_uid, membership.role, sim.learn.users[membership.user_pk].external_id) == ("C1", "INSTRUCTOR", "p1")


def test_an_enrolment_made_outside_the_sis_is_never_disabled_by_a_membership_refresh():
    sim, integration = setup()
    post(sim, integration, "person", "store", "external_person_key|user_id|firstname|lastname\np1|u1|A|B\np2|u2|C|D\n")
    post(sim, integration, "course", "store", "external_course_key|course_id|course_name\nC1|C1|Calc\n")
    course = sim.learn.courses.by_batch_uid["C1"]
    outside = sim.learn.course_memberships.enrol(course, sim.learn.users_by_external_id["p2"])
    post(sim, integration, "membership", "refresh", "external_course_key|external_person_key\nC1|p1\n")
    assert outside.enabled and sim.learn.course_memberships.availability(outside) == "Yes"


def test_dry_run_purges_of_terms_courses_and_categories_change_nothing():
    sim, integration = setup()
    post(sim, integration, "term", "store", "external_term_key|name\nT1|Fall\n")
    post(sim, integration, "course", "store", "external_course_key|course_id|course_name|term_key\nC1|C1|Calc|T1\n")
    post(sim, integration, "coursecategory", "store", "external_category_key|title\nK|Kat\n")
    post(sim, integration, "coursecategorymembership", "store", "external_category_key|external_course_key\nK|C1\n")
    sim.sis.put_integration("BBLEARN", {"delete_behaviour": {
        "course": "smart_delete", "term": "smart_delete", "coursecategory": "smart_delete"}})
    learn = sim.learn

    def state():
        return ([(c.batch_uid, c.enabled, c.term_pk) for c in learn.courses], [t.external_id for t in learn.terms],
                [c.batch_uid for c in learn.categories], [(m.category_pk, m.course_pk) for m in learn.category_memberships])

    before = state()
    for object_name, key in (("course", "external_course_key\nC1\n"), ("term", "external_term_key\nT1\n"),
                             ("coursecategory", "external_category_key\nK\n")):
        data_set = post(sim, integration, object_name, "delete", key, dry_run=True)
        assert dict(data_set.outcomes) == {"purged": 1}, object_name
    assert state() == before
    post(sim, integration, "term", "delete", "external_term_key\nT1\n")
    assert learn.courses.by_batch_uid["C1"].term_pk is None and not list(learn.terms)


def test_learnsim_generate_keeps_person_files_and_writes_the_other_objects():
    from click.testing import CliRunner

    from simulator.cli import main

    runner = CliRunner()
    persons = runner.invoke(main, ["generate", "3"]).output.splitlines()
    assert persons[0].startswith("EXTERNAL_PERSON_KEY|USER_ID") and len(persons) == 4
    enrolments = runner.invoke(main, ["generate", "50", "--object", "membership", "--courses", "5"]).output.splitlines()
    pairs = [tuple(line.split("|")[:2]) for line in enrolments[1:]]
    assert enrolments[0].startswith("EXTERNAL_COURSE_KEY|EXTERNAL_PERSON_KEY|ROLE") and len(pairs) == len(set(pairs))
    assert len(pairs) == 5 + 50 * 4
