"""What the resolver works with: the anchor, the rule context, and the reading it returns."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from storytrail.model import Granularity
from storytrail.settings import Settings
from storytrail.time.dates import partial_day
from storytrail.time.values import Direction, TimexType


@dataclass(frozen=True, slots=True)
class Anchor:
    """What an expression is resolved against: a day, or a month and day without a year."""

    day: date | None = None
    month: int | None = None
    day_of_month: int | None = None
    candidate_years: tuple[int, ...] = ()

    @property
    def label(self) -> str | None:
        if self.day is not None:
            return self.day.isoformat()
        if self.month is not None and self.day_of_month is not None:
            return partial_day(self.month, self.day_of_month)
        return None


NO_ANCHOR = Anchor()


@dataclass(frozen=True, slots=True)
class Reading:
    """What the words of one expression mean on the calendar (see ``TimeExpression``)."""

    value: str | None
    granularity: Granularity | None
    direction: Direction
    source: str
    end_value: str | None = None
    note: str | None = None
    candidate_years: tuple[int, ...] = ()
    anchored: bool = True
    timex_type: TimexType = "DATE"


@dataclass(frozen=True, slots=True)
class Context:
    """What a rule needs besides the words: anchor, tense, previous day, settings."""

    anchor: Anchor
    tense: Direction
    previous: Anchor | None
    settings: Settings


def unplaced(
    granularity: str, direction: Direction, source: str, why: str, anchored: bool = True
) -> Reading:
    return Reading(
        None,
        granularity if granularity in ("day", "week", "month", "year") else None,
        direction,
        source,
        note=why,
        anchored=anchored,
    )  # type: ignore[arg-type]
