"""``locator gaps`` and ``locator suggest``: outreach planning from the command line."""

from __future__ import annotations

import functools
import math
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import click

from locator.cli.common import (
    emit_json,
    handle_errors,
    kinds_option,
    lang_option,
    open_cli_store,
    services_option,
    store_option,
    table_format_option,
    thresholds_option,
)
from locator.i18n.cli import CLI_PLANNING
from locator.i18n.planning import PLANNING_SOURCES

__all__ = ["commands"]

_SAY = CLI_PLANNING


@contextmanager
def _progress(total: int, lang: str):
    """A tqdm bar on stderr (hidden when stderr is not a terminal), in ``lang``."""
    from tqdm import tqdm

    unit = _SAY["step_unit"].get(lang)
    with tqdm(total=total, unit=unit, leave=False, disable=None) as bar:

        def step(name: str) -> None:
            bar.set_description(_SAY[f"step.{name}"].get(lang))
            bar.update(1)

        yield step


@dataclass(frozen=True)
class _DemandArgs:
    """The demand options of ``gaps`` and ``suggest`` (:data:`acs_options`) as one value."""

    demand: str = "acs"
    acs: str | None = None
    vintage: str = ""
    variables: str | None = None
    variable: str | None = None
    force_variable: bool = False


def _demand(args: _DemandArgs):
    """The demand layer: bundled ACS 2013-2017 (default), an imported ACS file, or the proxy."""
    from geodata.errors import InvalidInputError
    from geodata.gazetteer import Gazetteer
    from locator.i18n.cli import CLI_ERRORS
    from locator.planning import DemandLayer, default_demand, proxy_demand

    gz = Gazetteer.default()
    acs, demand = args.acs, args.demand
    if acs:
        if demand == "proxy":
            raise InvalidInputError(CLI_ERRORS["acs_or_proxy"])
        from geodata.importers.acs import read_acs_b05006

        table = read_acs_b05006(
            acs,
            variables=args.variables,
            variable=args.variable,
            force_variable=args.force_variable,
        )
        vintage = args.vintage or _vintage_from_name(acs)
        return DemandLayer.from_acs(gz.counties(), table, places=gz.places(), vintage=vintage), gz
    if demand == "proxy":
        return proxy_demand(gz), gz
    return default_demand(gz), gz


def _vintage_from_name(path: str) -> str:
    """``ACSDT5Y2023.B05006-Data.csv`` -> ``ACS 5-year 2019-2023`` ("" when not recognised)."""
    import re

    found = re.search(r"ACS\w{0,2}([15])Y(\d{4})", Path(path).name, re.I)
    if not found:
        return ""
    span, year = int(found.group(1)), int(found.group(2))
    return f"ACS {span}-year {year - span + 1}-{year}" if span == 5 else f"ACS 1-year {year}"


acs_options = [
    click.option(
        "--demand",
        "demand",
        type=click.Choice(["acs", "proxy"]),
        default="acs",
        show_default=True,
        help="Demanda / demand: acs = bundled Mexico-born count per county (US Census "
        "Bureau, ACS 5-year 2013-2017, B05006; Puerto Rico has no figure); proxy = "
        "GeoNames places of 15,000+ (NOT the Mexico-born; only if you ask for it).",
    ),
    click.option(
        "--acs",
        type=click.Path(exists=True, dir_okay=False),
        default=None,
        help="A newer ACS B05006 file (data.census.gov CSV or Census API JSON) "
        "instead of the bundled 2013-2017 table.",
    ),
    click.option(
        "--acs-vintage",
        "acs_vintage",
        default="",
        help="Vintage of --acs, cited on every output, e.g. 'ACS 5-year 2019-2023' "
        "(read from names like ACSDT5Y2023... when not given).",
    ),
    click.option(
        "--acs-variables",
        type=click.Path(exists=True, dir_okay=False),
        default=None,
        help="The Census API variables.json that goes with an API JSON file.",
    ),
    click.option(
        "--variable",
        default=None,
        help="Mexico variable code when no variables.json is at hand (B05006_160E in "
        "2023; the number changes by year). Checked against the file's labels.",
    ),
    click.option(
        "--force-variable",
        is_flag=True,
        help="Use --variable even if its label is not the Mexico-born estimate / "
        "usar --variable aunque su etiqueta no sea la de nacidos en México.",
    ),
]


def _demand_options(command):
    """Add :data:`acs_options`; the command gets their values as one ``demand`` (_DemandArgs)."""

    @functools.wraps(command)
    def with_demand(
        *args, demand, acs, acs_vintage, acs_variables, variable, force_variable, **kwargs
    ):
        values = _DemandArgs(demand, acs, acs_vintage, acs_variables, variable, force_variable)
        return command(*args, demand=values, **kwargs)

    for option in reversed(acs_options):
        with_demand = option(with_demand)
    return with_demand


def _out_dir_option(help: str):
    """``-o/--out DIR`` (the ``out_dir`` parameter; None when not given)."""
    return click.option(
        "-o", "--out", "out_dir", type=click.Path(file_okay=False), default=None, help=help
    )


def _print_label(layer, lang: str, cost_matrix: str | None = None) -> None:
    click.echo(layer.label[lang])
    for note in layer.notes[lang]:
        click.echo(f"  - {note}")
    click.echo(f"  - {_distance_note(lang, cost_matrix)}")


def _zip_layer(level: str, demand_file: str | None, *, acs: str | None, demand: str):
    """The ZIP demand layer of ``--level zip --demand-file`` (None at county level)."""
    from geodata.errors import InvalidInputError
    from locator.i18n.cli import CLI_ERRORS

    if level == "county":
        if demand_file:
            raise InvalidInputError(CLI_ERRORS["demand_file_is_zip"])
        return None
    if not demand_file:
        raise InvalidInputError(CLI_ERRORS["zip_needs_file"])
    if acs or demand == "proxy":
        raise InvalidInputError(CLI_ERRORS["zip_file_only"])
    from geodata.gazetteer import Gazetteer
    from locator.planning.demand import read_zip_population, zip_demand

    name = Path(demand_file).name
    return zip_demand(
        Gazetteer.default(),
        read_zip_population(demand_file),
        source_label=PLANNING_SOURCES["zip_file"].fill(name=name),
    )


def _matrix(path: str | None, origins, destinations):
    """Read and check ``--cost-matrix`` (None when not given)."""
    if not path:
        return None
    from locator.planning.costs import check_matrix_ids, read_cost_matrix

    matrix = read_cost_matrix(path)
    check_matrix_ids(matrix, origins=origins, destinations=destinations)
    return matrix


cost_matrix_option = click.option(
    "--cost-matrix",
    "cost_matrix",
    type=click.Path(exists=True, dir_okay=False),
    default=None,
    help="Travel-cost CSV origin,destination,cost (county FIPS or ZIP; site or candidate id; "
    "e.g. minutes from OSRM) used instead of great-circle km; distances (--gap-km, "
    "--radius-km, thresholds) are then in its unit; missing pairs are unreachable; unknown "
    "ids are errors.",
)


def _print_offices(model, lang: str, top: int, km: str = " km") -> None:
    """Per office: people served, weighted mean / median km, people beyond the gap distance."""
    gap = f"beyond_{model.gap_km:g}km"
    scale = km.strip().strip("()")
    click.echo(_SAY["offices_head"].fill(scale=scale, km=model.gap_km, unit=km).get(lang))
    for row in model.by_office.head(min(top, 10)).itertuples():
        flag = " (!)" if row.caveat else ""
        click.echo(
            f"  {row.site_id:<28} {row.population:>11,.0f}  {row.weighted_mean_km:7.1f}"
            f"  {row.weighted_median_km:7.1f}  {getattr(row, gap):>11,.0f}{flag}"
        )


@click.command("gaps")
@kinds_option(
    "Site kinds that count: consulate, vds, vds_mobile, clinic (repeatable or "
    "comma-separated; default all)."
)
@services_option("Only sites offering this service (repeatable or comma-separated).")
@click.option(
    "--gap-km",
    "--within-km",
    "gap_km",
    type=click.FloatRange(min=0, min_open=True),
    default=100.0,
    show_default=True,
    help="A county is a gap when its nearest site is farther (--within-km: old name, deprecated).",
)
@thresholds_option(
    "Distances (km; with --cost-matrix in its unit; at most 6) for 'population beyond' figures."
)
@click.option(
    "--top",
    type=click.IntRange(0, 1000),
    default=15,
    show_default=True,
    help="How many gaps to print.",
)
@_out_dir_option("Write map (HTML, offline), CSV, GeoJSON and PNG into this folder.")
@click.option(
    "--level",
    type=click.Choice(["county", "zip"]),
    default="county",
    show_default=True,
    help="Demand points: counties, or the gazetteer's ZIP centroids weighted by --demand-file.",
)
@click.option(
    "--demand-file",
    "demand_file",
    type=click.Path(exists=True, dir_okay=False),
    default=None,
    help="ZIP population CSV zip,population (with --level zip).",
)
@cost_matrix_option
@_demand_options
@table_format_option
@store_option
@lang_option
@handle_errors
def gaps(
    kinds,
    services,
    gap_km,
    thresholds,
    top,
    out_dir,
    level,
    demand_file,
    cost_matrix,
    demand,
    fmt,
    store,
    lang,
) -> None:
    """Huecos de cobertura / coverage gaps: counties far from the nearest site.

    For every US county: great-circle km from its population-weighted centre to the nearest
    site, population beyond each threshold, per-site catchments (nearest-site approximation,
    not the official jurisdictions) and 2SFCA/E2SFCA accessibility.

    \b
    Ejemplos / examples:
      locator gaps --kind vds --gap-km 100 -o out/
      locator gaps --kind consulate --thresholds 100,200,300 --format json
      locator gaps --acs ACSDT5Y2023.B05006-Data.csv --kind vds -o out/
      locator gaps --demand proxy --kind vds   # GeoNames proxy, NOT Mexico-born
      locator gaps --level zip --demand-file zip_population.csv --kind clinic
      locator gaps --kind vds --cost-matrix minutes.csv --gap-km 90 --thresholds 30,60,90

    Demand: the bundled ACS 2013-2017 Mexico-born count per county unless --acs,
    --demand proxy or --level zip. Distances are great-circle (straight-line) km, not travel
    times, unless --cost-matrix gives them (then in its unit).
    """
    from locator.planning import CoverageModel

    with _progress(3 if out_dir else 2, lang) as step:
        layer = _zip_layer(level, demand_file, acs=demand.acs, demand=demand.demand)
        if layer is None:
            layer, _ = _demand(demand)
        sites = open_cli_store(store).sites()
        matrix = _matrix(cost_matrix, layer.counties["fips"], sites["id"])
        step("demand")
        model = CoverageModel.from_geodataframe(
            layer,
            sites,
            kinds=list(kinds) if kinds else None,
            services=list(services) if services else None,
            thresholds_km=thresholds,
            gap_km=gap_km,
            accessibility=level == "county",
            cost_matrix=matrix,
            cost_source=Path(cost_matrix).name if cost_matrix else "",
        ).solve()
        step("model")
        paths = {}
        if out_dir:
            from locator.planning.outputs import write_gap_outputs

            paths = write_gap_outputs(model, Path(out_dir), lang=lang)
            step("outputs")
    if fmt == "json":
        emit_json({**model.to_dict(), "files": {k: str(v) for k, v in paths.items()}})
        return
    _print_label(layer, lang, cost_matrix)
    km = " km" if not cost_matrix else _SAY["matrix_unit"].get(lang)
    places = _SAY["unit.county" if level == "county" else "unit.zip"].get(lang)
    for row in model.summary.itertuples():
        line = _SAY["beyond"].fill(
            km=row.threshold_km,
            unit=km,
            people=row.population_beyond,
            share=row.share_beyond,
            n=row.counties_beyond,
            places=places,
        )
        click.echo(line.get(lang))
    if cost_matrix and model.unreachable():
        click.echo(_SAY["unreachable"].fill(n=model.unreachable(), places=places).get(lang))
    cov = model.share_covered()
    covered = _SAY["covered_within"].fill(
        people=_SAY["people.county" if level == "county" else "people.zip"],
        km=gap_km,
        unit=km,
        n=cov["population_within"],
        share=cov["share_within"],
    )
    click.echo(covered.get(lang))
    _print_offices(model, lang, top, km)
    click.echo(model.notes[lang])
    for text in model.caveats(lang).values():
        click.echo(f"(!) {text}")
    outside = model.gaps_outside_states()
    if outside:
        listed = ", ".join(f"{k} {v}" for k, v in sorted(outside.items()))
        click.echo(_SAY["territories"].fill(listed=listed).get(lang))
    none = _SAY["no_pair"].get(lang)
    for row in model.gaps.head(top).itertuples():
        flag = " (!)" if row.caveat else ""
        where = (
            f"{row.nearest_km:7.1f}{km}  -> {row.nearest_site_name}"
            if math.isfinite(row.nearest_km)
            else none
        )
        click.echo(
            f"{row.rank:>4}  {row.fips}  {row.name}, {row.state}  {row.population:>12,.0f}"
            f"  {where}{flag}"
        )
    unknown = model.unknown_population_beyond()
    if unknown:
        listed = ", ".join(f"{k} {v}" for k, v in unknown.items())
        click.echo(_SAY["unknown_beyond"].fill(km=gap_km, unit=km, listed=listed).get(lang))
    for name, path in paths.items():
        click.echo(f"{name}: {path}")


@click.command("suggest")
@click.option(
    "-k",
    "--count",
    "k",
    type=click.IntRange(1, 50),
    default=5,
    show_default=True,
    help="How many new sites or stops to choose (mclp, pmedian).",
)
@click.option(
    "--radius-km",
    "--within-km",
    "radius_km",
    type=click.FloatRange(min=0, min_open=True),
    default=100.0,
    show_default=True,
    help="Radius: a county is covered when a site is this close (--within-km: old name, "
    "deprecated). With --cost-matrix: in the matrix's unit.",
)
@click.option(
    "--model",
    "model_name",
    type=click.Choice(["mclp", "pmedian", "lscp"]),
    default="mclp",
    show_default=True,
    help="mclp: K sites covering most people; pmedian: K sites cutting the "
    "population-weighted distance most; lscp: fewest sites to cover everyone.",
)
@kinds_option("Existing site kinds kept fixed (repeatable or comma-separated; default all).")
@click.option(
    "--mode",
    type=click.Choice(["fixed", "mobile"]),
    default="fixed",
    show_default=True,
    help="New fixed sites, or stops of a mobile unit.",
)
@click.option(
    "--base",
    "bases",
    multiple=True,
    help="Mobile: only candidates near this site id (repeatable), with --max-base-km.",
)
@click.option("--max-base-km", type=click.FloatRange(min=0, min_open=True), default=None)
@click.option(
    "--region-of",
    "region_of",
    default=None,
    help="Mobile: only the counties of this unit's region (nearest-consulate "
    "approximation), e.g. vds-mobile-detroit.",
)
@cost_matrix_option
@click.option(
    "--write-inputs",
    "inputs_dir",
    type=click.Path(file_okay=False),
    default=None,
    help="Write counties.csv and facilities.csv (ids and coordinates) to build a "
    "cost matrix with a router, then stop.",
)
@_out_dir_option("Write suggestions.csv and suggestions.geojson into this folder.")
@_demand_options
@table_format_option
@store_option
@lang_option
@handle_errors
def suggest(
    k,
    radius_km,
    model_name,
    kinds,
    mode,
    bases,
    max_base_km,
    region_of,
    cost_matrix,
    inputs_dir,
    out_dir,
    demand,
    fmt,
    store,
    lang,
) -> None:
    """Sugerir sitios o paradas / suggest new sites or mobile stops (MCLP, p-median, LSCP).

    Candidates are GeoNames places of 15,000+ people; existing sites (of --kind) stay fixed.
    Models from PySAL spopt: MCLP (most people within --radius-km), p-median (lowest
    population-weighted distance), LSCP (fewest sites so everyone is within --radius-km).
    Distances are great-circle km unless --cost-matrix gives travel costs. Suggestions are
    model output, not real sites.

    \b
    Ejemplos / examples:
      locator suggest -k 5 --kind vds --radius-km 100
      locator suggest --model pmedian -k 10 --kind vds --kind consulate
      locator suggest --model lscp --kind vds --radius-km 200
      locator suggest -k 4 --mode mobile --region-of vds-mobile-detroit \\
          --base vds-mobile-detroit --max-base-km 300 -o out/
      locator suggest --write-inputs routing/      # ids + coordinates for OSRM
      locator suggest --kind vds --cost-matrix minutes.csv --radius-km 90
    """
    from locator.planning.costs import candidate_ids
    from locator.planning.models import unit_region
    from locator.planning.suggest import SiteSuggester

    with _progress(3 if out_dir else 2, lang) as step:
        layer, gz = _demand(demand)
        sites = open_cli_store(store).sites()
        matrix = _matrix(
            cost_matrix, layer.counties["fips"], [*sites["id"], *candidate_ids(gz.places())]
        )
        region = unit_region(layer.counties, sites, region_of) if region_of else None
        step("demand")
        model = SiteSuggester.from_geodataframe(
            layer,
            sites,
            candidates=gz.places(),
            k=k,
            service_radius_km=radius_km,
            kinds=list(kinds) if kinds else None,
            mode=mode,
            base_site_ids=list(bases) or None,
            max_base_km=max_base_km,
            cost_matrix=matrix,
            region_fips=region,
        )
        if inputs_dir:
            _write_inputs(model, Path(inputs_dir), lang)
            return
        if model_name != "mclp":
            _other_model(
                model, model_name, layer, lang, fmt, out_dir, step, cost_matrix=cost_matrix
            )
            return
        model.solve()
        step("model")
        if out_dir:
            _write_suggestions(model.suggestions, Path(out_dir))
            step("outputs")
    if fmt == "json":
        emit_json(
            {
                **model.to_dict(),
                "model": "MCLP",
                "demand": _demand_json(layer, lang),
                "distance_note": _distance_note(lang, cost_matrix),
                "distance_source": _distance_source(cost_matrix),
            }
        )
        return
    _print_label(layer, lang, cost_matrix)
    b, a = model.coverage_before, model.coverage_after
    word = _SAY["covered"].get(lang)
    click.echo(
        f"{word}: {b['population_covered']:,.0f} ({b['share_covered']:.1%}) -> "
        f"{a['population_covered']:,.0f} ({a['share_covered']:.1%})"
    )
    for row in model.suggestions.itertuples():
        click.echo(
            f"{row.rank:>3}  {row.name}, {row.state}  +{row.newly_covered_population:,.0f}"
            f"  ({row.lat:.4f}, {row.lon:.4f})"
        )
    for note in model.notes[lang]:
        click.echo(note)


def _distance_source(cost_matrix: str | None) -> str:
    """``great_circle_km`` or ``cost_matrix``: what the outputs' distances are."""
    return "cost_matrix" if cost_matrix else "great_circle_km"


def _distance_note(lang: str, cost_matrix: str | None) -> str:
    from locator.planning.citation import distance_note

    return distance_note(lang, Path(cost_matrix).name if cost_matrix else "")


def _demand_json(layer, lang: str) -> dict:
    from locator.planning.report import demand_info

    return demand_info(layer, lang)


def _write_suggestions(frame, out: Path) -> None:
    import geopandas as gpd

    out.mkdir(parents=True, exist_ok=True)
    frame = (
        frame
        if isinstance(frame, gpd.GeoDataFrame)
        else gpd.GeoDataFrame(
            frame, geometry=gpd.points_from_xy(frame["lon"], frame["lat"]), crs=4326
        )
    )
    frame.drop(columns="geometry").to_csv(out / "suggestions.csv", index=False)
    (out / "suggestions.geojson").write_text(frame.to_json(drop_id=True), encoding="utf-8")


def _write_inputs(model, out: Path, lang: str) -> None:
    """Counties (origins) and facilities (destinations) with ids, to build a cost matrix."""
    import pandas as pd

    from locator.planning.costs import candidate_ids

    out.mkdir(parents=True, exist_ok=True)
    model.demand[["fips", "center_lon", "center_lat"]].rename(
        columns={"fips": "origin", "center_lon": "lon", "center_lat": "lat"}
    ).to_csv(out / "counties.csv", index=False)
    ex = model.existing
    facilities = pd.concat(
        [
            pd.DataFrame(
                {
                    "destination": ex["id"].to_numpy(),
                    "kind": ex["kind"].to_numpy(),
                    "lon": ex.geometry.x.to_numpy(),
                    "lat": ex.geometry.y.to_numpy(),
                }
            ),
            pd.DataFrame(
                {
                    "destination": candidate_ids(model.candidates),
                    "kind": "candidate",
                    "lon": model.candidates["lon"].to_numpy(float),
                    "lat": model.candidates["lat"].to_numpy(float),
                }
            ),
        ]
    )
    facilities.to_csv(out / "facilities.csv", index=False)
    click.echo(f"{out / 'counties.csv'}\n{out / 'facilities.csv'}")
    matrix = _SAY["build_matrix"].fill(columns="origin,destination,cost", option="--cost-matrix")
    click.echo(matrix.get(lang))


def _other_model(
    model, name: str, layer, lang: str, fmt: str, out_dir, step, *, cost_matrix: str | None = None
) -> None:
    """p-median or LSCP on the problem MCLP was set up with (same candidates and demand)."""
    from locator.planning.models import result_frame, solve_lscp, solve_pmedian, summary

    if name == "pmedian":
        result = solve_pmedian(
            model.demand, model.existing, model.candidates, k=model.k, matrix=model.cost_matrix
        )
    else:
        result = solve_lscp(
            model.demand,
            model.existing,
            model.candidates,
            radius=model.service_radius_km,
            matrix=model.cost_matrix,
        )
    step("model")
    frame = result_frame(result, model.candidates)
    if out_dir:
        _write_suggestions(frame, Path(out_dir))
    if fmt == "json":
        emit_json(
            {
                **summary(result),
                "suggestions": frame.to_dict("records"),
                "demand": _demand_json(layer, lang),
                "notes": [result.notes(lang)],
                "distance_note": _distance_note(lang, cost_matrix),
                "distance_source": _distance_source(cost_matrix),
            }
        )
        return
    _print_label(layer, lang, cost_matrix)
    b, a = result.before, result.after
    if name == "pmedian":
        click.echo(
            _SAY["pmedian_cost"].get(lang)
            + f": {b['weighted_mean_cost']:.1f} -> {a['weighted_mean_cost']:.1f}"
        )
    else:
        click.echo(
            _SAY["lscp_needed"].fill(n=len(result.chosen)).get(lang)
            + f"{b['uncovered_population']:,.0f} -> "
            f"{a['uncovered_population']:,.0f}"
        )
    for row in frame.itertuples():
        click.echo(f"{row.rank:>3}  {row.name}, {row.state}  ({row.lat:.4f}, {row.lon:.4f})")
    click.echo(result.notes(lang))


commands = [gaps, suggest]
