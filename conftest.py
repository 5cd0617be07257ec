pytest_plugins = ["steps.plugin"]
