"""geodata: locator's data layer (floor 1).

Schema and controlled vocabulary, cited source facts, the reproducible build of the bundled
dataset, the offline gazetteer, importers and stores. It imports nothing from ``locator`` or
``api`` and never reads environment variables.
"""

__all__ = ["__version__"]

__version__ = "0.1.0"
