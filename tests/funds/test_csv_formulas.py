"""The grants download and export quote formula-looking cells as every CSV export does (portal/imports), and the
exported file imports again unchanged."""

import csv
import io

from django.core.management import call_command

from funds.models import Grant
from tests import factories

FORMULA = "@SUM(1+1)*cmd|' /C calc'!A0"


def test_the_grants_download_and_command_quote_formulas(client, tmp_path):
    factories.GrantFactory(published=True, purpose_en=FORMULA, signed_on="2024-05-02")
    response = client.get("/en/funds/grants/?format=csv")
    assert response.status_code == 200
    header, *lines = csv.reader(io.StringIO(response.content.decode()))
    purposes = [line[header.index("purpose")] for line in lines]
    assert purposes == ["'" + FORMULA]

    target = tmp_path / "grants.csv"
    call_command("export_inventory", "grants", "--output", str(target))
    out = io.StringIO()
    call_command("import_inventory", "grants", str(target), stdout=out)
    assert "0 created, 0 updated, 1 unchanged" in out.getvalue(), out.getvalue()
    assert Grant.objects.get().purpose_en == FORMULA
