"""The named rules, one module per family. Importing this package registers them all."""

from linter.rules import dates, delta, enrollments, orgs, profile, roles, users  # noqa: F401  (importing registers them)
