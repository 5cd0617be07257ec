"""The four data formats (User, Course, Group, PortalRole): their attribute tables and
how each attribute lives in Learn's records."""
