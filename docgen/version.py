"""docgen's version, in a module of its own so that any part may name it without loading the package."""

__version__ = "0.1.0"
