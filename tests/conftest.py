"""Test configuration: Hypothesis settings profiles.

``dev`` (the default) keeps local runs fast; ``ci`` explores more. Choose one with the
``HYPOTHESIS_PROFILE`` environment variable; ``.ci/run`` selects ``ci``.
"""

from __future__ import annotations

import os

from hypothesis import settings

settings.register_profile("dev", max_examples=50, deadline=None)
# deadline=None: CI machines are shared and slow; a timing flake is not a bug report.
# ci: the local budget, derandomized, so that a CI run can be repeated exactly (its
# failures and its coverage report alike); dev runs stay random and keep exploring. Coverage slows the property tests by about two
# thirds: 100 examples took the suite past eight minutes, 50 keep it near six.
settings.register_profile("ci", max_examples=50, deadline=None, derandomize=True, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))
