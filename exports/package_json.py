"""A package's JSON lists read one record at a time, and what the records kept so far hold in memory."""
from __future__ import annotations

import codecs
import json
import re
import sys
from typing import Iterator

BLOCK = 1 << 20
MARGIN = 8  # a value ending this close to the end of the text read so far may go on (a number cut short: 12|3)
SPACE = re.compile(r"[ \t\n\r]*")
SHARED = 64  # strings up to this long are kept once however often they come (uuids pointed at, codes, names)


class TooLong(Exception):
    """One element of the list is longer than allowed."""


class NotAList(ValueError):
    """The text is not a JSON list at all."""


def refuse_constant(text):
    """NaN and Infinity are not JSON: refused wherever a package's JSON is parsed."""
    raise ValueError(f"{text} is not allowed")


class _Text:
    """The decoded text of a stream, read a block at a time; what lies before `pos` is let go."""

    def __init__(self, stream):
        self.stream, self.decode = stream, codecs.getincrementaldecoder("utf-8")().decode
        self.text, self.pos, self.ended = "", 0, False

    def fill(self, need: int) -> None:
        """At least `need` characters past pos, or all there is."""
        while len(self.text) - self.pos < need and not self.ended:
            block = self.stream.read(BLOCK)
            self.ended = not block
            self.text, self.pos = self.text[self.pos:] + self.decode(block, final=self.ended), 0

    def next_char(self) -> str:
        """Past whitespace: the next character (not taken), "" at the end."""
        while True:
            self.pos = SPACE.match(self.text, self.pos).end()
            if self.pos < len(self.text) or self.ended:
                return self.text[self.pos:self.pos + 1]
            self.fill(1)

    def value(self, parse, limit: int):
        """One JSON value parsed where the text stands, reading on while the block's end may have cut it short."""
        while True:
            text, start = self.text, self.pos
            try:
                value, end = parse(text, start)
                if end + MARGIN < len(text) or self.ended:
                    self.pos = end
                    return value
            except RecursionError as e:
                raise ValueError("nested too deeply") from e
            except json.JSONDecodeError as e:
                cut = e.pos + MARGIN >= len(text) or e.msg.startswith("Unterminated string")
                if self.ended or not cut:
                    raise
            if len(text) - start > limit:
                raise TooLong()
            self.fill(max(2 * (len(text) - start), BLOCK))  # doubling: a long element is parsed O(log n) times


def elements(stream, limit: int) -> Iterator[object]:
    """The elements of the JSON list a UTF-8 byte stream holds, parsed one at a time: what is in memory is one
    element's text (at most `limit` characters, TooLong past it) and a block, never the whole list.
    ValueError when the text is not one JSON list (or not UTF-8)."""
    parse = json.JSONDecoder(parse_constant=refuse_constant).raw_decode
    text = _Text(stream)
    if text.next_char() != "[":
        raise NotAList()
    text.pos += 1
    if text.next_char() == "]":
        text.pos += 1
    else:
        while True:
            text.next_char()
            yield text.value(parse, limit)
            found = text.next_char()
            text.pos += 1
            if found == "]":
                break
            if found != ",":
                raise ValueError("expected , or ]")
    if text.next_char():
        raise ValueError("text after the list")


class Held:
    """What the records read so far keep in memory, in bytes; short strings met again are shared, not kept twice."""

    def __init__(self, limit: int):
        self.limit, self.bytes = limit, 0
        self.strings: dict[str, str] = {}

    def keep(self, record: dict) -> bool:
        """Count a typed record in (sharing its strings); False once all of them pass the limit."""
        self.bytes += self._size(record)
        return self.bytes <= self.limit

    def _size(self, value) -> int:
        size = sys.getsizeof(value)
        for key, item in (value.items() if isinstance(value, dict) else enumerate(value)):
            if isinstance(item, (dict, list)):
                size += self._size(item)
            elif isinstance(item, str) and len(item) <= SHARED:
                shared = self.strings.setdefault(item, item)
                if shared is item:
                    size += sys.getsizeof(item) + 50  # its place in the table of shared strings too
                else:
                    value[key] = shared
            elif isinstance(item, str):
                size += sys.getsizeof(item)
        return size
