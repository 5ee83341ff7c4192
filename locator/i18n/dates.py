"""Day, month and recurrence words: namespace ``dates``, kept in :mod:`geodata.date_words`
(the bottom layer, so geodata's HSDS importer says schedules with the same words)."""

from __future__ import annotations

from geodata.date_words import DATES, DAY_CODES

__all__ = ["DATES", "DAY_CODES"]
