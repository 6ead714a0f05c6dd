"""HTML character references are decoded once, at ingest, whatever the input kind, so the
coder and the geoparser see "Dar'a & Aleppo", never "Dar&#39;a &amp; Aleppo"."""

from __future__ import annotations

import io
import json

import pytest

from conflictwire.ingest.decode import unescape_entities
from conflictwire.ingest.readers import read_inputs
from conflictwire.models import Article

RAW = "Gunmen attacked Dar&#39;a &amp; Aleppo&#x2019;s outskirts on Tuesday, officials said."
DECODED = "Gunmen attacked Dar'a & Aleppo\u2019s outskirts on Tuesday, officials said."


@pytest.mark.parametrize(("raw", "decoded"), [
    (RAW, DECODED),
    ("AT&T and R&D stay as they are; so does &nothing and a lone &.",
     "AT&T and R&D stay as they are; so does &nothing and a lone &."),
    ("&lt;b&gt; is markup &quot;quoted&quot;", '<b> is markup "quoted"'),
    ("&amp;amp; is decoded once", "&amp; is decoded once"),
])
def test_unescape_entities(raw, decoded):
    assert unescape_entities(raw) == decoded


def _one(items) -> Article:
    items = list(items)
    assert len(items) == 1 and isinstance(items[0], Article), items
    return items[0]


def test_every_input_kind_is_decoded_once(tmp_path):
    text_file = tmp_path / "a.txt"
    text_file.write_text(f"Title: Attack in Dar&#39;a\nSource: Test &amp; Wire\n\n{RAW}\n")
    article = _one(read_inputs([str(text_file)]))
    assert article.text.strip() == DECODED and article.title == "Attack in Dar'a"
    assert article.source == "Test & Wire"

    row = {"id": "j1", "text": RAW, "title": "Dar&#39;a", "source": "Test &amp; Wire"}
    lines = tmp_path / "a.jsonl"
    lines.write_text(json.dumps(row) + "\n")
    article = _one(read_inputs([str(lines)]))
    assert (article.text, article.title, article.source) == (DECODED, "Dar'a", "Test & Wire")

    document = tmp_path / "b.json"
    document.write_text(json.dumps([row]))
    assert _one(read_inputs([str(document)])).text == DECODED

    stdin = io.StringIO(json.dumps(row) + "\n")
    assert _one(read_inputs(["-"], stdin=stdin)).text == DECODED

    page = tmp_path / "c.html"
    page.write_text(f"<html><head><title>Dar&#39;a</title></head><body><article><p>{RAW}</p>"
                    f"<p>{RAW}</p></article></body></html>")
    article = _one(read_inputs([str(page)]))
    assert DECODED in article.text and "&#" not in article.text and "&amp;" not in article.text
