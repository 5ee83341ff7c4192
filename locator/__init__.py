"""locator: spatial index, queries, maps, analysis and CLI (floor 2, built on ``geodata``)."""

__all__: list[str] = []
