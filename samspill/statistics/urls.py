"""URLs of the statistics, under /statistikk/."""

from django.urls import path

from . import views

app_name = "statistics"

urlpatterns = [
    path("", views.national, name="home"),
    path("fylke/<str:number>/", views.county, name="county"),
    path("region/<slug:slug>/", views.region, name="region"),
    path("kommune/<str:number>/", views.municipality, name="municipality"),
    path("kommune/<str:number>/registrer/", views.entry, name="entry"),
    path("rammeplan/", views.framework_plan, name="framework_plan"),
    path("prisstudie/", views.price_study, name="price_study"),
    path(
        "prisstudie/rapport.docx",
        views.price_study_document,
        {"fmt": "docx"},
        name="price_study_docx",
    ),
    path(
        "prisstudie/rapport.pdf", views.price_study_document, {"fmt": "pdf"}, name="price_study_pdf"
    ),
    path("import/", views.import_upload, name="import_upload"),
    path("import/<int:pk>/", views.import_detail, name="import_detail"),
]
