"""The JSON Schema: generated from the types, valid, committed, and held to the library."""

from __future__ import annotations

import pytest

from negotiations import Source, ValidationError


class TestUrlControlCharacters:
    """A URL with a control character is refused (urlsplit would silently drop a leading one)."""

    @pytest.mark.parametrize(
        "url", ["\x01http://example.org", "http://example.org/\x00", "http://exa\x1fmple.org"]
    )
    def test_refused(self, url: str) -> None:
        with pytest.raises(ValidationError) as caught:
            Source(outlet="Ukrinform", url=url)
        assert ["value.url"] == [problem.rule for problem in caught.value.problems]
