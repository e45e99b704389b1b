"""The bad-input corpus, continued. Content that reaches the reports: personal data where a name should be, hostile text in names and cells."""

from __future__ import annotations

from tests.corpus import case, folder  # noqa: F401
