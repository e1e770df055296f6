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


def test_undated_article_does_not_join_a_dated_one_by_names_alone():
    dated = facts("a", "2023-06-06")
    dated.names = {"tara reid", "promises treatment center"}
    events = build_events(
        [dated, undated("b", "tara reid", "promises treatment center"), undated("c", "oklahoma")]
    )
    assert sorted(members(events)) == [["a"], ["b"], ["c"]]


def test_day_to_day_links_through_one_venue_do_not_chain_beyond_a_week():
    days = [f"2023-06-{d:02d}" for d in range(1, 21)]
    events = build_events(
        [facts(f"a{i:02d}", day, "Marenholt", {"dorn"}) for i, day in enumerate(days)]
    )
    assert len(events) > 1
    for event in events:
        assert len(event.article_ids) <= 8


def test_stories_chain_through_keys_whatever_the_order_of_events():
    articles = [
        facts(f"a{i}", f"202{i}-03-14", f"Town{i}", {"brenner"}, subjects={"Upper Seln Dam"})
        for i in range(5)
    ]
    events = build_events(articles)
    (story,) = build_stories(list(reversed(events)), articles)
    assert len(story.event_ids) == 5
