"""What error reports show of a request: Django's safe filter, in DEBUG too."""

from django.views.debug import SafeExceptionReporterFilter


class ExceptionReporterFilter(SafeExceptionReporterFilter):
    """Django shows every POST parameter and local variable on the DEBUG error page; a demo or a staging copy
    running with DEBUG would show the passwords typed into the account pages (`sensitive_post_parameters`). This
    filter hides them whatever DEBUG says."""

    def is_active(self, request):
        return True
