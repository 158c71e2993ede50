"""Bad input to ``kg build``: every bad file gets one clear line, every good file is still built.

Complements tests/test_sources.py and tests/test_build.py (empty, binary, cp1252, broken
sidecar, bad JSON lines, duplicates) with what they leave out: other legacy encodings,
byte order marks, size limits, truncated files, pipes, binary data without NUL bytes,
surrogate escapes, unreadable sidecars, and one build that meets all of it at once.
The articles are invented German news text written for these tests.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from kg.model import SourceArticle, SourceError
from kg.sources import read_paths
from kg.sources.limits import DEFAULT_MAX_ARTICLE_BYTES, LIMIT_ENV, max_article_bytes
from kg.store import KGStore

Kg = Callable[..., Result]

TEXT = (
    "Hannover. Wirtschaftsministerin Petra Lindqvist hat höhere Zuschüsse für Wärmepumpen angekündigt. "
    "„Wir lassen die Hausbesitzer nicht allein“, sagte Lindqvist am Freitag im Landtag. "
    "Die Grünen begrüßten den Schritt.\n"
)
ROOT = os.name == "posix" and os.geteuid() == 0


def read_all(*paths: Path) -> tuple[list[SourceArticle], list[SourceError]]:
    items = list(read_paths(list(paths)))
    return ([i for i in items if isinstance(i, SourceArticle)], [i for i in items if isinstance(i, SourceError)])


def put(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def record(article_id: str, text: str = TEXT) -> str:
    return json.dumps({"id": article_id, "text": text}, ensure_ascii=False)


# --- encodings ---------------------------------------------------------------------------------


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_bad_input_utf16_with_bom_is_read_exactly(tmp_path: Path, codec: str) -> None:
    bom = {"utf-16": b"", "utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}[codec]
    path = put(tmp_path / "sechzehn.txt", bom + TEXT.encode(codec))
    articles, errors = read_all(path)
    assert [a.text for a in articles] == [TEXT]
    assert len(errors) == 1 and "utf-16" in errors[0].problem and not errors[0].fatal


def test_bad_input_latin1_umlauts_survive(tmp_path: Path) -> None:
    path = put(tmp_path / "alt.txt", TEXT.replace("„", '"').replace("“", '"').encode("latin-1"))
    articles, errors = read_all(path)
    assert "Zuschüsse für Wärmepumpen" in articles[0].text
    assert len(errors) == 1 and "UTF-8" in errors[0].hint


def test_bad_input_binary_without_nul_bytes_is_refused(tmp_path: Path) -> None:
    # Latin-1 decodes any bytes, so control characters must give binary data away.
    noise = bytes(range(1, 32)) * 40 + bytes(range(128, 256)) * 10
    articles, errors = read_all(put(tmp_path / "rauschen.txt", noise))
    assert articles == []
    assert len(errors) == 1 and "binary" in errors[0].problem and errors[0].fatal


def test_bad_input_utf8_text_with_nul_is_binary(tmp_path: Path) -> None:
    articles, errors = read_all(put(tmp_path / "nul.txt", TEXT + "\x00" * 8))
    assert articles == [] and "NUL" in errors[0].problem


def test_bad_input_truncated_utf8_at_end_keeps_the_text(tmp_path: Path) -> None:
    data = TEXT.encode("utf-8") + "Größe".encode()[:3]  # cut inside the "ö"
    articles, errors = read_all(put(tmp_path / "abgeschnitten.txt", data))
    assert articles[0].text.startswith(TEXT) and articles[0].text.endswith("\ufffd")
    assert len(errors) == 1 and not errors[0].fatal


# --- sizes -------------------------------------------------------------------------------------


def test_bad_input_limit_defaults_and_env_override(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(LIMIT_ENV, raising=False)
    assert max_article_bytes() == DEFAULT_MAX_ARTICLE_BYTES
    monkeypatch.setenv(LIMIT_ENV, "1234")
    assert max_article_bytes() == 1234
    monkeypatch.setenv(LIMIT_ENV, "viel")
    assert max_article_bytes() == DEFAULT_MAX_ARTICLE_BYTES


def test_bad_input_enormous_txt_is_refused_with_the_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(LIMIT_ENV, "2000")
    big = put(tmp_path / "riesig.txt", TEXT * 20)
    small = put(tmp_path / "klein.txt", TEXT)
    articles, errors = read_all(big, small)
    assert [a.id for a in articles] == ["klein"]
    assert len(errors) == 1 and errors[0].origin == str(big)
    assert "limit" in errors[0].problem and LIMIT_ENV in errors[0].hint


def test_bad_input_enormous_jsonl_line_is_skipped_others_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(LIMIT_ENV, "2000")
    path = put(tmp_path / "feed.jsonl", "\n".join([record("a"), record("riesig", TEXT * 20), record("b")]) + "\n")
    articles, errors = read_all(path)
    assert [a.id for a in articles] == ["a", "b"]
    assert len(errors) == 1 and errors[0].origin == f"{path}:2" and "limit" in errors[0].problem


def test_bad_input_enormous_sidecar_is_refused_article_built(tmp_path: Path) -> None:
    path = put(tmp_path / "a.txt", TEXT)
    put(tmp_path / "a.json", '{"title": "' + "x" * 1_100_000 + '"}')
    articles, errors = read_all(path)
    assert len(articles) == 1 and articles[0].title is None
    assert len(errors) == 1 and "limit" in errors[0].problem and errors[0].fatal


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_bad_input_pipe_named_txt_does_not_block(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "rohr.txt")
    articles, errors = read_all(tmp_path / "rohr.txt")
    assert articles == [] and "not a regular file" in errors[0].problem


# --- JSON lines and sidecars -------------------------------------------------------------------


def test_bad_input_jsonl_cut_off_mid_record_reports_last_line(tmp_path: Path) -> None:
    full = "\n".join([record("a"), record("b")])
    path = put(tmp_path / "feed.jsonl", full[: len(full) - 40])  # a download that stopped early
    articles, errors = read_all(path)
    assert [a.id for a in articles] == ["a"]
    assert len(errors) == 1 and errors[0].origin == f"{path}:2" and "cut short" in errors[0].problem


def test_bad_input_jsonl_with_utf8_bom_reads_first_record(tmp_path: Path) -> None:
    path = put(tmp_path / "feed.jsonl", b"\xef\xbb\xbf" + f"{record('a')}\n{record('b')}\n".encode())
    articles, errors = read_all(path)
    assert [a.id for a in articles] == ["a", "b"] and errors == []


def test_bad_input_jsonl_utf16_is_read_with_a_warning(tmp_path: Path) -> None:
    path = put(tmp_path / "feed.jsonl", f"{record('a')}\n{record('b')}\n".encode("utf-16"))
    articles, errors = read_all(path)
    assert [a.text for a in articles] == [TEXT, TEXT]
    assert len(errors) == 1 and "UTF-16" in errors[0].problem and not errors[0].fatal


def test_bad_input_jsonl_surrogate_escape_is_replaced_offsets_kept(tmp_path: Path) -> None:
    line = '{"id": "s", "text": "Er sagte \\ud800 nichts."}'
    articles, errors = read_all(put(tmp_path / "feed.jsonl", line + "\n"))
    assert articles[0].text == "Er sagte \ufffd nichts."
    assert len(errors) == 1 and "surrogate" in errors[0].problem
    articles[0].text.encode("utf-8")  # the store needs text UTF-8 can hold


def test_bad_input_jsonl_deeply_nested_line_is_an_error(tmp_path: Path) -> None:
    path = put(tmp_path / "feed.jsonl", "[" * 100_000 + "\n" + record("a") + "\n")
    articles, errors = read_all(path)
    assert [a.id for a in articles] == ["a"]
    assert len(errors) == 1 and errors[0].origin == f"{path}:1"


def test_bad_input_jsonl_only_blank_lines_is_empty(tmp_path: Path) -> None:
    articles, errors = read_all(put(tmp_path / "feed.jsonl", "\n \n\t\n"))
    assert articles == [] and "empty" in errors[0].problem


@pytest.mark.parametrize("content", ["", "{", '{"published": "2025-01-03",', "null", "[1, 2]"])
def test_bad_input_broken_sidecar_is_fatal_but_article_built(tmp_path: Path, content: str) -> None:
    path = put(tmp_path / "a.txt", TEXT)
    put(tmp_path / "a.json", content)
    articles, errors = read_all(path)
    assert [a.id for a in articles] == ["a"]
    assert len(errors) == 1 and errors[0].fatal and errors[0].origin == str(tmp_path / "a.json")
    assert "without its metadata" in errors[0].hint or "write {" in errors[0].hint


def test_bad_input_sidecar_with_bom_or_cp1252_is_read(tmp_path: Path) -> None:
    first = put(tmp_path / "a.txt", TEXT)
    put(tmp_path / "a.json", b"\xef\xbb\xbf" + json.dumps({"title": "Zuschüsse"}, ensure_ascii=False).encode())
    second = put(tmp_path / "b.txt", TEXT)
    put(tmp_path / "b.json", json.dumps({"title": "Wärme"}, ensure_ascii=False).encode("cp1252"))
    articles, errors = read_all(first, second)
    assert [a.title for a in articles] == ["Zuschüsse", "Wärme"]
    assert len(errors) == 1 and "cp1252" in errors[0].problem and not errors[0].fatal


@pytest.mark.skipif(ROOT or os.name != "posix", reason="root reads every file")
def test_bad_input_unreadable_sidecar_is_reported(tmp_path: Path) -> None:
    path = put(tmp_path / "a.txt", TEXT)
    meta = put(tmp_path / "a.json", '{"title": "Geheim"}')
    meta.chmod(0)
    try:
        articles, errors = read_all(path)
    finally:
        meta.chmod(0o644)
    assert len(articles) == 1 and articles[0].title is None
    assert errors[0].origin == str(meta) and "permission" in errors[0].problem.lower()


# --- the whole build ---------------------------------------------------------------------------


def test_bad_input_build_lists_each_bad_file_once_and_builds_the_good(kg: Kg, tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(LIMIT_ENV, "5000")
    folder = tmp_path / "in"
    put(folder / "gut.txt", TEXT)
    put(folder / "leer.txt", "")
    put(folder / "bild.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    put(folder / "riesig.txt", TEXT * 30)
    put(folder / "mitkaputtermeta.txt", TEXT.replace("Hannover", "Bremen"))
    put(folder / "mitkaputtermeta.json", '{"published": ')
    put(folder / "alt.txt", TEXT.replace("„", '"').replace("“", '"').encode("cp1252"))
    put(folder / "feed.jsonl", "\n".join([record("feed-gut"), record("gut"), '{"id": "halb", "te']))
    unreadable = put(folder / "geheim.txt", TEXT)
    unreadable.chmod(0)
    try:
        result = kg("build", folder, "--store", tmp_path / "store")
    finally:
        unreadable.chmod(0o644)

    assert result.exit_code == 1
    assert "Traceback" not in result.output
    problems = [line for line in result.stderr.splitlines() if line.startswith("  problem")]
    expected = {"leer.txt": "empty", "bild.txt": "binary", "riesig.txt": "limit", "mitkaputtermeta.json": "JSON",
                "alt.txt": "cp1252", "feed.jsonl:2": "duplicate", "feed.jsonl:3": "JSON"}
    if not ROOT:
        expected["geheim.txt"] = "permission"
    for name, word in expected.items():
        lines = [p for p in problems if f"{os.sep}{name}:" in p or f"{os.sep}{name} " in p]
        assert len(lines) == 1 and word in lines[0], (name, problems)
    assert len(problems) == len(expected)
    store = KGStore(tmp_path / "store", read_only=True)
    ids = {r["id"].value for r in store.select("SELECT ?id WHERE { ?a a nkg:Article ; dcterms:identifier ?id }")}
    assert {"gut", "mitkaputtermeta", "alt", "feed-gut"} <= ids
    assert not ids & {"leer", "bild", "riesig", "halb"}
