"""The bad-input corpus, continued. Zip and folder containers at their edges: compression methods, sizes that lie, names that collide."""

from __future__ import annotations

from tests.corpus import case, folder  # noqa: F401
