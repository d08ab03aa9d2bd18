"""Hypothesis profiles: ``ci`` (the default: few, small examples) and ``fuzz`` (``make fuzz``).

``ci`` draws the same examples on every run (derandomize), so a green run stays green and a red
one is red again; ``fuzz`` explores. Neither writes an example database into the checkout; a
failing example is printed in full
(with a blob to reproduce it), which is all a fix needs.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")

# The most tasks and units a generated plan holds, per profile.
MAX_ITEMS = {"ci": 20, "fuzz": 200}.get(PROFILE, 20)

_COMMON = {
    "deadline": None,
    "database": None,
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
}
settings.register_profile("ci", max_examples=40, print_blob=True, derandomize=True, **_COMMON)  # type: ignore[arg-type]
settings.register_profile("fuzz", max_examples=1000, print_blob=True, **_COMMON)  # type: ignore[arg-type]
settings.load_profile(PROFILE)
