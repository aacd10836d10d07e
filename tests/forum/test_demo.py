from forum import demo
from forum.models import AgendaItem, ForumSeries


def test_the_demo_forum_loads_twice_without_duplicates(db, clock, liaison):
    demo.load()
    lines = demo.load()
    series = ForumSeries.objects.get(slug="naringslivsforum")
    assert series.rule == "FREQ=MONTHLY;BYDAY=1TU"
    assert series.subscribers.confirmed().count() == 4
    assert AgendaItem.objects.count() == 3
    assert series.occurrences.count() >= 12
    assert "naringslivsforum" in lines[0]
