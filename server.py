"""WSGI entry point: ``waitress-serve server:app`` or ``gunicorn server:app``.

KG_STORE names the store folder (default ``store``); KG_BASE_IRI the IRI base it was built with.
"""

import os

from kg.vocab import DEFAULT_BASE
from kg.web import create_app

app = create_app({
    "STORE_PATH": os.environ.get("KG_STORE", "store"),
    "BASE_IRI": os.environ.get("KG_BASE_IRI", DEFAULT_BASE),
})
