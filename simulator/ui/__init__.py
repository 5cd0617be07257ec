"""Learn's web pages: the login form and the Administrator Panel, rendered from Jinja2
templates over the same Learn state every other surface reads and writes."""
