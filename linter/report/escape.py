"""Text from the package, made safe for each place a report puts it: one function per boundary.

A package is hostile input: its file names, column names and cells (and the messages that quote
them) can hold Markdown, HTML, XML-illegal characters, terminal escape sequences, line breaks that
start a GitHub workflow command, spreadsheet formulas, and bytes that are not UTF-8 (Python gives
a file name's stray bytes as lone surrogates). Each renderer passes every such string through its
format's function below, once, where it writes it; the linter's own words need none of this.

`printable` is the base of them all: every report must be valid UTF-8, so lone surrogates become
the visible `\\xNN` of the byte they stand for (`json_document` does the same over a whole written
document, in one pass). A clean string comes out of every function unchanged (in Markdown, it may
gain backslashes that render as nothing), so escaping never moves the documented JSON contract.
"""

from __future__ import annotations

import html
import re

from linter.utf8 import SURROGATE, byte_text, printable

NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")  # what XML 1.0 cannot hold even escaped
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # OWASP's list: a spreadsheet runs such a cell
SHORT = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
LEGACY = "##["  # GitHub's runner still runs this old workflow-command form wherever a log line holds it
# A polars pattern for plain text: letters, marks, digits, punctuation, symbols and spaces, all of
# which `visible` keeps as they are. The formats write slices of such text with polars string
# expressions (only '##[', '::' and their own quoting left to do) and the rest with these functions.
PLAIN = r"^[\p{L}\p{M}\p{N}\p{P}\p{S} ]*$"


def _code(char: str) -> str:
    """A character as Python writes it in a string literal: \\n, \\x1b, \\u202e, \\U000e0001."""
    point = ord(char)
    if char in SHORT:
        return SHORT[char]
    return f"\\x{point:02x}" if point < 0x100 else f"\\u{point:04x}" if point < 0x10000 else f"\\U{point:08x}"


def visible(text: str | None, keep: str = "") -> str:
    """One line of plain characters: line breaks, controls (C0, C1, ESC and so every terminal
    sequence), bidi overrides and other invisible format characters shown as escapes, as Python's
    repr shows them, so a name can neither start a line nor restyle or reorder what follows it.
    The characters in `keep` (line breaks, for a format that quotes them) stay as they are."""
    text = printable(text)
    if text.isprintable():  # the common case, and the linter's own words: nothing to do
        return text
    return "".join(char if char.isprintable() or char in keep else _code(char) for char in text)


def terminal(text: str | None) -> str:
    """For the text reports (check, diff, freeze-impact, plan), on a terminal or through a pipe
    alike: no ESC byte and no line a name started. GitHub's runner reads a line as a workflow
    command when it starts with '::' after its leading blanks, and the legacy form '##[' anywhere
    in a line, so a name's '::' is shown as ':\\x3a' and its '##[' as '##\\x5b'."""
    return visible(text).replace("::", ":\\x3a").replace(LEGACY, "##\\x5b")


def quoted(value: str) -> str:
    """A cell value shown in a line of text: between quotes, and escaped like every other name."""
    return f"'{terminal(value)}'"


def html_text(text: str) -> str:
    """For HTML element content and double- or single-quoted attribute values: no tag, no entity,
    no attribute that breaks out of its quotes; controls and bidi overrides shown escaped; '##['
    spelled with a reference, as a page printed into a CI log could otherwise run it."""
    return html.escape(visible(text), quote=True).replace(LEGACY, "##&#91;")  # the same text, and no command in a log


# Markdown: entities for what would be HTML, a backslash before what would be Markdown, and the
# starts of GitHub's bare autolinks (scheme ':', 'www.', '@' of an e-mail) broken the same way.
_MARKDOWN = {"&": "&amp;", "<": "&lt;", ">": "&gt;", **{c: "\\" + c for c in "\\`*_[]()!|~#:@"}}
_WWW = re.compile(r"(?i)(www)\.")
_BLOCK_START = re.compile(r"^([-+=]|\d+(?=[.)]))")  # a list item, a setext underline, an ordered list


def _block_start(match: re.Match[str]) -> str:
    start = match.group()
    return start + "\\" if start[0].isdigit() else "\\" + start


def markdown_text(text: str) -> str:
    """For GitHub-flavoured Markdown, in a paragraph, a heading or a table cell: it renders as the
    very text given (one line) and never as a link, an image, HTML, emphasis, a list, a code block
    or a new cell. Backslash escapes and entities render as the character itself, so clean names
    read the same."""
    text = "".join(_MARKDOWN.get(char, char) for char in visible(text))  # '[' escaped: no '##[' either
    if text.startswith(" "):
        text = "&#32;" + text[1:]  # four spaces would start a code block
    return _WWW.sub(r"\1\\.", _BLOCK_START.sub(_block_start, text))


def xml_text(text: str) -> str:
    """For XML text and attribute values (JUnit): characters XML 1.0 cannot hold even as a
    reference are shown as \\xNN. ElementTree escapes & < > and quotes itself, and writes no CDATA,
    so ']]>' needs nothing more."""
    return NOT_XML.sub(lambda m: _code(m.group()), printable(text))


def workflow_data(text: str) -> str:
    """The message after '::' in a GitHub workflow command (the rules of @actions/core): a line
    break would end the command and let the rest run as a command of its own."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def workflow_property(text: str) -> str:
    """A property value of a workflow command (file=, title=): also ':' and ',', which end it."""
    return workflow_data(text).replace(":", "%3A").replace(",", "%2C")


def sarif_text(text: str) -> str:
    """For a SARIF message's plain text: one visible line, and '[' ']' escaped with a backslash, as
    SARIF 2.1.0 (3.11.6) asks, so a name cannot become an embedded link in a viewer."""
    return visible(text).replace("[", "\\[").replace("]", "\\]")


def csv_cell(value: object) -> str:
    """A CSV cell (the csv module quotes it): a leading apostrophe on what a spreadsheet would run
    as a formula, as OWASP advises, and on a line of the cell that a CI log would run as a workflow
    command ('::' after blanks), for a report printed there. Line breaks stay, quoted: the cell
    round-trips. Other controls (ESC and so every terminal sequence) are shown escaped, and a
    name's '##[' as '##\\x5b': a CSV report printed to a terminal or a CI log must not run them."""
    if value is None:
        return ""
    text = visible(str(value), keep="\r\n").replace(LEGACY, "##\\x5b")
    if "::" in text:
        text = _COMMAND_LINE.sub(r"\1'\2", text)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


_COMMAND_LINE = re.compile(r"(^|[\r\n])([ \t]*::)")


def json_document(serialized: str) -> str:
    """A JSON document as json.dumps(ensure_ascii=False) wrote it. json escapes quotes and controls
    itself; left are a name's lone surrogates (which only a string can hold), written as the text
    \\xff, so the document is valid UTF-8, and '##[' spelled '##\\u005b', the very same string to
    every JSON reader, so a report printed into a CI log runs no command. One pass over the text,
    not one per string: clean documents come out unchanged."""
    if SURROGATE.search(serialized):
        serialized = SURROGATE.sub(lambda m: byte_text(m).replace("\\", "\\\\"), serialized)
    return serialized.replace(LEGACY, "##\\u005b")


def xml_document(serialized: str) -> str:
    """An XML document as written: '##[' (only ever in text or an attribute) spelled '##&#91;',
    the same text to every XML reader, so a report printed into a CI log runs no command."""
    return serialized.replace(LEGACY, "##&#91;")
