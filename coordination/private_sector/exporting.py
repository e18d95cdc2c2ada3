"""The published contributions as rows of a CSV or XLSX file (the shared writers of `portal.imports`, formulas
never run): the list's download."""

from portal.imports.exporting import Exporter


class ContributionExporter(Exporter):
    """Published contributions, one row each; a target that is not published is not named."""

    kind = "contributions"
    columns = (
        "company",
        "company_name",
        "sector",
        "kind",
        "year",
        "target_type",
        "target",
        "amount",
        "currency",
        "description_tr",
        "description_en",
    )

    def rows(self, queryset):
        for contribution in queryset:
            profile = getattr(contribution.agency, "company_profile", None)
            target_type, target = _target(contribution)
            yield (
                contribution.agency.slug,
                contribution.agency.name,
                profile.sector if profile else "",
                contribution.kind,
                contribution.year,
                target_type,
                target,
                contribution.amount,
                contribution.currency,
                contribution.description_tr,
                contribution.description_en,
            )


def _target(contribution) -> tuple[str, str]:
    if contribution.project_id:
        project = contribution.project
        return "project", project.slug if project.is_published else ""
    if contribution.event_id:
        return "event", contribution.event.slug
    application = contribution.award_application
    return "award_application", str(application.pk) if application.is_published else ""
