"""learnsim: an in-memory Blackboard Learn with its provisioning interfaces.

`Simulator` is the one Learn state that every surface (SIS feeds, REST, the control
API) reads and writes; `simulator.http.create_app` serves it over WSGI and
`simulator.mock.mock_learn` routes `requests` calls into it in-process.
"""
from simulator.core import Simulator

__all__ = ["Simulator"]
__version__ = "0.1.0"
