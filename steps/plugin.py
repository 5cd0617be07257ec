"""The pytest plugin that makes the step library: options, targets, tags and steps."""
pytest_plugins = [
    "steps.stepcache",
    "steps.target",
    "steps.grading",
    "steps.live",
    "steps.report",
    "steps.tags",
    "steps.world",
    "steps.sis_steps",
    "steps.rest_steps",
    "steps.course_steps",
    "steps.connect_steps",
    "steps.roles_steps",
    "steps.connector_steps",
]
