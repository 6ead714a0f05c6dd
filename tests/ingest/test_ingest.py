import gzip
import io
import json

from conflictwire.ingest.readers import IngestOptions, read_inputs
from conflictwire.models import Article, Failure

PAGE = """<html><head><title>Clashes near Kidal</title>
<meta property="article:published_time" content="2024-03-02T08:00:00Z"></head>
<body><nav>Home | World</nav><article><h1>Clashes near Kidal</h1>
<p>Fighting between the army and rebels near Kidal killed at least seven people on Friday,
local officials said.</p><p>The clashes began at dawn and lasted several hours, residents
told reporters by telephone.</p></article><footer>Copyright</footer></body></html>"""


def split(items):
    arts = [i for i in items if isinstance(i, Article)]
    fails = [i for i in items if isinstance(i, Failure)]
    return arts, fails


def test_text_file_with_header_keeps_body_offsets(tmp_path):
    body = "Gunmen attacked a checkpoint in Maiduguri on Monday.\nTwo soldiers died."
    f = tmp_path / "a.txt"
    f.write_text(f"Title: Checkpoint attack\nPublished: 2023-05-02\nSource: Wire\n\n{body}")
    (art,), fails = split(list(read_inputs([str(f)])))
    assert not fails
    assert art.text == body and art.title == "Checkpoint attack" and art.source == "Wire"
    assert art.published.isoformat() == "2023-05-02"


def test_same_article_twice_gets_the_same_id(tmp_path):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("Shelling hit Kharkiv overnight, the governor said.")
    arts, _ = split(list(read_inputs([str(tmp_path)])))
    assert len(arts) == 2 and arts[0].id == arts[1].id


def test_html_file_gives_body_title_and_date(tmp_path):
    f = tmp_path / "page.html"
    f.write_text(PAGE)
    (art,), fails = split(list(read_inputs([str(f)])))
    assert not fails
    assert "killed at least seven people" in art.text and "Copyright" not in art.text
    assert art.title == "Clashes near Kidal"
    assert art.published.isoformat() == "2024-03-02"


def test_jsonl_stdin_keeps_good_lines_and_reports_the_bad_one():
    lines = [
        json.dumps(
            {"id": "1", "text": "Protesters marched in Nairobi.", "published": "2023-07-07"}
        ),
        "{not json",
        json.dumps({"id": "3", "html": PAGE}),
        json.dumps({"id": "4"}),
        json.dumps([1, 2]),
    ]
    arts, fails = split(list(read_inputs(["-"], stdin=io.StringIO("\n".join(lines)))))
    assert [a.id for a in arts] == ["1", "3"]
    assert [f.input for f in fails] == ["<stdin>:2", "<stdin>:4", "<stdin>:5"]
    assert "malformed JSON line" in fails[0].error


def test_bad_files_each_give_one_named_failure(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02garbage\x00")
    (tmp_path / "latin.txt").write_bytes("Caf\xe9 attacked".encode("latin-1"))
    (tmp_path / "huge.txt").write_bytes(b"a" * 2048)
    (tmp_path / "broken.jsonl.gz").write_bytes(gzip.compress(b'{"id": "x", "text": "ok"}\n')[:-8])
    (tmp_path / "good.txt").write_text("Troops clashed with militants near Gao.")
    missing = str(tmp_path / "nope.txt")
    items = list(read_inputs([str(tmp_path), missing], options=IngestOptions(max_bytes=1024)))
    arts, fails = split(items)
    assert [a.text for a in arts] == ["Troops clashed with militants near Gao."]
    reasons = {f.input.rsplit("/", 1)[-1]: f.error for f in fails}
    assert reasons["empty.txt"] == "empty file"
    assert "binary" in reasons["binary.txt"]
    assert "not UTF-8" in reasons["latin.txt"]
    assert "over the" in reasons["huge.txt"]
    assert "gzip" in reasons["broken.jsonl.gz"]
    assert reasons["nope.txt"] == "no such file, folder or URL"


def test_malformed_html_is_a_failure_not_a_crash(tmp_path):
    f = tmp_path / "bad.html"
    f.write_text("<html><body><div><p>")
    _, (fail,) = split(list(read_inputs([str(f)])))
    assert fail.stage == "extract"
