"""Static files as production serves them: the test settings use production's manifest storage, so
these pages would fail here, not only in production, if a template named a file the manifest lacks."""

import posixpath
import re

import pytest
from django.conf import settings

from coordinated_care.config.settings import base

STATIC_REFERENCE = re.compile(r'(?:href|src)="(/static/[^"]+)"')
CSS_URL = re.compile(r"url\(\"?([^\")]+)\"?\)")


def test_the_tests_serve_static_files_with_productions_storage():
    # Production keeps the base settings' storage; so must the tests.
    assert settings.STORAGES["staticfiles"] == base.STORAGES["staticfiles"]
    assert settings.STORAGES["staticfiles"]["BACKEND"].endswith("ManifestStaticFilesStorage")
    assert not getattr(settings, "WHITENOISE_AUTOREFRESH", False)


@pytest.mark.django_db
def test_every_static_file_a_page_names_is_hashed_and_served(client):
    html = client.get("/accounts/login/").content.decode()
    references = STATIC_REFERENCE.findall(html)
    assert {"css", "js", "images", "manifest"} <= {part for ref in references for part in re.split(r"[/.]", ref)}
    for reference in references:
        if not reference.endswith("manifest.json"):
            assert re.search(r"\.[0-9a-f]{12}\.", reference), f"{reference} is not a hashed name"
        response = client.get(reference)
        assert response.status_code == 200, reference


@pytest.mark.django_db
def test_the_stylesheets_images_resolve_under_static_url(client):
    html = client.get("/accounts/login/").content.decode()
    stylesheet = next(ref for ref in STATIC_REFERENCE.findall(html) if ref.endswith(".css"))
    css = b"".join(client.get(stylesheet).streaming_content).decode()
    images = [url for url in CSS_URL.findall(css) if not url.startswith("data:")]
    assert images, "the NHS stylesheet names its icons"
    base = stylesheet.rsplit("/", 1)[0]
    for image in images:
        path = posixpath.normpath(image if image.startswith("/") else f"{base}/{image}")
        assert path.startswith("/static/"), f"{image} is outside STATIC_URL"
        assert client.get(path).status_code == 200, image
