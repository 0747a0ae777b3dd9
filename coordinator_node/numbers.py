"""The one rule for "is this a number": used wherever outputs, scores and summaries are read."""

from __future__ import annotations

import math
from typing import Any


def finite_number(value: Any) -> float | None:
    """`value` as a float when it is an int or float (a bool is not a number here) and
    finite; otherwise None."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    number = float(value)
    return number if math.isfinite(number) else None
