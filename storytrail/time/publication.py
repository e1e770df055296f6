"""The publication date of an article, with where it came from and how far to trust it.

Sources in order of trust; the first that gives a day wins, and the rest
only add evidence or bounds:

1. the caller or manifest (``Article.published``, ``published_source``
   ``manifest``/``caller``), or the page's metadata (``html-meta``: what
   trafilatura/htmldate read at ingest);
2. a dateline ("LORVIK, June 21 (NWA) -"): month and day, rarely the year.
   Without a printed year the year comes from other evidence — a dated post
   pasted into the article or a dated past-tense mention in the text, within
   ``time_year_evidence_days`` before the dateline day — or stays unknown
   (``--06-21``), narrowed by a weekday + date in the text ("on Wednesday,
   November 23") to the years in which that weekday fits;
3. a "Published 24 Nov 2022" line at the head of the text;
4. with none of these, the latest day the article itself fixes (``_from_text``): a pasted
   post's date (source ``embed``), a full date in a past-tense sentence, or a weekday +
   day + month that fits one year the text gives elsewhere (source ``text``). The article
   cannot be older than what it reports, so this is an estimate: ``estimated`` is true,
   the confidence low, the evidence says "on or after", and only its year is used to
   place other expressions (a bare "Wednesday" stays unplaced). With nothing the value
   stays None.

Nothing is ever invented: no "today", no file time, no guess of a year.
"""

from __future__ import annotations

from datetime import date, timedelta

from storytrail.model import Article, CleanText
from storytrail.settings import DEFAULTS, Settings
from storytrail.time.dateline import PrintedDate, find_byline_date, find_dateline
from storytrail.time.dates import partial_day, valid_day
from storytrail.time.expressions import calendar_expressions, time_expressions
from storytrail.time.values import UNKNOWN_PUBLICATION, PublicationDate, TimeExpression


def publication_date(
    article: Article, clean: CleanText, doc, settings: Settings = DEFAULTS
) -> PublicationDate:
    """When ``article`` was published, from the most trusted evidence it carries.

    ``clean`` gives the embeds (dated posts); ``doc`` is the spaCy ``Doc`` of
    ``clean.text`` (datelines, dated mentions). Pure and deterministic.
    """
    not_before = _latest_embed_date(clean)
    dateline = find_dateline(clean.text, settings)
    stated = _stated(article, dateline, not_before, settings)
    if stated is not None:
        return stated
    if dateline is not None:
        return _from_printed(dateline, "dateline", doc, clean, not_before, settings)
    byline = find_byline_date(clean.text, settings)
    if byline is not None:
        return _from_printed(byline, "byline", doc, clean, not_before, settings)
    from_text = _from_text(doc, clean, not_before, settings)
    if from_text is not None:
        return from_text
    return UNKNOWN_PUBLICATION


def _from_text(
    doc, clean: CleanText, not_before: str | None, settings: Settings
) -> PublicationDate | None:
    """With no date given, the latest day the article itself fixes: a pasted post's date, a
    full date in a past-tense sentence, or a weekday + day + month ("Wednesday, November
    23") that fits only one of the years the text gives elsewhere. The article is published
    on or after that day, so it is an estimate: recorded as such (``estimated``), with a
    low confidence, its evidence, and only its year used to place other expressions."""
    evidence: list[tuple[str, str, str, tuple[int, int] | None]] = [
        (embed.date, "embed", f"a pasted post dated {embed.date}", None)
        for embed in clean.embeds
        if embed.date
    ]
    expressions = calendar_expressions(time_expressions(doc, UNKNOWN_PUBLICATION, settings))
    for e in expressions:
        if _is_dated_past_day(e):
            evidence.append((e.value, "text", f"{e.text!r} in the text", (e.start, e.end)))
    years = {int(day[:4]) for day, *_ in evidence}
    for e in expressions:
        if e.source != "weekday-date" or not e.candidate_years or e.value is None:
            continue
        fitting = [y for y in e.candidate_years if y in years or y + 1 in years]
        if len(fitting) == 1:
            day = f"{fitting[0]:04d}{e.value[1:]}"
            why = f"{e.text!r} in the text, whose weekday fits {fitting[0]} of the years it gives"
            evidence.append((day, "text", why, (e.start, e.end)))
    if not evidence:
        return None
    day, source, why, span = max(evidence, key=lambda item: item[0])
    return PublicationDate(
        value=day,
        granularity="day",
        source=source,
        confidence=settings.time_source_confidence.get(source, 0.3),
        evidence=f"no date given; the latest day the article fixes is {why}: "
        "published on or after it",
        evidence_span=span,
        candidate_years=(int(day[:4]),),
        not_before=not_before,
    )


def _is_dated_past_day(e: TimeExpression) -> bool:
    return (
        e.direction == "absolute"
        and e.tense == "past"
        and e.granularity == "day"
        and e.value is not None
        and not e.value.startswith("--")
        and e.source != "dateline"
    )


def _stated(
    article: Article,
    dateline: PrintedDate | None,
    not_before: str | None,
    settings: Settings,
) -> PublicationDate | None:
    """The caller's, manifest's or page metadata's date, when there is a readable one."""
    if not article.published:
        return None
    try:
        day = date.fromisoformat(article.published[:10])
    except ValueError:
        return None
    source = article.published_source or "caller"
    evidence = f"{source}: {article.published}"
    if dateline is not None and not _agrees(day, dateline):
        printed = partial_day(dateline.month, dateline.day)
        evidence += f"; the dateline prints {printed} ({dateline.line.strip()!r})"
    if not_before is not None and not_before > day.isoformat():
        evidence += f"; but a pasted post is dated {not_before}, later than this"
    return PublicationDate(
        value=day.isoformat(),
        granularity="day",
        source=source,
        confidence=settings.time_source_confidence.get(source, 0.9),
        evidence=evidence,
        not_before=not_before,
    )


def _agrees(day: date, printed: PrintedDate) -> bool:
    """A dateline agrees with a stated day when it is that day or the one before (a story
    filed late in the evening is published the next morning, or in another time zone)."""
    for shift in (0, -1, 1):
        near = day + timedelta(days=shift)
        if (near.month, near.day) == (printed.month, printed.day):
            return True
    return False


def _from_printed(
    printed: PrintedDate,
    source: str,
    doc,
    clean: CleanText,
    not_before: str | None,
    settings: Settings,
) -> PublicationDate:
    """A date printed at the head of the text; without a year, the year from other evidence
    (a dated post or mention shortly before, weekday + date mentions) or left unknown."""
    confidence = settings.time_source_confidence.get(source, 0.8)
    line = printed.line.strip()
    span = (printed.start, printed.end)
    if printed.year is not None:
        day = date(printed.year, printed.month, printed.day).isoformat()
        return PublicationDate(day, "day", source, confidence, line, span, (), not_before)
    month_day = PublicationDate(
        partial_day(printed.month, printed.day), "day", source, confidence, line, span
    )
    expressions = calendar_expressions(time_expressions(doc, month_day, settings))
    years = _weekday_years(expressions, month_day)
    year, why = _year_from_evidence(printed, expressions, clean, settings)
    if year is not None and (not years or year in years):
        value = date(year, printed.month, printed.day).isoformat()
        confidence = settings.time_source_confidence.get("dateline+year", 0.6)
        return PublicationDate(
            value, "day", source, confidence, f"{line}; year from {why}", span, (), not_before
        )
    if len(years) == 1:
        value = date(years[0], printed.month, printed.day).isoformat()
        evidence = f"{line}; the only year in which the text's weekday and date fit"
        return PublicationDate(value, "day", source, confidence / 2, evidence, span, (), not_before)
    note = f"{line}; the year is unknown"
    return PublicationDate(
        month_day.value, "day", source, confidence, note, span, years, not_before
    )


def _weekday_years(
    expressions: list[TimeExpression], month_day: PublicationDate
) -> tuple[int, ...]:
    """Publication years allowed by every weekday + date in the text ("on Wednesday,
    November 23"); () when the text has none."""
    assert month_day.month_day is not None
    pub_month, pub_day = month_day.month_day
    allowed: set[int] | None = None
    for expression in expressions:
        if expression.source != "weekday-date" or not expression.candidate_years:
            continue
        assert expression.value is not None
        month, day = int(expression.value[2:4]), int(expression.value[5:7])
        if expression.direction == "future":
            shift = -1 if (month, day) < (pub_month, pub_day) else 0
        else:
            shift = 1 if (month, day) > (pub_month, pub_day) else 0
        years = {year + shift for year in expression.candidate_years}
        allowed = years if allowed is None else allowed & years
    return tuple(sorted(allowed or ()))


def _year_from_evidence(
    printed: PrintedDate,
    expressions: list[TimeExpression],
    clean: CleanText,
    settings: Settings,
) -> tuple[int | None, str]:
    """The year putting the printed day soonest on or after the latest dated evidence,
    when that is within ``time_year_evidence_days``; (None, "") otherwise."""
    evidence: list[tuple[str, str]] = [
        (embed.date, f"a pasted post dated {embed.date}") for embed in clean.embeds if embed.date
    ]
    for expression in expressions:
        if (
            expression.direction == "absolute"
            and expression.tense == "past"
            and expression.granularity == "day"
            and expression.value
            and expression.source != "dateline"
        ):
            evidence.append((expression.value, f"{expression.text!r} in the text"))
    if not evidence:
        return None, ""
    latest, why = max(evidence)
    bound = date.fromisoformat(latest)
    for year in (bound.year, bound.year + 1):
        day = valid_day(year, printed.month, printed.day)
        if day is not None and bound <= day <= bound + timedelta(settings.time_year_evidence_days):
            return year, why
    return None, ""


def _latest_embed_date(clean: CleanText) -> str | None:
    dates = [embed.date for embed in clean.embeds if embed.date]
    return max(dates) if dates else None
