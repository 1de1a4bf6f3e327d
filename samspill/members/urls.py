from django.urls import path

from . import views

app_name = "members"

urlpatterns = [
    path("kommuner/", views.municipality_list, name="municipality_list"),
    path("kommuner/<str:number>/", views.municipality_detail, name="municipality_detail"),
    path("kommuner/<str:number>/kulturskole/", views.arts_school_edit, name="arts_school_edit"),
    path("kommuner/<str:number>/personer/ny/", views.person_edit, name="person_create"),
    path("kommuner/<str:number>/personer/<int:pk>/", views.person_edit, name="person_edit"),
    path("regioner/", views.region_list, name="region_list"),
    path("regioner/<slug:slug>/", views.region_detail, name="region_detail"),
    path("organisasjoner/", views.organisation_list, name="organisation_list"),
    path("organisasjoner/<int:pk>/", views.organisation_detail, name="organisation_detail"),
    path("personer/", views.person_list, name="person_list"),
    path("personer/<int:pk>/", views.person_detail, name="person_detail"),
    path("organisasjon/", views.staff_unit_list, name="staff_unit_list"),
    path("organisasjon/<slug:slug>/", views.staff_unit_detail, name="staff_unit_detail"),
]
