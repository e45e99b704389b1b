"""Year-end safety: compare an upload with the last one, forecast circuit breaks, show who a
Freeze locks out, and plan the pause and resume dates. Driven by schemas/yearend.json and
the vendor profiles in schemas/profiles/."""
