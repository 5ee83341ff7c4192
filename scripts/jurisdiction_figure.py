"""Draw docs/img/consular_regions.png: the office of every US county, and what decided it.

Run: ``python scripts/jurisdiction_figure.py`` (offline: bundled data and boundaries).
Left: each county coloured by its office (sourced rule, else nearest office). Right: which
sourced rule decided each county (grey: the nearest-office approximation).
"""

from __future__ import annotations

import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib.patches import Patch  # noqa: E402

from geodata.bundled import load_bundled  # noqa: E402
from geodata.gazetteer import Gazetteer  # noqa: E402
from locator.index import SiteIndex  # noqa: E402
from locator.regions import _assignment  # noqa: E402

OUT = Path(__file__).resolve().parents[1] / "docs" / "img" / "consular_regions.png"


def main() -> int:
    sites = load_bundled().sites
    index = SiteIndex.from_geodataframe(sites)
    counties = Gazetteer.default().counties()
    entry = _assignment(index, counties)
    frame = counties.iloc[entry.rows].copy()
    frame["office"] = index.sites["id"].to_numpy()[entry.position]
    frame["rule"] = [entry.rules[i].id if i >= 0 else "" for i in entry.rule_of]
    consulates = sites[sites.kind == "consulate"]
    fig, all_axes = plt.subplots(1, 3, figsize=(18, 6.2), dpi=110,
                                 gridspec_kw={"width_ratios": [1, 1, 0.28]})
    axes, key = all_axes[:2], all_axes[2]
    key.set_axis_off()
    offices = sorted(frame["office"].unique())
    colours = plt.get_cmap("tab20")(np.arange(len(offices)) % 20)
    lookup = dict(zip(offices, colours, strict=True))
    rules = sorted(r for r in frame["rule"].unique() if r)
    rule_colours = dict(zip(rules, plt.get_cmap("tab20")(np.arange(len(rules)) % 20),
                            strict=True))
    for ax in axes:
        ax.set_xlim(-125, -66)
        ax.set_ylim(24, 50)
        ax.set_aspect(1.25)
        ax.set_axis_off()
    frame.plot(ax=axes[0], color=[lookup[o] for o in frame["office"]], linewidth=0.05,
               edgecolor="white")
    axes[0].scatter(consulates.geometry.x, consulates.geometry.y, s=8, c="black", zorder=3)
    axes[0].set_title("Oficina de cada condado / office of each county (53 offices)", fontsize=10)
    colour = [rule_colours[r] if r else (0.85, 0.85, 0.85, 1) for r in frame["rule"]]
    frame.plot(ax=axes[1], color=colour, linewidth=0.05, edgecolor="white")
    handles = [Patch(color=rule_colours[r], label=r) for r in rules]
    handles.append(Patch(color=(0.85, 0.85, 0.85, 1), label="nearest office (approximation)"))
    key.legend(handles=handles, loc="center left", fontsize=7.5, frameon=False)
    axes[1].set_title("Qué decidió / what decided: sourced rule or nearest office", fontsize=10)
    inset = axes[1].inset_axes([0.0, 0.0, 0.2, 0.2])
    frame.plot(ax=inset, color=colour, linewidth=0.05, edgecolor="white")
    inset.set_xlim(-160.5, -154.5)
    inset.set_ylim(18.8, 22.4)
    inset.set_axis_off()
    inset.set_title("Hawaii -> San Francisco", fontsize=6.5)
    fig.text(0.5, 0.01, "Approximation: no official machine-readable list of consular "
             "jurisdictions exists. Rules: geodata/sources/jurisdiction_rules.csv (each with its "
             "source and date). Boundaries: U.S. Census Bureau 2016 (plotly-geo).",
             ha="center", fontsize=7.5)
    fig.tight_layout(rect=(0, 0.03, 1, 1))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(OUT)
    print(f"wrote {OUT} ({(frame['rule'] != '').sum()} of {len(frame)} counties by a rule)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
