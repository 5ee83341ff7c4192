"""The rows of a bad ZIP population file or cost matrix say their words through catalog
entries (``errors.planning.row_*``; issue 18): they were English only, now "English / Spanish"
(the Spanish CLI and API showed English)."""

from __future__ import annotations

import io

import pytest

from geodata.errors import ImportValidationError
from locator.planning.costs import check_matrix_ids, read_cost_matrix
from locator.planning.demand import read_zip_population


def _messages(call, *args, **kwargs) -> list[str]:
    with pytest.raises(ImportValidationError) as err:
        call(*args, **kwargs)
    return [e["message"] for e in err.value.detail["errors"]]


def test_population_rows_carry_their_spanish():
    text = "zip,population\n60601,10\n60601,5\n6060123,1\n60602,-1\n"
    assert _messages(read_zip_population, io.StringIO(text)) == [
        "duplicate ZIP / código postal repetido",
        "ZIP must be 1-5 digits / el código postal debe tener de 1 a 5 dígitos",
        "population must be a number >= 0 / la población debe ser un número >= 0",
    ]


def test_cost_matrix_rows_carry_their_spanish():
    text = "origin,destination,cost\n,a,1\n17031,a,1\n17031,a,2\n17031,b,-3\n"
    assert _messages(read_cost_matrix, io.StringIO(text)) == [
        "empty origin or destination / origen o destino vacío",
        "duplicate pair / par origen-destino repetido",
        "cost must be a number >= 0 / el costo debe ser un número >= 0",
    ]
    matrix = read_cost_matrix(io.StringIO("origin,destination,cost\n99999,a,1\n17031,zz,1\n"))
    assert _messages(check_matrix_ids, matrix, origins=["17031"], destinations=["a"]) == [
        "unknown origin '99999' / origen desconocido '99999'",
        "unknown destination 'zz' / destino desconocido 'zz'",
    ]
