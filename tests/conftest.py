"""Shared fixtures. GUI tests run offscreen; the seed corpus lives beside the checkout."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "corpus" / "seeds"


@pytest.fixture
def seed_files() -> list[Path]:
    if not SEEDS.is_dir():
        pytest.skip("the shared seed corpus is not beside this checkout")
    return sorted(SEEDS.glob("*.txt"))
