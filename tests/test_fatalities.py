"""Fatality counts: numbers, words, vague quantities, killed vs wounded, subsets, dev-set gate."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from conflictwire.factuality import assess
from conflictwire.fatalities import count_fatalities, parse_number, split_total
from conflictwire.sentences import split_sentences

CASES = [
    # (sentence, killed, wounded)
    ("Gunmen shot dead seven villagers in Zamfara State on Sunday, police said.", 7, 0),
    ("At least 12 soldiers were killed and 9 wounded when militants stormed a base in Tillaberi.",
     12, 9),
    ("A car bomb exploded outside a hotel in Mogadishu, killing 15 people and injuring 30 others.",
     15, 30),
    ("Two gunmen killed three police officers at a checkpoint in Peshawar.", 3, 0),
    ("Three people including a child died after shelling hit a market in Donetsk.", 3, 0),
    ("Between 20 and 30 civilians were killed in the raid on the village.", 20, 0),
    ("The clashes left 8 to 10 fighters dead, according to local officials.", 8, 0),
    ("Dozens of people were killed in the fighting near Khartoum airport.", 12, 0),
    ("Hundreds were killed in the massacre, witnesses told reporters.", 100, 0),
    ("Several protesters were injured when police fired rubber bullets in La Paz.", 0, 10),
    ("Scores were wounded in the blast at the mosque in Quetta.", 0, 20),
    ("A family of five was killed when a shell struck their house in Kharkiv.", 5, 0),
    ("No casualties were reported after the rocket landed in an open field near Sderot.", 0, 0),
    ("Nobody was hurt in the explosion at the pipeline near Port Harcourt.", 0, 0),
    ("A soldier was killed and two others were injured by a roadside bomb in Kandahar.", 1, 2),
    ("The suicide bomber blew himself up at the gate, killing four guards.", 4, 0),
    ("Militants killed 20 people, 15 of them women, in an attack on a camp in Ituri.", 20, 0),
    ("Five soldiers and three civilians were killed in the ambush in Cabo Delgado.", 8, 0),
    ("The airstrike killed 11 civilians, two fighters and a local commander.", 14, 0),
    ("Twenty-five people were killed in the bombing of the bus station.", 25, 0),
    ("Two hundred and fifty people died in the attack, the governor said.", 250, 0),
    ("The death toll from Saturday's bombing in Kabul rose to 63.", 63, 0),
    ("Police fired tear gas at about 2,000 protesters in Nairobi.", 0, 0),
    ("The explosion happened 5 km from the border, killing two herders.", 2, 0),
    ("The 82nd Brigade was attacked on 5 March near Tal Afar.", 0, 0),
    ("The army said it killed 48 terrorists and destroyed 6 vehicles in the operation.", 48, 0),
    ("Eleven civilians including four children were killed by air raids on the town.", 11, 0),
    ("At least 30 people including 9 children and 4 women have been killed in the strikes.",
     30, 0),
    ("Four people were killed including three children and 43 others were injured.", 4, 43),
    ("Seven people killed, scores injured in rocket attacks on Aleppo.", 7, 20),
    ("Rebels shot dead a shepherd near Beni.", 1, 0),
    ("One of the attackers was killed by security guards.", 1, 0),
    ("An estimated 1,400 people died in the chemical attack on the suburbs.", 1400, 0),
    ("A mortar round hit a school in Gaza, wounding a dozen pupils.", 0, 12),
    ("Clashes in Tripoli between rival militias left at least 32 dead and 159 wounded.", 32, 159),
]


@pytest.mark.parametrize(("sentence", "killed", "wounded"), CASES)
def test_counts(sentence: str, killed: int, wounded: int) -> None:
    got = count_fatalities(sentence)
    assert (got.killed, got.wounded) == (killed, wounded)


def test_mentions_carry_offsets_and_values() -> None:
    sentence = "Militants killed 9 soldiers in Borno."
    got = count_fatalities(sentence, offset=100)
    (m,) = got.mentions
    assert (m.kind, m.value, m.text) == ("number", 9, "9")
    assert (m.start, m.end) == (100 + sentence.index("9"), 101 + sentence.index("9"))


@pytest.mark.parametrize(("text", "value"), [
    ("1,400", 1400), ("twenty-five", 25), ("two hundred and fifty", 250), ("dozens", 12),
    ("hundreds", 100), ("several", 10), ("a dozen", 12), ("three thousand", 3000),
    ("tens", 10), ("scores", 20),
])
def test_parse_number(text: str, value: int) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize(("total", "n", "parts"), [
    (10, 3, [4, 3, 3]), (0, 2, [0, 0]), (7, 1, [7]), (5, 0, []), (2, 4, [1, 1, 0, 0]),
])
def test_split_total(total: int, n: int, parts: list[int]) -> None:
    got = split_total(total, n)
    assert got == parts
    assert sum(got) == (total if n else 0)


def _lead_killed(row: dict) -> int:
    """The first non-zero killed count over an article's reportable sentences, title first."""
    text = row["text"]
    sentences = ([row["title"]] if row.get("title") else []) + [
        text[s:e] for s, e in split_sentences(text)]
    for sentence in sentences:
        if assess(sentence).reportable:
            killed = count_fatalities(sentence).killed
            if killed:
                return killed
    return 0


def test_dev_set_fatalities_gate(shared_data: Path) -> None:
    path = shared_data / "events" / "fakes_syria_dev.jsonl.gz"
    with gzip.open(path, "rt", encoding="utf-8") as f:
        rows = [json.loads(line) for line in f]
    hits = sum(_lead_killed(r) == r["events"][0]["fatalities"] for r in rows)
    # Measured 0.73 (402 articles); the gate leaves room for noise, not for regressions.
    assert hits / len(rows) >= 0.68
