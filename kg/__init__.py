"""newskg: a knowledge graph of who said what, and who talked with whom, in German news."""

__version__ = "0.1.0"
