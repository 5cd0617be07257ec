"""The one WSGI application: routes for every surface, and nothing else."""
from simulator.http.app import LearnApp, create_app

__all__ = ["LearnApp", "create_app"]
