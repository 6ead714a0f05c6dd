"""The project's own training examples: frame files expanded with slot fillers, plus JSON lines.

A frame line is `CODE|text with {SLOT}s`; each frame is expanded a fixed number of times with
fillers drawn from `slots.json` by a seeded generator, so the same files always give the same
examples. `*.jsonl` files beside them (and under `written/`) hold ready sentences
`{"text", "sub_event_type"}`.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

from ... import taxonomy as tx
from ...data import path as data_path
from ...errors import ModelError

NO_EVENT = "(none)"

CODES: dict[str, str] = {
    "AC": tx.ARMED_CLASH, "GR": tx.GOV_REGAINS, "NO": tx.NSA_OVERTAKES,
    "SV": tx.SEXUAL_VIOLENCE, "AT": tx.ATTACK, "AB": tx.ABDUCTION,
    "CW": tx.CHEMICAL, "AS": tx.AIR_STRIKE, "SB": tx.SUICIDE_BOMB, "SH": tx.SHELLING,
    "RE": tx.REMOTE_EXPLOSIVE, "GN": tx.GRENADE,
    "PP": tx.PEACEFUL_PROTEST, "PI": tx.PROTEST_INTERVENTION, "EF": tx.EXCESSIVE_FORCE,
    "VD": tx.VIOLENT_DEMONSTRATION, "MV": tx.MOB_VIOLENCE,
    "AG": tx.AGREEMENT, "AR": tx.ARRESTS, "CG": tx.CHANGE_TO_GROUP, "DW": tx.DISRUPTED_WEAPONS,
    "HQ": tx.HQ_ESTABLISHED, "LP": tx.LOOTING, "NT": tx.NONVIOLENT_TRANSFER, "OT": tx.OTHER,
    "NE": NO_EVENT,
}
_SLOT = re.compile(r"\{([A-Z]+)\}")


def training_dir() -> Path:
    """The packaged training examples."""
    return data_path("training")


def load_examples(
    directory: Path, *, copies: int = 4, seed: int = 7
) -> list[tuple[str, str, str]]:
    """(text, label, group) from every frame file and JSON lines file in `directory`.

    Labels are ACLED sub-event types or NO_EVENT; the group names the frame an example
    was filled from, so cross-validation can keep a frame's copies in one fold. Raises
    ModelError on an unknown code, slot or label, so a typo cannot silently drop examples.
    """
    slots_path = directory / "slots.json"
    try:
        slots: dict[str, list[str]] = json.loads(slots_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelError(f"{slots_path}: {exc}") from exc
    rng = random.Random(seed)
    out: list[tuple[str, str, str]] = []
    for path in sorted(directory.glob("frames_*.txt")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            code, _, frame = line.partition("|")
            if code not in CODES or not frame:
                raise ModelError(f"{path.name}:{n}: bad frame line")
            for _ in range(copies if _SLOT.search(frame) else 1):
                where = f"{path.name}:{n}"
                out.append((_fill(frame, slots, rng, where=where), CODES[code], where))
    for path in sorted(directory.rglob("*.jsonl")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            row = json.loads(line)
            label = row.get("sub_event_type") or NO_EVENT
            if label != NO_EVENT and label not in tx.EVENT_TYPE_OF:
                raise ModelError(f"{path.name}:{n}: unknown sub-event type {label!r}")
            out.append((row["text"], label, f"{path.name}:{n}"))
    return out


def _fill(frame: str, slots: dict[str, list[str]], rng: random.Random, *, where: str) -> str:
    def pick(m: re.Match[str]) -> str:
        choices = slots.get(m.group(1))
        if not choices:
            raise ModelError(f"{where}: unknown slot {m.group(0)}")
        return rng.choice(choices)

    text = _SLOT.sub(pick, frame)
    text = re.sub(r"\s+([.,;])", r"\1", re.sub(r"\s{2,}", " ", text))
    return text[0].upper() + text[1:]
