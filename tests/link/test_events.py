from storytrail.link.events import ArticleFacts, build_events, build_stories


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


def test_stories_chain_events_sharing_a_participant_and_a_subject():
    articles = [
        facts("a", "2022-03-14", "Lorvik", {"brenner"}, subjects={"Upper Seln Dam"}),
        facts("b", "2023-06-06", "Marenholt", {"brenner"}, subjects={"Upper Seln Dam"}),
        facts("c", "2023-09-01", "Orsk", {"brenner"}, subjects={"Fishing Quota"}),
    ]
    events = build_events(articles)
    stories = build_stories(events, articles)
    assert sorted(len(s.event_ids) for s in stories) == [1, 2]
    (dam,) = [s for s in stories if len(s.event_ids) == 2]
    assert dam.title == "Upper Seln Dam"
