"""The portal's own error pages with DEBUG off: a 404 in the site's layout and the visitor's language, a 500
rendered without the request's context, neither with a trace of the failure."""

import pytest
from django.test import Client
from django.urls import path

from config.urls import handler404, handler500  # the portal's own, as Django finds them in the root URL conf
from config.urls import urlpatterns as portal_urls


def explode(request):
    raise RuntimeError("secret detail: password1=hunter2")


# The portal's URLs plus one page that fails (tests only).
urlpatterns = [path("boom/", explode), *portal_urls]
__all__ = ["handler404", "handler500", "urlpatterns"]


@pytest.fixture
def production(settings):
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["testserver"]


@pytest.mark.parametrize(
    ("language", "title", "direction"),
    [("en", "Page not found", "ltr"), ("fa", None, "rtl"), ("tr", None, "ltr")],
)
def test_404_is_the_portal_s_page_in_the_visitor_s_language(client, production, language, title, direction):
    response = client.get(f"/{language}/projects/no-such-project/")
    assert response.status_code == 404
    html = response.content.decode()
    assert f'<html lang="{language}" dir="{direction}">' in html
    assert 'class="site-header"' in html  # the site's layout, its menu and languages
    assert "No Project matches" not in html  # nothing of the failure, no trace
    assert "no-such-project" not in html  # nor of the address: the language links lead to the home pages
    assert f'href="/{language}/"' in html
    assert "Traceback" not in html
    if title:
        assert f"<h1>{title}</h1>" in html


def test_a_missing_page_is_the_same_404(client, production):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    assert "<h1>Page not found</h1>" in response.content.decode()


@pytest.mark.urls(__name__)
@pytest.mark.parametrize(("language", "direction"), [("en", "ltr"), ("fa", "rtl")])
def test_500_is_the_portal_s_page_without_the_failure(production, language, direction):
    client = Client(raise_request_exception=False)
    response = client.get("/boom/", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 500
    html = response.content.decode()
    assert f'<html lang="{language}" dir="{direction}">' in html
    assert "secret detail" not in html and "password1" not in html and "Traceback" not in html
    assert "RuntimeError" not in html


@pytest.mark.urls(__name__)
def test_500_answers_even_when_its_template_fails(production, settings):
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [], "APP_DIRS": False, "OPTIONS": {**settings.TEMPLATES[0]["OPTIONS"]}}
    ]
    client = Client(raise_request_exception=False)
    response = client.get("/boom/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 500
    assert b'<html lang="en">' in response.content
    assert b"<h1>Server error</h1>" in response.content
    assert b"secret detail" not in response.content
