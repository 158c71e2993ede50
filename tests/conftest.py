"""Shared fixtures: hand-built extractions -> an in-memory store -> the web app.

The articles are invented German news text written for these tests.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import traceback
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner
from spacy.language import Language

from kg.build import store_extractions
from kg.cli import main as kg_main
from kg.extract import Extractor
from kg.model import Claim, Entity, Event, Extraction, Mention, SourceArticle, Span
from kg.store import KGStore
from kg.web import create_app

HOSTILE_NAME = "Kai <script>alert(1)</script> & Co"


def span(text: str, part: str, after: int = 0) -> Span:
    begin = text.index(part, after)
    return Span(begin, begin + len(part), part)


def mention(text: str, part: str, kind: str = "name", after: int = 0) -> Mention:
    s = span(text, part, after)
    return Mention(s.begin, s.end, s.text, kind=kind)  # type: ignore[arg-type]


def article(article_id: str, text: str, published: date, title: str) -> SourceArticle:
    return SourceArticle(id=article_id, text=text, origin=f"{article_id}.txt", published=published,
                         title=title, source="Testpresse", language="de")


def kanzlerin() -> Extraction:
    text = ("Berlin (dpa) – Bundeskanzlerin Annette Kroll hat die Länder zu mehr Tempo beim Netzausbau "
            "aufgefordert. „Wir dürfen keine Zeit mehr verlieren“, sagte Kroll am Montag in Berlin. "
            "Die Kanzlerin kündigte an, den Ausbau im Herbst zu überprüfen.")
    kroll = Entity("Annette Kroll", aliases={"Kroll"}, roles={"Bundeskanzlerin"},
                   mentions=[mention(text, "Annette Kroll"), mention(text, "Kroll", after=60)])
    return Extraction(
        article=article("2024-03-12-netzausbau", text, date(2024, 3, 12), "Kroll drängt auf schnelleren Netzausbau"),
        published=date(2024, 3, 12),
        published_from="metadata",
        entities={kroll.key: kroll},
        claims=[
            Claim(span(text, "Wir dürfen keine Zeit mehr verlieren"), direct=True, speaker="Annette Kroll",
                  speaker_mention=mention(text, "Kroll", after=60), cue="sagen", said_on="2024-03-11",
                  said_on_stated=True),
            Claim(span(text, "den Ausbau im Herbst zu überprüfen"), direct=False, speaker="Annette Kroll",
                  speaker_mention=mention(text, "Die Kanzlerin", kind="role"), cue="ankündigen"),
        ],
    )


def telefonat() -> Extraction:
    text = ("Außenminister Jonas Albrecht hat am Dienstag mit seiner französischen Amtskollegin Claire Fontaine "
            "telefoniert. Beide hätten über die Lage in der Ukraine gesprochen, teilte das Auswärtige Amt mit. "
            "„Wir stehen eng beieinander“, sagte Albrecht nach dem Gespräch.")
    albrecht = Entity("Jonas Albrecht", aliases={"Albrecht"}, roles={"Außenminister"},
                      mentions=[mention(text, "Jonas Albrecht")])
    fontaine = Entity("Claire Fontaine", roles={"Außenministerin"}, mentions=[mention(text, "Claire Fontaine")])
    amt = Entity("Auswärtiges Amt", type="org", mentions=[mention(text, "Auswärtige Amt", kind="org")])
    return Extraction(
        article=article("2024-03-13-telefonat", text, date(2024, 3, 13), "Albrecht telefoniert mit Fontaine"),
        published=date(2024, 3, 13),
        published_from="metadata",
        entities={e.key: e for e in (albrecht, fontaine, amt)},
        claims=[Claim(span(text, "Wir stehen eng beieinander"), direct=True, speaker="Jonas Albrecht",
                      speaker_mention=mention(text, "Albrecht", after=150), cue="sagen")],
        events=[Event("call", "phone", ["Jonas Albrecht", "Claire Fontaine"], span(text, "telefoniert"),
                      date="2024-03-12")],
    )


def paris() -> Extraction:
    text = ("Paris – Das Telefonat zwischen Jonas Albrecht und Claire Fontaine am 12. März sei konstruktiv "
            "gewesen, sagte Fontaine am Mittwoch. Beide wollen sich im April in Paris treffen.")
    albrecht = Entity("Jonas Albrecht", mentions=[mention(text, "Jonas Albrecht")])
    fontaine = Entity("Claire Fontaine", aliases={"Fontaine"}, mentions=[mention(text, "Claire Fontaine")])
    return Extraction(
        article=article("2024-03-14-paris", text, date(2024, 3, 14), "Fontaine lobt Gespräch mit Albrecht"),
        published=date(2024, 3, 14),
        published_from="metadata",
        entities={e.key: e for e in (albrecht, fontaine)},
        claims=[Claim(span(text, "Das Telefonat zwischen Jonas Albrecht und Claire Fontaine am 12. März sei "
                                 "konstruktiv gewesen"), direct=False, speaker="Claire Fontaine",
                      cue="sagen", said_on="2024-03-13", said_on_stated=True)],
        events=[
            Event("call", "phone", ["Jonas Albrecht", "Claire Fontaine"], span(text, "Telefonat"), date="2024-03-12"),
            Event("meeting", "meeting", ["Jonas Albrecht", "Claire Fontaine"], span(text, "treffen"),
                  date="2024-04", status="planned"),
        ],
    )


def hostile() -> Extraction:
    """A name and a quote full of markup, to prove pages escape what they show."""
    text = f"Der Blogger {HOSTILE_NAME} schrieb: „Das ist <b>Unsinn</b> & Quatsch“."
    kai = Entity(HOSTILE_NAME, mentions=[mention(text, HOSTILE_NAME)])
    return Extraction(
        article=article("2024-03-15-blog", text, date(2024, 3, 15), "Blog & <i>Kritik</i>"),
        published=date(2024, 3, 15),
        published_from="metadata",
        entities={kai.key: kai},
        claims=[Claim(span(text, "Das ist <b>Unsinn</b> & Quatsch"), direct=True, speaker=HOSTILE_NAME,
                      cue="schreiben")],
    )


@pytest.fixture
def extractions() -> list[Extraction]:
    return [kanzlerin(), telefonat(), paris(), hostile()]


@pytest.fixture
def store(extractions: list[Extraction]) -> KGStore:
    kg_store = KGStore()
    store_extractions(kg_store, extractions)
    return kg_store


@pytest.fixture
def app(store: KGStore) -> Flask:
    return create_app({"STORE": store, "TESTING": True})


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app: Flask) -> FlaskCliRunner:
    return app.test_cli_runner()


# -- the example corpus, built once per session through the real CLI --------------------------

EXAMPLE_ARTICLES = Path(__file__).resolve().parent.parent / "examples" / "articles"


def run_kg(*args: str | Path) -> Result:
    """``kg ARGS`` in-process; stdout and stderr kept apart (``result.stdout``, ``result.stderr``)."""
    result = CliRunner().invoke(kg_main, [str(a) for a in args])
    if result.exc_info is not None:
        # The traceback keeps the command's frames, and so its open store, alive; a second
        # command on the same store would then meet a writer still open in this process.
        traceback.clear_frames(result.exc_info[2])
    return result


@pytest.fixture(scope="session")
def kg() -> Callable[..., Result]:
    return run_kg


@pytest.fixture(scope="session")
def example_store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``kg build examples/articles`` into a temporary store. Tests must only read it."""
    path = tmp_path_factory.mktemp("examples") / "store"
    result = run_kg("build", EXAMPLE_ARTICLES, "--store", path)
    assert result.exit_code == 0, result.output
    return path


# Two of the example articles: a first build for tests of a running server that must then see the rest arrive.
FIRST_EXAMPLES = ["2025-03-12-weber-warschau.txt", "2025-03-14-roth-empfaengt-brenner.txt"]


@pytest.fixture()
def small_store(tmp_path: Path) -> Path:
    """A store of FIRST_EXAMPLES, built by the ``kg`` command in a process of its own, as a server sees a build."""
    first = tmp_path / "first"
    first.mkdir()
    for name in FIRST_EXAMPLES:
        shutil.copy(EXAMPLE_ARTICLES / name, first / name)
    store = tmp_path / "store"
    kg = Path(sys.executable).with_name("kg")
    done = subprocess.run([str(kg), "build", str(first), "--store", str(store)], capture_output=True, text=True,
                          timeout=180)
    assert done.returncode == 0, done.stderr
    return store


@pytest.fixture(scope="session")
def example_store(example_store_path: Path) -> KGStore:
    return KGStore(example_store_path, read_only=True)


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    """One extractor for the whole run: building the spaCy pipeline takes seconds."""
    return Extractor()


@pytest.fixture(scope="session")
def nlp() -> Language:
    from kg.extract.pipeline import build_nlp

    return build_nlp()


def nquads(store: KGStore) -> list[str]:
    """The store as ``kg export --format nquads`` writes it, lines sorted: the form tests compare stores in."""
    out = io.BytesIO()
    store.export("nquads", out)
    return sorted(out.getvalue().decode("utf-8").splitlines())


def write_articles(folder: Path, articles: dict[str, str]) -> Path:
    """Each text as ``<name>.txt`` in ``folder``; returns the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in articles.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder


def fail_on(monkeypatch: pytest.MonkeyPatch, article_id: str, error: BaseException) -> None:
    """Make extraction of one article raise ``error``; forked workers inherit the patched class."""
    real = Extractor.extract

    def extract(self: Extractor, article: SourceArticle) -> Extraction:
        if article.id == article_id:
            raise error
        return real(self, article)

    monkeypatch.setattr(Extractor, "extract", extract)
