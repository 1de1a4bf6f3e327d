"""/personvern/: the privacy page, and per person (/person/<id>/, a person in the
register) or per login without a person (/bruker/<id>/) the administrator's tools."""

from django.urls import path, register_converter

from . import views

app_name = "privacy"


class SubjectKind:
    regex = "person|bruker"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(SubjectKind, "subject")

urlpatterns = [
    path("", views.privacy, name="privacy"),
    path("<subject:kind>/<int:pk>/", views.subject_detail, name="subject_detail"),
    path(
        "<subject:kind>/<int:pk>/eksport.json",
        views.subject_export_json,
        name="subject_export_json",
    ),
    path(
        "<subject:kind>/<int:pk>/eksport.pdf", views.subject_export_pdf, name="subject_export_pdf"
    ),
    path("<subject:kind>/<int:pk>/anonymiser/", views.subject_anonymise, name="subject_anonymise"),
    path("<subject:kind>/<int:pk>/slett/", views.subject_delete, name="subject_delete"),
]
