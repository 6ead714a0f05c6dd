"""The fine-tuned sentence encoder at run time: an int8 ONNX graph and its tokenizer, no torch.

`EncoderModel.proba(texts)` gives calibrated probabilities over the model's labels, batched
by length; identical texts (one headline carried by many outlets) are computed once.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ...errors import ModelError

ONNX_FILE = "model.int8.onnx"
TOKENIZER_FILE = "tokenizer.json"
META_FILE = "meta.json"
_BATCH = 32
_CACHE = 4096


def pad_batch(rows: Sequence[Sequence[int]]) -> tuple[np.ndarray, np.ndarray]:
    """Token ids right-padded with 0 and their attention mask, as the graph takes them."""
    width = max(len(r) for r in rows)
    ids = np.zeros((len(rows), width), dtype=np.int64)
    mask = np.zeros((len(rows), width), dtype=np.int64)
    for i, r in enumerate(rows):
        ids[i, :len(r)] = r
        mask[i, :len(r)] = 1
    return ids, mask


@dataclass
class EncoderModel:
    """The exported classifier: session, tokenizer, labels and calibration temperature."""

    session: Any
    tokenizer: Any
    labels: tuple[str, ...]
    temperature: float
    meta: dict[str, Any]
    _cache: OrderedDict[str, np.ndarray] = field(default_factory=OrderedDict, repr=False)
    # The watcher and the web app code from several threads: the cache is shared state.
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @classmethod
    def load(cls, folder: Path, *, threads: int = 1) -> EncoderModel:
        """Load the graph in `folder`; `threads` is onnxruntime's intra-op thread count (one
        a worker process: parallelism comes from the processes)."""
        for name in (ONNX_FILE, TOKENIZER_FILE, META_FILE):
            if not (folder / name).is_file():
                raise ModelError(f"no encoder model in {folder}: {name} is missing "
                                 "(rebuild it with `conflictwire train`)")
        try:
            import onnxruntime as ort
            from tokenizers import Tokenizer
        except ImportError as exc:  # both are core dependencies; say which one broke
            raise ModelError(f"the encoder needs {exc.name}: pip install {exc.name}") from exc
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        session = ort.InferenceSession(str(folder / ONNX_FILE), options,
                                       providers=["CPUExecutionProvider"])
        meta = json.loads((folder / META_FILE).read_text())
        tokenizer = Tokenizer.from_file(str(folder / TOKENIZER_FILE))
        tokenizer.no_padding()
        tokenizer.enable_truncation(max_length=int(meta["max_tokens"]))
        return cls(session, tokenizer, tuple(meta["labels"]), float(meta["temperature"]), meta)

    def logits(self, texts: Sequence[str]) -> np.ndarray:
        """Raw logits, one row a text."""
        out = np.zeros((len(texts), len(self.labels)), dtype=np.float32)
        todo = []
        with self._lock:
            for i, t in enumerate(texts):
                if t in self._cache:
                    out[i] = self._cache[t]
                    self._cache.move_to_end(t)
                else:
                    todo.append(i)
        if todo:
            encoded = self.tokenizer.encode_batch([texts[i] for i in todo])
            order = sorted(range(len(todo)), key=lambda k: len(encoded[k].ids))
            for k in range(0, len(order), _BATCH):
                part = order[k:k + _BATCH]
                ids, mask = pad_batch([encoded[j].ids for j in part])
                rows = self.session.run(None, {"ids": ids, "mask": mask})[0]
                for j, row in zip(part, rows, strict=True):
                    out[todo[j]] = row
                    self._remember(texts[todo[j]], row)
        return out

    def proba(self, texts: Sequence[str]) -> np.ndarray:
        """Calibrated probabilities, one row a text."""
        z = self.logits(texts) / self.temperature
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        return p / p.sum(axis=1, keepdims=True)

    def _remember(self, text: str, row: np.ndarray) -> None:
        with self._lock:
            self._cache[text] = row
            if len(self._cache) > _CACHE:
                self._cache.popitem(last=False)
