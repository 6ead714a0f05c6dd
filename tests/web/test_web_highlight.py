"""Evidence highlights: the spans the coder found and the store kept, shown in the evidence
sentence, each for the field it supports, never overlapping; none without stored spans."""

from __future__ import annotations

from conflictwire.web.highlight import highlights

EVIDENCE = "Police officers killed three protesters in Mosul on Tuesday, residents said."


def spans(report):
    return {h["field"]: h["text"] for h in highlights(report)}


def _m(words, kind, value=None, score=1.0, text=EVIDENCE, offset=0):
    start = text.index(words) + offset
    return {"start": start, "end": start + len(words), "text": words, "kind": kind,
            "value": value, "score": score}


def _report(mentions, **fields):
    return {"evidence": EVIDENCE, "actor1": "Police Forces of Iraq (2022-)",
            "actor2": "Protesters (Iraq)", "mentions": mentions, **fields}


def test_each_stored_span_supports_its_field():
    got = highlights(_report([
        _m("Police officers", "actor", "Police Forces"), _m("three", "number", 3),
        _m("protesters", "actor", "Protesters"), _m("Mosul", "place", "Mosul"),
        _m("on Tuesday", "date", "2024-05-07")]))
    assert [(h["field"], h["text"]) for h in got] == [
        ("actor1", "Police officers"), ("fatalities", "three"), ("actor2", "protesters"),
        ("location", "Mosul"), ("event_date", "on Tuesday")]
    for h in got:
        assert EVIDENCE[h["start"]:h["end"]] == h["text"]


def test_an_actor_of_neither_side_and_a_wounded_figure_support_no_field():
    got = spans(_report([_m("residents", "actor", "Civilians"),
                         _m("three", "number", 3, score=0.5)]))
    assert got == {}


def test_a_trigger_phrase_gives_way_to_the_spans_inside_it():
    got = highlights(_report([_m("killed three protesters", "trigger", "Excessive force"),
                              _m("three", "number", 3), _m("protesters", "actor", "Protesters")]))
    assert [(h["field"], h["text"]) for h in got] == [
        ("sub_event_type", "killed"), ("fatalities", "three"), ("actor2", "protesters")]


def test_spans_are_in_order_and_do_not_overlap():
    got = highlights(_report([_m("Mosul on Tuesday", "place"), _m("Tuesday", "date"),
                              _m("Police officers", "actor", "Police Forces")]))
    assert [h["text"] for h in got] == ["Police officers", "Mosul on Tuesday"]


def test_article_offsets_are_shifted_to_the_sentence_and_others_dropped():
    # Offsets are into the article; the evidence sentence starts at 100.
    report = {"evidence": "Troops shelled Kobo.", "evidence_start": 100, "actor1": "Troops",
              "mentions": [{"start": 100, "end": 106, "kind": "actor", "value": "Troops"},
                           {"start": 107, "end": 114, "kind": "trigger"},
                           {"start": 115, "end": 119, "kind": "place"},
                           {"start": 5, "end": 9, "kind": "place"}]}
    assert spans(report) == {"actor1": "Troops", "sub_event_type": "shelled",
                             "location": "Kobo"}


def test_a_span_whose_text_is_not_at_its_offsets_is_dropped():
    wrong = {**_m("Mosul", "place"), "text": "Basra"}
    assert spans(_report([wrong])) == {}


def test_no_stored_spans_no_highlights():
    # A report stored before reports kept their spans: nothing is guessed from word lists.
    assert highlights(_report(None, location="Mosul", fatalities=3)) == []
    assert highlights({"evidence": "", "location": "X", "mentions": [_m("Mosul", "place")]}
                      ) == []


def test_a_headlines_event_is_marked_by_spans_of_the_headline():
    # The coder gives a headline's event the headline as evidence, at (0, 0), and spans that
    # index the headline; a body sentence's spans index the body.
    title = "Air strike kills 4 in Idlib"
    body = "An air strike hit a market in Idlib on Monday, killing four people."
    report = {"evidence": title, "evidence_start": 0, "evidence_end": 0,
              "mentions": [_m("Air strike", "trigger", text=title), _m("4", "number", 4,
                                                                       text=title),
                           _m("Idlib", "place", text=title),
                           _m("market", "place", text=body)]}
    assert spans(report) == {"sub_event_type": "Air strike", "fatalities": "4",
                             "location": "Idlib"}
