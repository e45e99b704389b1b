"""The year-end reports, rendered from what linter.yearend computed: `diff` as text and JSON
(diff), the brief for the vendor as Markdown and HTML (brief), and the text of `freeze-impact`
and `plan` (freeze_and_plan). Like every report here, each renders a string and never prints."""
