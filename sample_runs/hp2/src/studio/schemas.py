"""Request schemas and their validation rules (strict: unknown values are refused)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum

NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 _.-]{0,63}$")
REPO = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$")
SPLITS = ("train", "validation", "test")
MAX_DESCRIPTION = 500
MAX_LAYERS = 256


class ValidationError(ValueError):
    """A request field breaks a rule; `field` names it."""

    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(f"{field_name}: {message}")
        self.field = field_name


class ModelStatus(str, Enum):
    PENDING = "pending"
    DOWNLOADING = "downloading"
    LOADING = "loading"
    READY = "ready"
    ERROR = "error"


class Quantization(str, Enum):
    FP32 = "fp32"
    FP16 = "fp16"
    Q8 = "q8"
    Q4 = "q4"


class DatasetStatus(str, Enum):
    PENDING = "pending"
    DOWNLOADING = "downloading"
    PROCESSING = "processing"
    READY = "ready"
    ERROR = "error"


class TrainingStatus(str, Enum):
    QUEUED = "queued"
    RUNNING = "running"
    PAUSED = "paused"
    FINISHED = "finished"
    FAILED = "failed"
    CANCELLED = "cancelled"


class ActivationHook(str, Enum):
    RESID_PRE = "hook_resid_pre"
    RESID_POST = "hook_resid_post"
    MLP_OUT = "hook_mlp_out"
    ATTN_OUT = "hook_attn_out"


BYTES_PER_PARAM = {Quantization.FP32: 4.0, Quantization.FP16: 2.0, Quantization.Q8: 1.0,
                   Quantization.Q4: 0.5}  # fmt: skip


def check_name(value: str, field_name: str = "name") -> str:
    if not isinstance(value, str) or not NAME.match(value):
        raise ValidationError(field_name, "1-64 letters, digits, spaces, '_', '.' or '-'")
    return value


def check_percent(value: float, field_name: str) -> float:
    if not 0.0 <= value <= 100.0:
        raise ValidationError(field_name, "must be between 0 and 100")
    return float(value)


@dataclass
class ModelCreate:
    name: str
    repo_id: str
    params_millions: float
    quantization: Quantization = Quantization.FP16
    metadata: dict = field(default_factory=dict)

    def validate(self) -> ModelCreate:
        check_name(self.name)
        if not REPO.match(self.repo_id):
            raise ValidationError("repo_id", "expected 'owner/name'")
        if self.params_millions <= 0:
            raise ValidationError("params_millions", "must be positive")
        self.quantization = Quantization(self.quantization)
        return self


@dataclass
class DatasetCreate:
    name: str
    source: str
    split: str = "train"
    metadata: dict = field(default_factory=dict)

    def validate(self) -> DatasetCreate:
        check_name(self.name)
        if not (self.source.startswith("hf://") or self.source.startswith("file://")):
            raise ValidationError("source", "expected hf://owner/name or file://path")
        if self.split not in SPLITS:
            raise ValidationError("split", f"one of {', '.join(SPLITS)}")
        return self


@dataclass
class TemplateCreate:
    name: str
    model_id: str | None = None
    dataset_id: str | None = None
    hyperparameters: dict = field(default_factory=dict)
    description: str = ""

    def validate(self) -> TemplateCreate:
        check_name(self.name)
        if len(self.description) > MAX_DESCRIPTION:
            raise ValidationError("description", f"at most {MAX_DESCRIPTION} characters")
        return self


@dataclass
class TrainingCreate:
    template_id: str
    run_name: str
    hook: ActivationHook = ActivationHook.RESID_POST
    layer: int = 0

    def validate(self) -> TrainingCreate:
        check_name(self.run_name, "run_name")
        if self.layer < 0:
            raise ValidationError("layer", "must not be negative")
        if self.layer >= MAX_LAYERS:
            raise ValidationError("layer", f"at most {MAX_LAYERS - 1}")
        self.hook = ActivationHook(self.hook)
        return self
