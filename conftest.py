"""The suite's pytest plugin (`steps.plugin`) is registered through the `pytest11` entry
point `learnsim` of the installed package, for this repository and for anyone's tests
alike; it is deliberately not listed here too, which would register it twice."""
