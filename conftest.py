"""The suite's pytest plugin (`steps.plugin`) is registered through the `pytest11` entry
point `steps.plugin` of the installed package, for this repository and for anyone's tests
alike; it is not listed here. (The entry point carries the module's name, so an explicit
`pytest_plugins = ["steps.plugin"]` elsewhere finds it registered and adds nothing.)"""
