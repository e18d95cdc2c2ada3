import pytest

from tests import factories


@pytest.mark.parametrize("lang", ["tr", "en", "ru", "ky", "fa", "az"])
def test_home_in_every_language(client, lang):
    response = client.get(f"/{lang}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{lang}" dir="{"rtl" if lang == "fa" else "ltr"}">' in html
    for other in ["tr", "en", "ru", "ky", "fa", "az"]:
        assert f'hreflang="{other}" href="http://127.0.0.1:8000/{other}/"' in html


def test_published_project_on_the_list(client):
    project = factories.ProjectFactory(published=True)
    response = client.get("/en/projects/")
    assert response.status_code == 200
    assert project.title_en in response.content.decode()


@pytest.mark.parametrize(("accept", "target"), [("fa,en;q=0.5", "/fa/"), ("ru", "/ru/"), ("de", "/tr/")])
def test_root_redirects_by_accept_language(client, accept, target):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)
    assert response.status_code == 302
    assert response["Location"] == target


def test_language_switcher_keeps_the_page_and_query(client):
    project = factories.ProjectFactory(published=True)
    html = client.get(f"/tr/projects/{project.slug}/?x=1").content.decode()
    assert f'<a href="/fa/projects/{project.slug}/?x=1" hreflang="fa" lang="fa">' in html
    assert f'<a href="/az/projects/{project.slug}/?x=1" hreflang="az" lang="az">' in html


def test_api_language_from_query_and_header(client):
    by_query = client.get("/api/v1/action-lines/C4/?lang=en").json()
    by_header = client.get("/api/v1/action-lines/C4/", HTTP_ACCEPT_LANGUAGE="tr").json()
    assert by_query["title"] == "Capacity building"
    assert by_header["title"] == "Kapasite geliştirme"
