"""The named rules, one module per family. Importing this package registers them all."""

from linter.rules import agents, dates, delta, enrollments, gradebook, orgs, primary, profile, roles, subjects, users  # noqa: F401  (importing registers them)
