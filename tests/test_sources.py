"""Reading articles from .txt (+ sidecar), .jsonl and .html files and folders."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import pytest

from kg.model import SourceArticle, SourceError
from kg.sources import read_paths

ARTICLE = (
    "Scholz telefoniert mit Macron\n"
    "Berlin (dpa) – Bundeskanzler Olaf Scholz hat am Dienstag mit dem französischen "
    "Präsidenten Emmanuel Macron telefoniert.\r\n"
    "„Wir sind uns einig“, sagte Scholz nach dem Gespräch.\n\n"
    "  Das Gespräch dauerte nach Angaben eines Sprechers rund eine Stunde.  \n"
)


def read_all(*paths: Path) -> tuple[list[SourceArticle], list[SourceError]]:
    items = list(read_paths(list(paths)))
    articles = [i for i in items if isinstance(i, SourceArticle)]
    errors = [i for i in items if isinstance(i, SourceError)]
    assert len(articles) + len(errors) == len(items)
    return articles, errors


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))
    return path


def sidecar(path: Path, meta: dict[str, object]) -> None:
    write(path.with_suffix(".json"), json.dumps(meta, ensure_ascii=False))


# --- .txt ---------------------------------------------------------------------------------------


def test_txt_text_kept_exactly_as_read(tmp_path: Path) -> None:
    text = "\ufeff" + ARTICLE  # a byte order mark and CRLF stay: offsets count into the raw file
    path = write(tmp_path / "scholz-macron.txt", text)
    articles, errors = read_all(path)
    assert errors == []
    assert articles[0].text == text
    assert articles[0].id == "scholz-macron"
    assert articles[0].origin == str(path)
    assert articles[0].published is None


def test_txt_sidecar_metadata_is_read(tmp_path: Path) -> None:
    path = write(tmp_path / "a1.txt", ARTICLE)
    meta = {
        "published": "2024-03-12",
        "title": "Scholz telefoniert",
        "source": "Beispielblatt",
        "url": "https://beispielblatt.de/a1",
        "language": "de",
    }
    sidecar(path, meta)
    articles, errors = read_all(tmp_path)
    assert errors == []
    assert len(articles) == 1  # the sidecar is no article of its own
    article = articles[0]
    assert article.published == date(2024, 3, 12)
    assert (article.title, article.source, article.url, article.language) == (
        "Scholz telefoniert",
        "Beispielblatt",
        "https://beispielblatt.de/a1",
        "de",
    )


def test_txt_broken_sidecar_reads_article_and_reports(tmp_path: Path) -> None:
    path = write(tmp_path / "a1.txt", ARTICLE)
    write(tmp_path / "a1.json", '{"published": "2024-03-12", "title": ')
    articles, errors = read_all(path)
    assert [a.id for a in articles] == ["a1"]
    assert articles[0].published is None
    assert len(errors) == 1
    assert errors[0].origin == str(tmp_path / "a1.json")
    assert "not valid JSON" in errors[0].problem


def test_txt_bad_published_keeps_other_fields(tmp_path: Path) -> None:
    path = write(tmp_path / "a1.txt", ARTICLE)
    sidecar(path, {"published": "12.03.2024", "title": "Telefonat"})
    articles, errors = read_all(path)
    assert articles[0].published is None
    assert articles[0].title == "Telefonat"
    assert len(errors) == 1 and "published" in errors[0].problem and "YYYY-MM-DD" in errors[0].hint


def test_txt_published_with_time_is_accepted(tmp_path: Path) -> None:
    path = write(tmp_path / "a1.txt", ARTICLE)
    sidecar(path, {"published": "2024-03-12T14:05:00+01:00"})
    articles, errors = read_all(path)
    assert errors == [] and articles[0].published == date(2024, 3, 12)


def test_txt_sidecar_not_an_object_is_reported(tmp_path: Path) -> None:
    path = write(tmp_path / "a1.txt", ARTICLE)
    write(tmp_path / "a1.json", '["2024-03-12"]')
    articles, errors = read_all(path)
    assert len(articles) == 1 and "not a JSON object" in errors[0].problem


def test_txt_cp1252_is_decoded_and_noted(tmp_path: Path) -> None:
    text = "Müller äußerte sich: „Größere Schritte“ – sagte er.\n"
    path = tmp_path / "alt.txt"
    path.write_bytes(text.encode("cp1252"))
    articles, errors = read_all(path)
    assert articles[0].text == text
    assert len(errors) == 1 and "cp1252" in errors[0].problem and "UTF-8" in errors[0].hint


def test_txt_mostly_utf8_with_stray_byte_keeps_umlauts(tmp_path: Path) -> None:
    path = tmp_path / "stray.txt"
    path.write_bytes("Über die Größe der Förderung wird gestritten, sagte Müller.".encode() + b" \x96 Ende\n")
    articles, errors = read_all(path)
    assert articles[0].text.startswith("Über die Größe der Förderung")
    assert "\ufffd" in articles[0].text
    assert len(errors) == 1


@pytest.mark.parametrize("content", [b"", b"  \n\t\r\n  "])
def test_txt_empty_file_is_an_error(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "leer.txt"
    path.write_bytes(content)
    articles, errors = read_all(path)
    assert articles == []
    assert len(errors) == 1 and "empty" in errors[0].problem and errors[0].hint


def test_txt_binary_file_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "bild.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    articles, errors = read_all(path)
    assert articles == []
    assert len(errors) == 1 and "binary" in errors[0].problem


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads every file")
def test_txt_unreadable_file_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path / "geheim.txt", ARTICLE)
    path.chmod(0)
    try:
        articles, errors = read_all(path)
    finally:
        path.chmod(0o644)
    assert articles == [] and "permission" in errors[0].problem


def test_txt_unreadable_file_is_an_error_not_an_exception(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path / "geheim.txt", ARTICLE)
    original = Path.read_bytes

    def deny(self: Path) -> bytes:
        if self == path:
            raise PermissionError(13, "Permission denied", str(self))
        return original(self)

    monkeypatch.setattr(Path, "read_bytes", deny)
    articles, errors = read_all(path)
    assert articles == []
    assert errors[0].origin == str(path) and "permission" in errors[0].problem


def test_txt_boilerplate_is_filled(tmp_path: Path) -> None:
    text = "Abonnieren\nDer Minister sagte, man werde weiter verhandeln.\nTeilen\n"
    articles, _ = read_all(write(tmp_path / "a.txt", text))
    assert [s.text for s in articles[0].boilerplate] == ["Abonnieren", "Teilen"]
    assert all(text[s.begin : s.end] == s.text for s in articles[0].boilerplate)


# --- folders and dispatch -----------------------------------------------------------------------


def test_folder_is_walked_recursively_in_sorted_order(tmp_path: Path) -> None:
    write(tmp_path / "b" / "z.txt", "Zweiter Artikel über den Haushalt.")
    write(tmp_path / "b" / "a.txt", "Erster Artikel im Unterordner.")
    write(tmp_path / "m.txt", "Artikel im Hauptordner.")
    write(tmp_path / "a" / "c.txt", "Artikel in Ordner a.")
    write(tmp_path / "notizen.md", "# keine Nachricht")
    write(tmp_path / ".versteckt" / "x.txt", "Versteckte Datei.")
    write(tmp_path / "lone.json", '{"published": "2024-01-01"}')
    articles, errors = read_all(tmp_path)
    assert errors == []
    assert [a.id for a in articles] == ["c", "a", "z", "m"]


def test_folder_order_is_deterministic(tmp_path: Path) -> None:
    for name in ["q", "b", "x", "a", "k"]:
        write(tmp_path / f"{name}.txt", f"Artikel {name}.")
    first = [a.id for a in read_all(tmp_path)[0]]
    assert first == sorted(first) and first == [a.id for a in read_all(tmp_path)[0]]


def test_named_file_with_unsupported_suffix_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path / "bericht.pdf", "kein Text")
    articles, errors = read_all(path)
    assert articles == [] and "unsupported" in errors[0].problem and ".txt" in errors[0].hint


def test_named_lone_json_is_an_error_but_named_sidecar_is_not(tmp_path: Path) -> None:
    article = write(tmp_path / "a.txt", ARTICLE)
    sidecar(article, {"published": "2024-03-12"})
    lone = write(tmp_path / "lone.json", "{}")
    articles, errors = read_all(article, article.with_suffix(".json"), lone)
    assert [a.id for a in articles] == ["a"]
    assert [e.origin for e in errors] == [str(lone)]


def test_missing_path_is_an_error(tmp_path: Path) -> None:
    articles, errors = read_all(tmp_path / "gibt-es-nicht")
    assert articles == [] and "no such file" in errors[0].problem


def test_empty_folder_is_reported(tmp_path: Path) -> None:
    (tmp_path / "leer").mkdir()
    articles, errors = read_all(tmp_path / "leer")
    assert articles == [] and "no articles" in errors[0].problem


def test_same_file_twice_is_read_once(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", ARTICLE)
    articles, errors = read_all(tmp_path, path)
    assert [a.id for a in articles] == ["a"] and errors == []


def test_same_id_in_two_folders_reports_the_later(tmp_path: Path) -> None:
    write(tmp_path / "eins" / "a.txt", ARTICLE)
    second = write(tmp_path / "zwei" / "a.txt", "Ein anderer Artikel.")
    articles, errors = read_all(tmp_path)
    assert [a.text for a in articles] == [ARTICLE]
    assert errors[0].origin == str(second) and "duplicate id 'a'" in errors[0].problem


def test_string_paths_are_accepted(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", ARTICLE)
    assert [type(i) for i in read_paths([str(tmp_path)])] == [SourceArticle]


# --- .jsonl -------------------------------------------------------------------------------------


def jsonl(*lines: object) -> str:
    return "\n".join(line if isinstance(line, str) else json.dumps(line, ensure_ascii=False) for line in lines)


def test_jsonl_records_are_read_with_metadata(tmp_path: Path) -> None:
    text = "Merz traf Macron.\r\nBeide sprachen über Zölle.  "
    path = write(
        tmp_path / "korpus.jsonl",
        jsonl(
            {
                "id": "r1",
                "text": text,
                "published": "2024-05-02",
                "title": "Treffen",
                "source": "Blatt",
                "url": "https://blatt.de/r1",
                "language": "de",
            },
            "",
            {"id": 7, "text": "Die Ministerin sagte, die Lage sei ernst."},
        )
        + "\n",
    )
    articles, errors = read_all(path)
    assert errors == []
    assert [a.id for a in articles] == ["r1", "7"]
    assert articles[0].text == text
    assert articles[0].published == date(2024, 5, 2) and articles[0].title == "Treffen"
    assert articles[0].origin == f"{path}:1" and articles[1].origin == f"{path}:3"


def test_jsonl_text_with_line_separator_stays_one_record(tmp_path: Path) -> None:
    text = "Erster Absatz.\u2028Zweiter Absatz."
    path = write(tmp_path / "k.jsonl", json.dumps({"id": "u", "text": text}, ensure_ascii=False))
    articles, errors = read_all(path)
    assert errors == [] and articles[0].text == text


def test_jsonl_bad_lines_are_reported_and_others_read(tmp_path: Path) -> None:
    path = write(
        tmp_path / "k.jsonl",
        jsonl(
            {"id": "gut1", "text": "Der Kanzler reiste nach Paris."},
            '{"id": "kaputt", "text": ',
            {"text": "Ohne Kennung."},
            {"id": "zahl", "text": 42},
            ["keine", "Zuordnung"],
            {"id": "leer", "text": "   "},
            {"id": "gut2", "text": "Die Außenministerin reiste nach Kiew.", "published": "gestern"},
        ),
    )
    articles, errors = read_all(path)
    assert [a.id for a in articles] == ["gut1", "gut2"]
    by_line = {e.origin.rsplit(":", 1)[1]: e.problem for e in errors}
    assert set(by_line) == {"2", "3", "4", "5", "6", "7"}
    assert "not valid JSON" in by_line["2"]
    assert "'id'" in by_line["3"]
    assert "not a string" in by_line["4"]
    assert "not a JSON object" in by_line["5"]
    assert "empty" in by_line["6"]
    assert "published" in by_line["7"]
    assert articles[1].published is None


def test_jsonl_duplicate_id_reports_the_later(tmp_path: Path) -> None:
    path = write(
        tmp_path / "k.jsonl",
        jsonl(
            {"id": "d", "text": "Erste Fassung."},
            {"id": "d", "text": "Zweite Fassung."},
        ),
    )
    articles, errors = read_all(path)
    assert [a.text for a in articles] == ["Erste Fassung."]
    assert errors[0].origin == f"{path}:2" and "duplicate" in errors[0].problem


def test_jsonl_non_utf8_line_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "k.jsonl"
    path.write_bytes(b'{"id": "a", "text": "M\xfcller sagte etwas."}\n{"id": "b", "text": "Gut."}\n')
    articles, errors = read_all(path)
    assert [a.id for a in articles] == ["b"]
    assert errors[0].origin == f"{path}:1" and "UTF-8" in errors[0].problem


# --- .html --------------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html lang="de-DE"><head><meta charset="utf-8">
<title>Kanzler telefoniert mit Präsidentin | Musterkurier</title>
<meta property="og:title" content="Kanzler telefoniert mit Präsidentin">
<meta property="og:site_name" content="Musterkurier">
<meta property="og:url" content="https://www.musterkurier.de/politik/telefonat">
<meta property="article:published_time" content="2024-03-12T14:05:00+01:00">
</head><body>
<nav><a href="/">Startseite</a> <a href="/politik">Politik</a> <a href="/login">Anmelden</a></nav>
<article>
<h1>Kanzler telefoniert mit Präsidentin</h1>
<p>Bundeskanzler Olaf Scholz hat am Dienstag mit der moldauischen Präsidentin Maia Sandu telefoniert.
Beide sprachen nach Angaben eines Regierungssprechers über die Lage in der Region und über Hilfen.</p>
<p>„Wir stehen fest an der Seite der Republik Moldau“, sagte Scholz nach dem Gespräch.
Sandu kündigte an, in der kommenden Woche zu Gesprächen nach Berlin zu reisen.</p>
<p>Die beiden Politiker wollen sich im Frühjahr zu einem Treffen verabreden, hieß es aus Regierungskreisen.</p>
</article>
<footer>Impressum | Datenschutz | Kontakt</footer>
</body></html>
"""


def test_html_main_text_and_metadata_are_extracted(tmp_path: Path) -> None:
    path = write(tmp_path / "telefonat.html", PAGE)
    articles, errors = read_all(path)
    assert errors == []
    article = articles[0]
    assert article.id == "telefonat"
    assert "sagte Scholz nach dem Gespräch" in article.text
    assert "Impressum" not in article.text and "Startseite" not in article.text
    assert article.published == date(2024, 3, 12)
    assert article.title == "Kanzler telefoniert mit Präsidentin"
    assert article.source == "Musterkurier"
    assert article.url == "https://www.musterkurier.de/politik/telefonat"
    assert article.language == "de"


def test_html_sidecar_overrides_page_metadata(tmp_path: Path) -> None:
    path = write(tmp_path / "telefonat.htm", PAGE)
    sidecar(path, {"published": "2024-03-13", "source": "Agentur"})
    articles, errors = read_all(tmp_path)
    assert errors == []
    assert articles[0].published == date(2024, 3, 13)
    assert articles[0].source == "Agentur"
    assert articles[0].title == "Kanzler telefoniert mit Präsidentin"


def test_html_without_date_metadata_guesses_no_date_from_the_body(tmp_path: Path) -> None:
    page = PAGE.replace('<meta property="article:published_time" content="2024-03-12T14:05:00+01:00">', "")
    page = page.replace("<p>Die beiden", "<p>Zuletzt hatten sie am 3. Mai 2019 gesprochen. Die beiden")
    articles, _ = read_all(write(tmp_path / "ohne-datum.html", page))
    assert articles[0].published is None


def test_html_without_article_text_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path / "leer.html", "<html><head><title>Nichts</title></head><body></body></html>")
    articles, errors = read_all(path)
    assert articles == [] and "no article text" in errors[0].problem
