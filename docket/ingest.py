"""Paths in, raw documents out: walking, sniffing, size limits, binary detection, JSONL records.

Nothing here parses language. Every file or record that cannot be read becomes a `Rejection` with a
one-line reason, so nothing given by the user is silently dropped. `decode` turns bytes into text and
is shared with the clean stage.
"""

from __future__ import annotations

import codecs
import json
import os
import re
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import BinaryIO, Literal

from charset_normalizer import from_bytes

from docket.config import DEFAULT_SETTINGS, Settings
from docket.errors import InputError
from docket.model import RawDocument, Rejection

Kind = Literal["txt", "html", "jsonl"]
Item = RawDocument | Rejection

EXTENSIONS: dict[str, Kind] = {".txt": "txt", ".html": "html", ".htm": "html", ".jsonl": "jsonl"}
JSONL_FIELDS = ("id", "text", "html", "title", "published", "url", "outlet", "author")
SNIFF_BYTES = 8192
_CHUNK = 1 << 20

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16: the UTF-32 LE BOM starts with the UTF-16 LE one
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_MAGIC = (b"\x89PNG", b"%PDF", b"PK\x03\x04", b"GIF8", b"\xff\xd8\xff", b"\x1f\x8b", b"\x7fELF")
_HTML_START = re.compile(rb"<!doctype\s+html|<!--|<\?xml|<(?:html|head|body|meta|title|p|div)[\s>]", re.I)
_HTML_ANYWHERE = re.compile(rb"<(?:html|body)[\s>]", re.I)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_ISO_PARTIAL = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?)?)?")


def read_inputs(paths: Sequence[str | Path], settings: Settings = DEFAULT_SETTINGS) -> Iterator[Item]:
    """Every document under `paths` (files, and directories walked recursively in sorted order)."""
    for given in paths:
        path = Path(given)
        ref = str(given)
        if path.is_dir():
            yield from _read_dir(path, ref, settings)
        elif path.exists() or path.is_symlink():
            kind = EXTENSIONS.get(path.suffix.lower())
            yield from _read_file(path, ref, kind, settings)
        else:
            yield Rejection(ref, "no such file or directory")


def _read_dir(root: Path, ref: str, settings: Settings) -> Iterator[Item]:
    found: list[str] = []
    errors: list[OSError] = []  # os.walk skips unreadable folders unless told to report them
    for dirpath, dirnames, filenames in os.walk(root, onerror=errors.append):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]  # hidden dirs: .git, .cache ...
        rel_dir = Path(dirpath).relative_to(root)
        found.extend((rel_dir / f).as_posix() for f in filenames if not f.startswith("."))
    prefix = ref if ref.endswith(("/", os.sep)) else ref + "/"
    for e in errors:
        where = Path(e.filename).relative_to(root).as_posix() if e.filename else "."
        yield Rejection(prefix + where if where != "." else ref, f"cannot read folder: {e.strerror or e}")
    for rel in sorted(found):
        path = root / rel
        kind = EXTENSIONS.get(path.suffix.lower())
        file_ref = prefix + rel
        if kind is None:
            shown = path.suffix.lower() or "(no extension)"
            yield Rejection(
                file_ref, f"unsupported file type '{shown}' (docket reads .txt, .html, .htm, .jsonl)"
            )
        else:
            yield from _read_file(path, file_ref, kind, settings)


def _read_file(path: Path, ref: str, kind: Kind | None, settings: Settings) -> Iterator[Item]:
    try:
        st = path.stat()
    except OSError as e:
        yield Rejection(ref, f"cannot read: {e.strerror or e}")
        return
    if not path.is_file():
        yield Rejection(ref, "not a regular file")
        return
    if st.st_size == 0:
        yield Rejection(ref, "empty file")
        return
    if kind != "jsonl" and st.st_size > settings.max_bytes:
        # stat first: an oversize file is never read into memory
        yield Rejection(ref, f"file is {_size(st.st_size)}, over the limit of {_size(settings.max_bytes)}")
        return
    try:
        with path.open("rb") as f:
            if kind == "jsonl":
                yield from _read_jsonl(f, ref, settings)
                return
            data = f.read(settings.max_bytes + 1)
    except OSError as e:
        yield Rejection(ref, f"cannot read: {e.strerror or e}")
        return
    if len(data) > settings.max_bytes:  # the file grew after stat
        yield Rejection(ref, f"file is over the limit of {_size(settings.max_bytes)}")
    elif not data:
        yield Rejection(ref, "empty file")
    elif is_binary(data[:SNIFF_BYTES]):
        yield Rejection(ref, "binary file, not text")
    else:
        yield RawDocument(ref, kind or sniff_kind(data), data)


def _read_jsonl(f: BinaryIO, ref: str, settings: Settings) -> Iterator[Item]:
    head = f.read(SNIFF_BYTES)
    f.seek(0)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        yield Rejection(ref, "JSON Lines must be UTF-8; this file is UTF-16 (re-save it as UTF-8)")
        return
    if is_binary(head):
        yield Rejection(ref, "binary file, not text")
        return
    number = 0
    while True:
        line = f.readline(settings.max_bytes + 1)
        if not line:
            return
        number += 1
        line_ref = f"{ref}:{number}"
        if len(line) > settings.max_bytes and not line.endswith(b"\n"):
            while (rest := f.readline(_CHUNK)) and not rest.endswith(b"\n"):
                pass  # skip the rest of the oversize line without holding it
            yield Rejection(line_ref, f"line {number} is over the limit of {_size(settings.max_bytes)}")
            continue
        if number == 1 and line.startswith(codecs.BOM_UTF8):
            line = line[len(codecs.BOM_UTF8) :]
        line = line.rstrip(b"\r\n")
        if not line.strip():
            continue
        yield _jsonl_record(line, line_ref, number)


def _jsonl_record(line: bytes, line_ref: str, number: int) -> Item:
    try:
        record = json.loads(line.decode("utf-8"))
    except UnicodeDecodeError as e:
        return Rejection(
            line_ref, f"line {number} is not valid UTF-8 (byte {e.start + 1}); JSONL must be UTF-8"
        )
    except json.JSONDecodeError as e:
        return Rejection(line_ref, f"line {number} is not valid JSON: {e.msg} at column {e.colno}")
    if not isinstance(record, dict):
        return Rejection(line_ref, f"line {number} is a JSON {type(record).__name__}, not an object")
    given: dict[str, str] = {}
    for name in JSONL_FIELDS:
        value = record.get(name)
        if value is None:
            continue
        if not isinstance(value, str):
            return Rejection(
                line_ref, f'line {number}: field "{name}" must be a string, not {_json_type(value)}'
            )
        given[name] = value
    if not given.get("text", "").strip() and not given.get("html", "").strip():
        return Rejection(line_ref, f'line {number} has no "text" or "html" field with content')
    if "published" in given and iso_partial(given["published"]) is None:
        return Rejection(
            line_ref,
            f'line {number}: "published" is {given["published"]!r}, not YYYY, YYYY-MM or YYYY-MM-DD',
        )
    ref = given["id"] if given.get("id", "").strip() else line_ref
    return RawDocument(ref, "jsonl", line, tuple(sorted(given.items())))


def iso_partial(value: str) -> str | None:
    """`value` as an ISO partial date (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`), or None when it is not one.

    A full ISO timestamp is cut to its date; impossible dates (month 13, 31 April) are refused.
    """
    m = _ISO_PARTIAL.fullmatch(value.strip())
    if not m:
        return None
    year, month, day = m.group(1), m.group(2), m.group(3)
    try:
        date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return None
    return "-".join(p for p in (year, month, day) if p)


def is_binary(sample: bytes) -> bool:
    """True for bytes that are not text: known file signatures, NUL bytes, or many control bytes."""
    if sample.startswith(tuple(bom for bom, _ in _BOMS)):
        return False
    if sample.startswith(_MAGIC):
        return True
    if _utf16_without_bom(sample):
        return False
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if (b < 32 and b not in (9, 10, 12, 13)) or b == 127)
    return controls > max(8, len(sample) // 20)


def _utf16_without_bom(sample: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when every other byte is NUL, as in BOM-less UTF-16 of Latin text."""
    if len(sample) < 4:
        return None
    half = len(sample) // 2
    even_nul = sample[0::2].count(0) / half
    odd_nul = sample[1::2].count(0) / half
    if odd_nul > 0.6 and even_nul < 0.05:
        return "utf-16-le"
    if even_nul > 0.6 and odd_nul < 0.05:
        return "utf-16-be"
    return None


def sniff_kind(data: bytes) -> Kind:
    """'html' when the start of `data` looks like markup, else 'txt'."""
    head = data[:SNIFF_BYTES].lstrip()
    return "html" if _HTML_START.match(head) or _HTML_ANYWHERE.search(head) else "txt"


def decode(data: bytes, ref: str, declared: str | None = None) -> str:
    """Bytes to text with newlines normalised to `\\n`; raises InputError when no encoding fits.

    Order: a byte-order mark, strict UTF-8, the `declared` charset (an HTML meta tag), UTF-16 without
    a BOM, then charset-normalizer's best guess, preferring cp1252 among equally plausible guesses
    (short Western texts are otherwise often read as cp1250 and their accents silently change).
    """
    text = _decode(data, ref, declared)
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")


def _decode(data: bytes, ref: str, declared: str | None) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as e:
                reason = f"cannot decode: broken {encoding} after its byte-order mark ({e.reason})"
                raise InputError(ref, reason) from e
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if declared:
        try:
            return data.decode(declared)
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown declaration: guess instead
    utf16 = _utf16_without_bom(data[:SNIFF_BYTES])
    if utf16:
        try:
            return data.decode(utf16)
        except UnicodeDecodeError:
            pass
    results = from_bytes(data)
    best = results.best()
    if best is None:
        raise InputError(ref, "cannot decode: not UTF-8 and no legacy encoding fits (is it a text file?)")
    for match in results:
        if match.chaos <= best.chaos + 0.01 and "cp1252" in match.could_be_from_charset:
            try:
                return data.decode("cp1252")
            except UnicodeDecodeError:
                break
    return str(best)


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a meta tag near its top, if any."""
    m = _META_CHARSET.search(data[:SNIFF_BYTES])
    return m.group(1).decode("ascii") if m else None


def _size(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.1f} MB"
    if n >= 1024:
        return f"{n / 1024:.1f} KB"
    return f"{n} bytes"


def _json_type(value: object) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, list):
        return "a list"
    return "an object"
