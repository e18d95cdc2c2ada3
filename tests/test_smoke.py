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
