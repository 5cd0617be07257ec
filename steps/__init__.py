"""The conformance suite's step library: pytest-bdd steps that speak only HTTP."""
