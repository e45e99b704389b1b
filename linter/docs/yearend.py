"""The year-end guide, generated from schemas/yearend.json (read through
linter.yearend.data.yearend(), which validates it against yearend.schema.json): the two kinds
of integration, the sequence, the pause/resume timeline with its lead times, circuit breaks,
school statuses and their transitions (a table, an inline SVG diagram and a numbered text
version, so it renders offline), when to Pause or Freeze, the signals behind the Y findings,
and the year-end commands with their own help text. Every number on the page is read from
the data; without the data file, a short page says the feature is coming."""

from __future__ import annotations

import math
from typing import Any

from linter.docs import markdown as md
from linter.docs.commands import anchor, commands, summary
from linter.docs.paths import CLI, PROFILES, RULES, YEAREND, rule_page
from linter.schemas import schemas_root

COMMANDS = ("diff", "record", "school", "freeze-impact", "plan")


def pages() -> dict[str, str]:
    if not (schemas_root() / "yearend.json").is_file():
        return {YEAREND: page(None)}
    from linter.yearend.data import yearend

    return {YEAREND: page(yearend())}


def page(data: dict[str, Any] | None) -> str:
    if data is None:
        return md.join(["# Year-end guide",
                        "Year-end planning is coming to oneroster-lint. A district that sends roster files gets no automatic "
                        "summer pause: whatever a file carries reaches staff and families as soon as it arrives.",
                        "This page will be generated from the same year-end data the linter uses, so its dates and thresholds "
                        "always match the tool."])
    lead = data["leadTimes"]
    parts = ["# Year-end guide", md.text(data["integrations"]["file"]), md.text(data["integrations"]["api"]),
             "This guide is generated from the year-end data oneroster-lint itself uses, so its numbers always match the tool.",
             "## The sequence", "\n".join(f"{i}. **{md.text(s['name'])}:** {md.text(s['what'])}" for i, s in enumerate(data["steps"], 1)),
             "## Timeline", timeline(lead),
             md.table(["When", "Resume delivery", "Why"],
                      [["Data must be visible on a date", _window(lead["resume"]), md.text(lead["resume"]["why"])],
                       ["The date must not slip (first day of school)", _window(lead["timeSensitive"]), md.text(lead["timeSensitive"]["why"])]]),
             "While delivery is paused, staff and families keep seeing the last upload. That is expected over the summer.",
             "## Circuit breaks",
             "The first upload after a pause usually carries a lot of change: new students, new grade levels, new sections. "
             "A consumer may hold such an upload for review before it flows in: a circuit break. It is normal after a summer "
             f"pause and typically costs about {_days(lead['circuitBreakDelayDays'])}.",
             f"{md.code('oneroster-lint diff')} forecasts a circuit break by comparing the next upload with the last one, using the "
             f"thresholds of a {md.link(YEAREND, PROFILES, 'vendor profile')}.",
             "## School statuses", md.table(["Status", "What it means", "Set by"],
                                            [[f"**{md.text(s['name'])}**", md.text(s["meaning"]), md.text(s["setBy"])] for s in data["schoolStatuses"]]),
             "How a school moves from one status to another:",
             svg([(t["from"], t["to"]) for t in data["transitions"]], [s["name"] for s in data["schoolStatuses"]]),
             "\n".join(f"{i}. {md.text(t['from'])} → {md.text(t['to'])}: {md.text(t['when'])}" for i, t in enumerate(data["transitions"], 1)),
             "## Pause or Freeze?", f"- **Missing by mistake:** {md.text(data['advice']['missing'])}\n"
             f"- **Pause:** {md.text(data['advice']['pause'])}\n- **Freeze:** {md.text(data['advice']['freeze'])}",
             "## Warning signs in the next upload", signals(data["signals"]),
             f"These signals are the {md.link(YEAREND, RULES, 'year-end findings (Y codes)', 'Y')} that "
             f"{md.code('oneroster-lint check PATH --previous LAST_UPLOAD')} and {md.code('oneroster-lint diff')} report.",
             "## The season decides",
             f"{md.text(data['seasons']['why'])} The day the upload would be sent ({md.code('--as-of')}, today by default) falls in one "
             f"of these seasons, read from the packages' schoolYear sessions; the signs of a rollover "
             f"({', '.join(md.link(YEAREND, rule_page(code), code) for code in data['seasons']['rolloverSigns'])}) take its severity:",
             md.table(["Season", "When", "Rollover signs are", "Why"],
                      [[f"**{md.text(s['name'])}**", md.text(s["when"]), s["severity"], md.text(s["meaning"])] for s in data["seasons"]["seasons"]])]
    parts += command_section()
    parts += ["## Sources", "\n".join(f"- [{md.text(s['title'])}]({s['path']})" if s.get("path") else f"- {md.text(s['title'])}" for s in data["sources"])]
    return md.join(parts)


def _days(n: int, kind: str = "") -> str:
    return f"{n} {kind + ' ' if kind else ''}day{'s' if n != 1 else ''}"


def _window(window: dict[str, Any]) -> str:
    return f"{window['minBusinessDays']} to {window['maxBusinessDays']} business days before"


def timeline(lead: dict[str, Any]) -> str:
    """A text picture of the calendar, with the lead times from the data."""
    resume, urgent = lead["resume"], lead["timeSensitive"]
    return md.fence("\n".join([
        "pause                                   resume        data visible",
        "|---------------------------------------|-------------|",
        f"  summer: staff see the last upload       {resume['minBusinessDays']}-{resume['maxBusinessDays']} business days",
        "",
        "pause                               resume            first day of school",
        "|-----------------------------------|-----------------|",
        f"  summer                              {urgent['minBusinessDays']}-{urgent['maxBusinessDays']} business days (the date must not slip)",
    ]))


def signals(data: dict[str, Any]) -> str:
    rows = [[md.words(key), f"{value:.0%}" if isinstance(value, float) else str(value)] for key, value in data.items() if key != "why"]
    return md.join([md.table(["Signal", "Threshold"], rows), md.text(data["why"])])


def svg(edges: list[tuple[str, str]], order: list[str]) -> str:
    """The transitions as a state diagram in inline SVG (no script, nothing to download)."""
    states = list(dict.fromkeys([s for s in order if any(s in e for e in edges)] + [s for e in edges for s in e]))
    box_w, box_h, width, height = max(len(s) for s in states) * 8 + 28, 36, 640, 340
    radius_x, radius_y = (width - box_w) / 2 - 12, (height - box_h) / 2 - 12
    centre = {s: (width / 2 + radius_x * math.cos(math.pi + 2 * math.pi * i / len(states)),
                  height / 2 + radius_y * math.sin(math.pi + 2 * math.pi * i / len(states))) for i, s in enumerate(states)}
    shapes = []
    for number, (a, b) in enumerate(edges, 1):
        (x1, y1), (x2, y2) = centre[a], centre[b]
        dx, dy = x2 - x1, y2 - y1
        length = math.hypot(dx, dy) or 1
        shift = 9 if (b, a) in edges else 0
        ox, oy = -dy / length * shift, dx / length * shift
        cut = min(box_w / 2 / abs(dx) if dx else math.inf, box_h / 2 / abs(dy) if dy else math.inf) + 0.02
        sx, sy, ex, ey = x1 + dx * cut + ox, y1 + dy * cut + oy, x2 - dx * cut + ox, y2 - dy * cut + oy
        mx, my = (sx + ex) / 2, (sy + ey) / 2
        shapes.append(f'<line x1="{sx:.0f}" y1="{sy:.0f}" x2="{ex:.0f}" y2="{ey:.0f}" stroke="currentColor" stroke-width="1.5" marker-end="url(#yearend-arrow)"/>'
                      f'<circle cx="{mx:.0f}" cy="{my:.0f}" r="10" fill="var(--md-default-bg-color, #fff)" stroke="currentColor"/>'
                      f'<text x="{mx:.0f}" y="{my + 4:.0f}" text-anchor="middle" font-size="12" fill="currentColor">{number}</text>')
    for state, (x, y) in centre.items():
        shapes.append(f'<rect x="{x - box_w / 2:.0f}" y="{y - box_h / 2:.0f}" width="{box_w}" height="{box_h}" rx="8" '
                      f'fill="var(--md-default-bg-color, #fff)" stroke="currentColor" stroke-width="1.5"/>'
                      f'<text x="{x:.0f}" y="{y + 5:.0f}" text-anchor="middle" font-size="14" fill="currentColor">{_xml(state)}</text>')
    marker = ('<defs><marker id="yearend-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse">'
              '<path d="M 0 0 L 10 5 L 0 10 z" fill="currentColor"/></marker></defs>')
    title = _xml("School status transitions: " + "; ".join(f"{a} to {b}" for a, b in edges))
    return (f'<div class="yearend-diagram"><svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{title}" viewBox="0 0 {width} {height}" '
            f'style="max-width:{width}px;width:100%;height:auto"><title>{title}</title>{marker}{"".join(shapes)}</svg></div>')


def _xml(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def command_section() -> list[str]:
    from linter.cli import main

    found = [(name, cmd) for name, cmd, _ in commands(main) if name.split()[-1] in COMMANDS]
    if not found:
        return []
    lines = [f"- {md.link(YEAREND, CLI, md.code(name), anchor(name))}: {md.text(summary(cmd))}" for name, cmd in found]
    return ["## Commands that answer these questions", "\n".join(lines)]
