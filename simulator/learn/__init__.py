"""Learn's own state: users, roles, data sources; no HTTP, no feed syntax."""
from simulator.learn.state import Learn, LearnError

__all__ = ["Learn", "LearnError"]
