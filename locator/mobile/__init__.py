"""Mobile VDS units: stop schedules, next visits, calendar exports and route planning.

The only public facts are that two mobile units operate (Detroit and New York, SRE letter of
December 2023); no route or stop schedule is published, so every shipped route is
**illustrative** and says so in data, calendars, maps and API answers.
"""

__all__: list[str] = []
