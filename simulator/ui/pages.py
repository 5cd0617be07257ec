"""Every module of Learn's web pages that contributes routes, for the one WSGI application."""
from simulator.ui import buildingblocks, catalogue, connect, feeds, integrations, login, panel, users

SURFACES = (login, panel, integrations, feeds, users, catalogue, connect, buildingblocks)
