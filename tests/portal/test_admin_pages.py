"""Every back-office page of the core opens for a working-group admin, with local assets only."""

import re

import pytest
from django.contrib import admin

from tests import factories

CORE_MODELS = [model for model in admin.site._registry if model._meta.app_label == "portal"]


@pytest.mark.parametrize("model", CORE_MODELS, ids=lambda m: m._meta.model_name)
def test_changelist_and_add_pages_open(admin_client_wg, model):
    opts = model._meta
    for page in ("", "add/"):
        response = admin_client_wg.get(f"/admin/{opts.app_label}/{opts.model_name}/{page}")
        if page and not admin.site._registry[model].has_add_permission(response.wsgi_request):
            assert response.status_code == 403, opts.model_name  # read-only records: written by the portal itself
            continue
        assert response.status_code == 200, (opts.model_name, page)
        sources = re.findall(r'(?:src|href)="([^"]+\.(?:js|css))"', response.content.decode())
        assert sources
        assert [s for s in sources if not s.startswith("/static/")] == []


def test_tabbed_translation_fields_use_the_local_jquery_ui(admin_client_wg):
    project = factories.ProjectFactory()
    html = admin_client_wg.get(f"/admin/portal/project/{project.pk}/change/").content.decode()
    assert '<script src="/static/vendor/jquery-ui/jquery-ui.min.js"></script>' in html
    assert 'name="title_fa"' in html
    assert 'name="title_tr"' in html


def test_search_and_filters_on_the_project_changelist(admin_client_wg):
    wanted = factories.ProjectFactory(title_en="Interoperability gateway", published=True)
    factories.ProjectFactory(title_en="Something else")
    response = admin_client_wg.get("/admin/portal/project/", {"q": "gateway", "review_state__exact": "published"})
    assert list(response.context["cl"].result_list) == [wanted]
