"""Training tasks: train a sparse autoencoder on a model's activations, with checkpoints.

The GPU work is done by the `engine` object the worker process passes in (PyTorch in production).
"""

from __future__ import annotations

import json
import math
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from studio import events
from studio.db import Session
from studio.services.training_template_service import TrainingTemplateService

CHECKPOINT_EVERY = 5_000
RUNS_DIR = Path(os.environ.get("STUDIO_RUNS_DIR", "/var/lib/studio/runs"))


class TrainingError(Exception):
    pass


@dataclass
class TrainingRun:
    run_id: str
    config: dict
    step: int = 0
    losses: list[float] = field(default_factory=list)
    dead_fraction: float = 0.0
    started: float = field(default_factory=time.time)

    @property
    def directory(self) -> Path:
        return RUNS_DIR / self.run_id

    def eta_seconds(self) -> float | None:
        if self.step == 0:
            return None
        rate = (time.time() - self.started) / self.step
        return rate * (self.config["total_steps"] - self.step)


def learning_rate_at(step: int, config: dict, warmup: int = 1000) -> float:
    base = config["learning_rate"]
    if step < warmup:
        return base * (step + 1) / warmup
    progress = (step - warmup) / max(1, config["total_steps"] - warmup)
    return base * 0.5 * (1 + math.cos(math.pi * min(1.0, progress)))


def start_run(session: Session, template_id: str, run_id: str) -> TrainingRun:
    config = TrainingTemplateService.training_config(session, template_id)
    run = TrainingRun(run_id=run_id, config=config)
    run.directory.mkdir(parents=True, exist_ok=True)
    (run.directory / "config.json").write_text(json.dumps(config, indent=2, sort_keys=True))
    return run


def train(run: TrainingRun, engine, activations) -> TrainingRun:
    config = run.config
    sae = engine.create_sae(config["d_in"], config["d_sae"])
    optimizer = engine.optimizer(sae, config["learning_rate"])
    if (run.directory / "latest.ckpt").exists():
        run.step = resume(run, engine, sae, optimizer)
    for batch in activations.batches(config["batch_size"], start=run.step):
        if run.step >= config["total_steps"]:
            break
        engine.set_learning_rate(optimizer, learning_rate_at(run.step, config))
        loss, fired = engine.step(sae, optimizer, batch, config["l1_coefficient"])
        if math.isnan(loss):
            save_checkpoint(run, engine, sae, optimizer, name="nan.ckpt")
            raise TrainingError(f"loss is NaN at step {run.step}")
        run.losses.append(loss)
        run.step += 1
        if run.step % 100 == 0:
            run.dead_fraction = 1.0 - fired
            report_progress(run)
        if run.step % CHECKPOINT_EVERY == 0:
            save_checkpoint(run, engine, sae, optimizer)
    save_checkpoint(run, engine, sae, optimizer, name="final.ckpt")
    report_progress(run, finished=True)
    return run


def report_progress(run: TrainingRun, finished: bool = False) -> None:
    recent = run.losses[-100:]
    payload = {
        "step": run.step,
        "progress": round(100.0 * run.step / run.config["total_steps"], 2),
        "loss": round(sum(recent) / len(recent), 6) if recent else None,
        "dead_fraction": round(run.dead_fraction, 4),
        "eta_seconds": None if finished else run.eta_seconds(),
        "status": "finished" if finished else "running",
    }
    events.emit_progress(f"training/{run.run_id}", payload)


def save_checkpoint(run: TrainingRun, engine, sae, optimizer, name: str = "latest.ckpt") -> Path:
    path = run.directory / name
    tmp = path.with_suffix(".tmp")
    engine.save({"sae": sae, "optimizer": optimizer, "step": run.step}, tmp)
    os.replace(tmp, path)
    meta = {"step": run.step, "losses_tail": run.losses[-10:], "saved_at": time.time()}
    path.with_suffix(".json").write_text(json.dumps(meta))
    return path


def resume(run: TrainingRun, engine, sae, optimizer) -> int:
    state = engine.load(run.directory / "latest.ckpt")
    engine.restore(sae, state["sae"])
    engine.restore(optimizer, state["optimizer"])
    meta_path = run.directory / "latest.json"
    if meta_path.exists():
        run.losses = json.loads(meta_path.read_text()).get("losses_tail", [])
    return int(state["step"])


def list_checkpoints(run_id: str) -> list[dict]:
    found = []
    for meta_path in sorted((RUNS_DIR / run_id).glob("*.json")):
        if meta_path.name == "config.json":
            continue
        meta = json.loads(meta_path.read_text())
        found.append({"name": meta_path.with_suffix(".ckpt").name, "step": meta["step"]})
    return sorted(found, key=lambda c: c["step"])


def prune_checkpoints(run_id: str, keep: int = 3) -> list[str]:
    removed = []
    checkpoints = [c for c in list_checkpoints(run_id) if c["name"] == "latest.ckpt" or c["name"].startswith("step-")]
    for checkpoint in checkpoints[:-keep] if keep else checkpoints:
        path = RUNS_DIR / run_id / checkpoint["name"]
        path.unlink(missing_ok=True)
        path.with_suffix(".json").unlink(missing_ok=True)
        removed.append(checkpoint["name"])
    return removed


def evaluate(engine, sae, activations, batches: int = 10) -> dict:
    mse_total, l0_total, seen = 0.0, 0.0, 0
    for batch in activations.batches(4096, start=0):
        if seen >= batches:
            break
        reconstruction, codes = engine.forward(sae, batch)
        mse_total += engine.mse(reconstruction, batch)
        l0_total += engine.l0(codes)
        seen += 1
    if not seen:
        raise TrainingError("no activations to evaluate on")
    return {"mse": mse_total / seen, "l0": l0_total / seen, "batches": seen}
