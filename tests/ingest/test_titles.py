"""Headlines apart from the body for every input (issue 16): a plain text's or a JSON text's
first line set apart by a blank line is its title; the body keeps it, so offsets hold."""

from __future__ import annotations

import io
import json

from conflictwire.ingest.readers import read_inputs

HEADLINE = "Gunmen storm checkpoint near Kidal"
BODY = "Gunmen attacked an army checkpoint near Kidal on Monday, killing two soldiers."


def test_a_plain_text_s_first_line_is_its_title(tmp_path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(f"{HEADLINE}\n\n{BODY}\n", encoding="utf-8")
    (article,) = read_inputs([str(path)])
    assert article.title == HEADLINE and article.text.startswith(HEADLINE)
    path.write_text(f"{BODY}\n\nTwo more paragraphs.\n", encoding="utf-8")
    (article,) = read_inputs([str(path)])
    assert article.title is None  # a sentence is no headline


def test_a_json_text_s_first_line_is_its_title_unless_one_is_given() -> None:
    lines = [{"id": "a", "text": f"{HEADLINE}\n\n{BODY}"},
             {"id": "b", "text": f"{HEADLINE}\n\n{BODY}", "title": "Given"}]
    stdin = io.StringIO("".join(json.dumps(x) + "\n" for x in lines))
    first, second = read_inputs(["-"], stdin=stdin)
    assert first.title == HEADLINE and second.title == "Given"
