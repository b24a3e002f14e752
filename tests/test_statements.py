"""Statements and their sources."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import Any

import pytest

from negotiations import Source, Statement, StatementKind, ValidationError, Wording

UNN = Source(outlet="UNN", published_on=date(2025, 5, 16))


def statement(**changes: Any) -> Statement:
    fields: dict[str, Any] = {
        "id": "s1",
        "party": "ua",
        "text": "Ukraine accused Russia of undermining the negotiations",
        "wording": Wording.PARAPHRASE,
        "kind": StatementKind.ACCUSATION,
        "sources": (UNN,),
    }
    fields.update(changes)
    return Statement(**fields)


def problems(**changes: Any) -> set[tuple[str, str]]:
    with pytest.raises(ValidationError) as caught:
        statement(**changes)
    return {(problem.path, problem.rule) for problem in caught.value.problems}


class TestStatement:
    def test_a_party_may_speak_as_a_whole(self) -> None:
        assert statement(target="ru").speaker is None

    def test_made_at_is_a_timestamp_or_a_date_alone(self) -> None:
        moment = datetime(2025, 5, 15, 14, 0, tzinfo=timezone(timedelta(hours=3)))
        assert statement(made_at=moment).made_at == moment
        assert statement(made_at=date(2025, 5, 15)).made_at == date(2025, 5, 15)

    def test_a_naive_timestamp_is_refused(self) -> None:
        assert problems(made_at=datetime(2025, 5, 15, 14, 0)) == {
            ("$.made_at", "value.naive_datetime")
        }

    def test_at_least_one_source(self) -> None:
        assert problems(sources=()) == {("$.sources", "statement.no_source")}

    def test_blank_text_and_channel(self) -> None:
        assert problems(text=" \n", channel="") == {
            ("$.text", "value.blank"),
            ("$.channel", "value.blank"),
        }


class TestSource:
    @pytest.mark.parametrize("url", ["https://unn.ua/en/news/1", "http://example.org"])
    def test_http_urls(self, url: str) -> None:
        assert Source(outlet="UNN", url=url).url == url

    @pytest.mark.parametrize(
        "url",
        [
            "unn.ua/news",
            "ftp://unn.ua",
            "https://",
            "https://unn .ua",
            "javascript:alert(1)",
            "http://[::1",
        ],
    )
    def test_other_urls_are_refused(self, url: str) -> None:
        with pytest.raises(ValidationError) as caught:
            Source(outlet="UNN", url=url)
        assert caught.value.rules == {"value.url"}

    def test_a_publication_date_is_a_date_not_a_datetime(self) -> None:
        with pytest.raises(ValidationError) as caught:
            Source(outlet="UNN", published_on=datetime(2025, 5, 16, tzinfo=timezone.utc))
        assert caught.value.rules == {"value.type"}
