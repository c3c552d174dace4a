"""The spread tools' shared arithmetic (tools/spread_common.py)."""

from __future__ import annotations

import pytest

from conftest import load_tool


def test_best_fixed_takes_the_tightest_half() -> None:
    # 1 2 3 100: the median of four errors is the mean of the 2nd and 3rd smallest.
    # At 2 the errors are 1 0 1 98, median 1; at 1 they are 0 1 2 99 and at 3 they are
    # 2 1 0 97, median 1.5 each: so 1, at 2 only.
    tool = load_tool("spread_common")
    assert tool.best_fixed([1, 2, 3, 100]) == (1.0, 2, 2)
    assert tool.median_abs_error([1, 2, 3, 100], 1) == 1.5


def test_best_fixed_refuses_nothing_and_reaches_below_zero() -> None:
    # Offsets from a goal date run negative. -3 -2 -1: at -3, -2 or -1 the errors'
    # median is 1 (0 1 2, 1 0 1, 2 1 0), so 1 from -3 to -1. -2.5 -2.5 7: 0.5 at -3
    # and at -2 (errors .5 .5 10 and .5 .5 9); the search must start at the floor of
    # the smallest, -3, where int() would start at -2.
    tool = load_tool("spread_common")
    assert tool.best_fixed([-3, -2, -1]) == (1.0, -3, -1)
    assert tool.best_fixed([-2.5, -2.5, 7]) == (0.5, -3, -2)
    with pytest.raises(ValueError, match="at least one value"):
        tool.best_fixed([])
