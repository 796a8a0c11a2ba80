"""Ingest: walking, sniffing, limits, binary detection, JSONL records and decoding, on inputs written here."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from docket.config import Settings
from docket.errors import InputError
from docket.ingest import decode, is_binary, iso_partial, read_inputs, sniff_kind
from docket.model import RawDocument, Rejection

ARTICLE = "Police in Marenport detained at least 40 people on Monday night, the league said.\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00" * 4


def _all(paths: list[str | Path], settings: Settings | None = None) -> list[RawDocument | Rejection]:
    return list(read_inputs(paths, settings) if settings else read_inputs(paths))


def test_ingest_directory_is_walked_sorted_recursively_and_skips_hidden(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    (root / "sub").mkdir(parents=True)
    (root / ".git").mkdir()
    (root / "b.txt").write_text(ARTICLE)
    (root / "a.html").write_text("<html><body><p>x</p></body></html>")
    (root / "sub" / "c.HTM").write_text("<p>y</p>")
    (root / "sub" / "d.jsonl").write_text(json.dumps({"id": "rec-1", "text": ARTICLE}) + "\n")
    (root / ".hidden.txt").write_text(ARTICLE)
    (root / ".git" / "config.txt").write_text(ARTICLE)
    (root / "report.pdf").write_bytes(b"%PDF-1.4")

    items = _all([str(root)])

    assert [i.ref for i in items] == [
        f"{root}/a.html",
        f"{root}/b.txt",
        f"{root}/report.pdf",
        f"{root}/sub/c.HTM",
        "rec-1",
    ]
    assert [i.kind for i in items if isinstance(i, RawDocument)] == ["html", "txt", "html", "jsonl"]
    pdf = items[2]
    assert isinstance(pdf, Rejection)
    assert pdf.reason == "unsupported file type '.pdf' (docket reads .txt, .html, .htm, .jsonl)"


def test_ingest_ref_keeps_the_directory_as_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "in" / "x").mkdir(parents=True)
    (tmp_path / "in" / "x" / "a.txt").write_text(ARTICLE)
    monkeypatch.chdir(tmp_path)
    assert [i.ref for i in _all(["in/"])] == ["in/x/a.txt"]
    assert [i.ref for i in _all(["./in"])] == ["./in/x/a.txt"]


def test_ingest_explicit_file_with_unknown_extension_is_sniffed(tmp_path: Path) -> None:
    page = tmp_path / "page.php"
    page.write_text("  <!DOCTYPE html><html><body><p>Text</p></body></html>")
    note = tmp_path / "note"
    note.write_text(ARTICLE)
    items = _all([page, note])
    assert [(i.ref, i.kind) for i in items if isinstance(i, RawDocument)] == [
        (str(page), "html"),
        (str(note), "txt"),
    ]
    assert items[0].data == page.read_bytes()


def test_ingest_missing_path_is_rejected(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    assert _all([missing]) == [Rejection(str(missing), "no such file or directory")]


def test_ingest_empty_file_is_rejected(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    assert _all([tmp_path / "empty.txt"]) == [Rejection(str(tmp_path / "empty.txt"), "empty file")]


def test_ingest_png_renamed_txt_is_binary(tmp_path: Path) -> None:
    (tmp_path / "photo.txt").write_bytes(PNG)
    (tmp_path / "nul.txt").write_bytes(b"some text\x00\x00with nul bytes" * 10)
    items = _all([tmp_path])
    assert [i.reason for i in items if isinstance(i, Rejection)] == ["binary file, not text"] * 2


def test_ingest_oversize_file_is_rejected_without_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    big = tmp_path / "big.txt"
    big.write_text(ARTICLE * 10)

    def no_open(*args: object, **kwargs: object) -> None:
        raise AssertionError("an oversize file was opened")

    monkeypatch.setattr(Path, "open", no_open)
    [item] = _all([big], Settings(max_bytes=100))
    assert isinstance(item, Rejection)
    assert item.reason == f"file is {len(ARTICLE) * 10} bytes, over the limit of 100 bytes"


def test_ingest_unreadable_file_is_rejected(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    f = tmp_path / "locked.txt"
    f.write_text(ARTICLE)

    def denied(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", denied)  # tests may run as root, where chmod 000 still reads
    assert _all([f]) == [Rejection(str(f), "cannot read: Permission denied")]


def test_ingest_jsonl_bad_lines_are_rejected_and_good_ones_kept(tmp_path: Path) -> None:
    path = tmp_path / "records.jsonl"
    lines = [
        json.dumps({"id": "r1", "text": ARTICLE, "title": "A Title", "tags": ["ignored"]}),
        "",
        '{"id": "r3" "text": "x"}',
        "[1, 2]",
        json.dumps({"id": "r5", "title": "no body"}),
        json.dumps({"text": ARTICLE, "author": 7}),
        json.dumps({"text": ARTICLE, "published": "June 2020"}),
        json.dumps({"text": ARTICLE, "published": "2020-02-30"}),
        json.dumps(
            {"html": "<p>Body</p>", "published": "2020-06-03T10:00:00Z", "url": "https://x.example/a"}
        ),
        "   ",
    ]
    path.write_text("\n".join(lines) + "\n")
    items = _all([path])
    p = str(path)
    assert [(i.ref, getattr(i, "reason", None)) for i in items] == [
        ("r1", None),
        (f"{p}:3", "line 3 is not valid JSON: Expecting ',' delimiter at column 13"),
        (f"{p}:4", "line 4 is a JSON list, not an object"),
        (f"{p}:5", 'line 5 has no "text" or "html" field with content'),
        (f"{p}:6", 'line 6: field "author" must be a string, not a number'),
        (f"{p}:7", "line 7: \"published\" is 'June 2020', not YYYY, YYYY-MM or YYYY-MM-DD"),
        (f"{p}:8", "line 8: \"published\" is '2020-02-30', not YYYY, YYYY-MM or YYYY-MM-DD"),
        (f"{p}:9", None),
    ]
    first, last = items[0], items[-1]
    assert isinstance(first, RawDocument) and isinstance(last, RawDocument)
    assert first.kind == "jsonl" and first.data == lines[0].encode()
    assert first.given == (("id", "r1"), ("text", ARTICLE), ("title", "A Title"))
    assert last.given_field("url") == "https://x.example/a"


def test_ingest_jsonl_oversize_line_is_skipped_and_reading_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    huge = json.dumps({"text": "word " * 200})
    small = json.dumps({"id": "ok", "text": ARTICLE})
    path.write_text(huge + "\n" + small + "\n")
    items = _all([path], Settings(max_bytes=300))
    assert items[0] == Rejection(f"{path}:1", "line 1 is over the limit of 300 bytes")
    assert isinstance(items[1], RawDocument) and items[1].ref == "ok"
    assert len(items) == 2


def test_ingest_jsonl_with_bom_invalid_utf8_and_utf16(tmp_path: Path) -> None:
    bom = tmp_path / "bom.jsonl"
    bom.write_bytes(b"\xef\xbb\xbf" + json.dumps({"id": "b", "text": ARTICLE}).encode() + b"\r\n")
    latin = tmp_path / "latin.jsonl"
    latin.write_bytes('{"text": "Zoë Marchetti"}\n'.encode("cp1252"))
    wide = tmp_path / "wide.jsonl"
    wide.write_bytes(json.dumps({"text": ARTICLE}).encode("utf-16"))
    items = _all([bom, latin, wide])
    assert isinstance(items[0], RawDocument) and items[0].ref == "b"
    assert items[1] == Rejection(f"{latin}:1", "line 1 is not valid UTF-8 (byte 13); JSONL must be UTF-8")
    assert items[2] == Rejection(
        str(wide), "JSON Lines must be UTF-8; this file is UTF-16 (re-save it as UTF-8)"
    )


def test_ingest_utf16_text_file_is_accepted(tmp_path: Path) -> None:
    f = tmp_path / "wide.txt"
    f.write_bytes("Zoë Marchetti was detained in Valdoria.\n".encode("utf-16"))
    [item] = _all([f])
    assert isinstance(item, RawDocument)
    assert decode(item.data, item.ref) == "Zoë Marchetti was detained in Valdoria.\n"


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        (
            "Zoë Marchetti told the café owner in Valdoria that the “arrests” — all 12 — were unlawful.",
            "cp1252",
        ),
        ("Renée Dubois and José Alvarès were détenus à Montclair.", "latin-1"),
        ("Журналист Иван Петров был задержан в городе Новоград полицией.", "cp1251"),
        ("Zoë Marchetti était arrêtée à Valdoria.", "utf-8-sig"),
        ("Zoë Marchetti — Štefan Polák — 12 détenus", "utf-16"),
        ("Zoë Marchetti — Štefan Polák", "utf-32"),
        ("Zoë Marchetti — Štefan Polák", "utf-16-le"),  # no byte-order mark
    ],
)
def test_ingest_decode_legacy_and_bom_encodings(text: str, encoding: str) -> None:
    assert decode(text.encode(encoding), "t.txt") == text


def test_ingest_decode_normalises_newlines_and_uses_declared_charset() -> None:
    assert decode(b"one\r\ntwo\rthree\n", "t.txt") == "one\ntwo\nthree\n"
    assert decode("Škoda".encode("cp1250"), "p.html", declared="windows-1250") == "Škoda"


def test_ingest_decode_raises_when_nothing_fits() -> None:
    with pytest.raises(InputError) as err:
        decode(bytes(range(128, 256)) * 3, "odd.txt")
    assert err.value.ref == "odd.txt"
    assert err.value.reason.startswith("cannot decode: ")


def test_ingest_sniff_and_binary_helpers() -> None:
    assert sniff_kind(b"\n <html lang='en'><head></head></html>") == "html"
    assert sniff_kind(b"<3 this is a txt with a heart <p>") == "txt"
    assert sniff_kind(b"Plain words.") == "txt"
    assert is_binary(PNG)
    assert is_binary(bytes(range(1, 9)) * 20)
    assert not is_binary("tab\tand “quotes”\r\n".encode())
    assert not is_binary("wide".encode("utf-16"))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2020", "2020"),
        ("2020-06", "2020-06"),
        ("2020-06-03", "2020-06-03"),
        ("2020-06-03T10:00:00+02:00", "2020-06-03"),
        ("2020-13", None),
        ("2021-02-29", None),
        ("June 2020", None),
        ("20", None),
    ],
)
def test_ingest_iso_partial(value: str, expected: str | None) -> None:
    assert iso_partial(value) == expected


def test_ingest_unreadable_folder_is_rejected(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "locked").mkdir()
    (tmp_path / "a.txt").write_text(ARTICLE)
    real_scandir = os.scandir

    def scandir(path: object) -> object:
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)  # as root, chmod 000 would not stop the walk
    items = _all([tmp_path])
    assert items[0] == Rejection(f"{tmp_path}/locked", "cannot read folder: Permission denied")
    assert isinstance(items[1], RawDocument)
