from conflictwire.coding.sentences import split_sentences


def test_offsets_are_string_indices_on_non_ascii_text():
    text = "Dayr az Zawr — was hit. Al-Bāb fell on “Tuesday”. End."
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans] == [
        "Dayr az Zawr — was hit.",
        "Al-Bāb fell on “Tuesday”.",
        "End.",
    ]


def test_blank_text_has_no_sentences():
    assert split_sentences("  \n ") == []
