"""The dual-label system: a feature has a GPT label and a manual one; the manual one wins."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Feature:
    id: int
    gpt_label: str | None = None
    manual_label: str | None = None


def display_label(feature: Feature) -> str | None:
    return feature.manual_label or feature.gpt_label


def needs_labeling(feature: Feature) -> bool:
    """A labeling job only picks up features that have no label of either kind."""
    return feature.gpt_label is None and feature.manual_label is None
