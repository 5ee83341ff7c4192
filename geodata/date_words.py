"""Day, month and recurrence words (visits, schedules, popups, HSDS schedules): ``dates``.

Examples
--------
>>> DATES["day.SA"].get("es"), DATES["day_short.5"].get("en"), DATES["month_short.3"].get("es")
('sábado', 'Sat', 'mar')
"""

from __future__ import annotations

from geodata.i18n import T, register

__all__ = ["DATES", "DAY_CODES"]

DAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
"""RFC 5545 day codes, Monday first (``date.weekday()`` order)."""

_DAYS = (
    ("lunes", "Monday"),
    ("martes", "Tuesday"),
    ("miércoles", "Wednesday"),
    ("jueves", "Thursday"),
    ("viernes", "Friday"),
    ("sábado", "Saturday"),
    ("domingo", "Sunday"),
)
_DAYS_SHORT = (
    ("lun", "Mon"),
    ("mar", "Tue"),
    ("mié", "Wed"),
    ("jue", "Thu"),
    ("vie", "Fri"),
    ("sáb", "Sat"),
    ("dom", "Sun"),
)
_MONTHS_SHORT = (
    ("ene", "Jan"),
    ("feb", "Feb"),
    ("mar", "Mar"),
    ("abr", "Apr"),
    ("may", "May"),
    ("jun", "Jun"),
    ("jul", "Jul"),
    ("ago", "Aug"),
    ("sep", "Sep"),
    ("oct", "Oct"),
    ("nov", "Nov"),
    ("dic", "Dec"),
)

DATES = register(
    "dates",
    *(T(f"day.{code}", es=es, en=en) for code, (es, en) in zip(DAY_CODES, _DAYS, strict=True)),
    *(T(f"day_short.{i}", es=es, en=en) for i, (es, en) in enumerate(_DAYS_SHORT)),
    *(T(f"month_short.{i}", es=es, en=en) for i, (es, en) in enumerate(_MONTHS_SHORT, 1)),
    T("freq.DAILY", es="Diario", en="Daily"),
    T("freq.WEEKLY", es="Semanal", en="Weekly"),
    T("freq.MONTHLY", es="Mensual", en="Monthly"),
    T("freq.YEARLY", es="Anual", en="Yearly"),
    T("ord.1", es="1er", en="1st"),
    T("ord.2", es="2º", en="2nd"),
    T("ord.3", es="3er", en="3rd"),
    T("ord.4", es="4º", en="4th"),
    T("ord.-1", es="último", en="last"),
    T("ord.n", es="{n}º", en="{n}th"),
    T("every_n_weeks", es="cada {n} semanas", en="every {n} weeks"),
    T("hours.appointment", es="con cita", en="appointment"),
    T("hours.free", es="gratis", en="free"),
    T("hours.as_of", es="datos de", en="as of"),
    T("hours.closed", es="cerrado", en="closed"),
)
"""Day names (``day.<RFC 5545 code>``), short days (``day_short.<weekday>``), short months
(``month_short.<1-12>``), frequencies (``freq.*``), ordinals (``ord.<n>``, else ``ord.n``) and
the words of opening hours as sources write them (``hours.*``)."""
