"""The identity-management connector of seed 002: identity operations, provisioning of
users, courses, groups and portal roles, and export — all on the one Learn state."""
