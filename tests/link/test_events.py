import re

from storytrail.link.events import ArticleFacts, build_events
from storytrail.link.stories import build_stories


def facts(aid, occasion, place=None, people=(), statements=(), subjects=(), dup=None, title=None):
    return ArticleFacts(
        article_id=aid,
        title=title or aid,
        published=occasion,
        occasion=occasion,
        place=place,
        participants=set(people),
        statements=set(statements),
        subjects=set(subjects),
        duplicate_of=dup,
    )


def members(events):
    return [e.article_ids for e in events]


def test_two_outlets_reporting_one_statement_are_one_event():
    events = build_events(
        [facts("a", "2023-06-06", statements={"s1"}), facts("b", "2023-06-07", statements={"s1"})]
    )
    assert members(events) == [["a", "b"]]


def test_same_speaker_at_two_summits_a_year_apart_are_two_events():
    events = build_events(
        [
            facts("a", "2022-03-14", "Lorvik", {"brenner"}),
            facts("b", "2023-03-14", "Lorvik", {"brenner"}),
        ]
    )
    assert members(events) == [["a"], ["b"]]


def test_same_place_people_and_days_join_without_shared_quotes():
    events = build_events(
        [
            facts("a", "2023-06-06", "Marenholt", {"brenner", "dorn"}),
            facts("b", "2023-06-07", "Marenholt", {"dorn"}),
            facts("c", "2023-06-07", "Teshavel", {"dorn"}),
        ]
    )
    assert members(events) == [["a", "b"], ["c"]]


def test_copy_joins_its_original_whatever_its_dates():
    events = build_events([facts("a", "2022-11-22"), facts("b", "2022-12-30", dup="a")])
    assert members(events) == [["a", "b"]]


def test_event_takes_the_commonest_date_place_and_earliest_title():
    (event,) = build_events(
        [
            facts("a", "2023-06-06", "Marenholt", {"dorn"}, {"s1"}, title="Summit opens"),
            facts("b", "2023-06-06", "Marenholt", {"brenner"}, {"s1"}),
            facts("c", "2023-06-07", None, {"dorn"}, {"s1"}),
        ]
    )
    assert (event.date, event.place, event.title) == ("2023-06-06", "Marenholt", "Summit opens")
    assert event.participants == ["brenner", "dorn"]


DAM_TALKS = (
    "Valdorian and Kestrian negotiators met again over the Upper Seln Dam, arguing over "
    "minimum flows, turbine schedules and the water-sharing treaty both sides want drafted."
)
DAM_SUMMIT = (
    "Ministers at the Marenholt summit agreed to draft the water-sharing treaty for the "
    "Upper Seln Dam, with minimum flows and turbine schedules set by a joint commission."
)
FISHING = (
    "Brenner opened the annual fishing fair, praising trawler crews, new harbour cranes and "
    "a record herring catch landed at the northern quays."
)


def told(aid, day, lead, people=("brenner",), title=None):
    """An article whose lead is ``lead`` and whose names are the lead's capitalised
    phrases (what the entity stage would find), besides its speakers."""
    article = facts(aid, day, people=people, title=title)
    article.lead = lead
    article.names = {m.casefold() for m in re.findall(r"[A-Z][a-z]+(?: [A-Z][a-z]+)*", lead)}
    return article


def test_a_story_threads_events_on_one_subject_over_months():
    articles = [
        told("a", "2022-03-14", DAM_TALKS),
        told("b", "2023-06-06", DAM_SUMMIT),
        told("c", "2023-09-01", FISHING),
    ]
    events = build_events(articles)
    assert len(events) == 3
    stories = build_stories(events, articles)
    assert sorted(len(s.event_ids) for s in stories) == [1, 2]
    (dam,) = [s for s in stories if len(s.event_ids) == 2]
    assert dam.title in {e.title for e in events if e.article_ids != ["c"]}


def test_one_famous_name_does_not_pull_an_unrelated_event_into_a_story():
    # The same president in every event; only the dam events say the same things.
    articles = [
        told("a", "2022-03-14", DAM_TALKS, people=("brenner", "dorn")),
        told("b", "2023-06-06", DAM_SUMMIT, people=("brenner", "dorn")),
        told("c", "2023-09-01", FISHING, people=("brenner", "dorn")),
    ]
    stories = build_stories(build_events(articles), articles)
    assert len(stories) == 2


def test_titles_come_from_the_headline_else_the_lead_never_untitled():
    headed = told("a", "2023-06-06", DAM_SUMMIT, title="Treaty drafting agreed at Marenholt")
    bare = told("b", "2024-01-10", "ORSK, Jan 10 (NWA) - " + FISHING)
    bare.title = None
    events = build_events([headed, bare])
    titles = {e.article_ids[0]: e.title for e in events}
    assert titles["a"] == "Treaty drafting agreed at Marenholt"
    assert titles["b"].startswith("Brenner opened the annual fishing fair")
    assert all("untitled" not in t for t in titles.values())
    stories = build_stories(events, [headed, bare])
    assert {s.title for s in stories} == set(titles.values())


def test_two_undated_reports_sharing_a_statement_are_one_event():
    events = build_events(
        [facts("a", None, statements={"s1"}), facts("b", None, statements={"s1"})]
    )
    assert members(events) == [["a", "b"]]


def undated(aid, *names):
    article = facts(aid, None)
    article.names = set(names)
    return article


def test_undated_reports_naming_the_same_rare_people_and_places_are_one_event():
    events = build_events(
        [
            undated("a", "tara reid", "promises treatment center", "jack ketsoyan", "malibu"),
            undated("b", "tara reid", "promises treatment center", "us weekly", "people"),
            undated("c", "lindsay lohan", "betty ford center", "shawn holley", "malibu"),
            undated("d", "lindsay lohan", "betty ford center", "rancho mirage", "porsche"),
            undated("e", "moore", "oklahoma", "national weather service"),
        ]
    )
    assert sorted(members(events)) == [["a", "b"], ["c", "d"], ["e"]]


def test_an_undated_report_does_not_bridge_two_occasions_a_year_apart():
    names = ("tara reid", "promises treatment center")
    first, second = facts("a", "2022-06-06"), facts("b", "2023-06-06")
    first.names = second.names = set(names)
    events = build_events([first, second, undated("c", *names), undated("d", "oklahoma")])
    assert ["a", "c"] in members(events) or ["b", "c"] in members(events)
    assert not any({"a", "b"} <= set(group) for group in members(events))


def test_day_to_day_links_through_one_venue_do_not_chain_beyond_a_week():
    days = [f"2023-06-{d:02d}" for d in range(1, 21)]
    events = build_events(
        [facts(f"a{i:02d}", day, "Marenholt", {"dorn"}) for i, day in enumerate(days)]
    )
    assert len(events) > 1
    for event in events:
        assert len(event.article_ids) <= 8


def test_stories_do_not_depend_on_the_order_of_events():
    articles = [told(f"a{i}", f"202{i}-03-14", DAM_TALKS) for i in range(4)]
    articles.append(told("b", "2021-09-01", FISHING))
    events = build_events(articles)
    forwards = build_stories(events, articles)
    backwards = build_stories(list(reversed(events)), articles)
    assert sorted(len(s.event_ids) for s in backwards) == [1, 4]
    assert [s.event_ids for s in forwards] == [s.event_ids for s in backwards]
