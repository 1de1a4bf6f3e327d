from django.conf import settings
from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from samspill.core import views as core_views

# The admin signs people in through Samspill's own login page, so that every
# admin URL is guarded by the same login as the rest of the product.
admin.site.login = login_not_required(core_views.admin_login_redirect)
admin.site.site_header = "Samspill – administrasjon"
admin.site.site_title = "Samspill"
admin.site.index_title = "Grunndata og brukere"

urlpatterns = [
    path("", include("samspill.core.urls")),
    path("konto/", include("samspill.accounts.urls")),
    path("medlemmer/", include("samspill.members.urls")),
    path("program/", include("samspill.programmes.urls")),
    path("seminar/", include("samspill.seminars.urls")),
    path("avtaler/", include("samspill.agreements.urls")),
    path("statistikk/", include("samspill.statistics.urls")),
    path("strategi/", include("samspill.strategy.urls")),
    path("tilskudd/", include("samspill.grants.urls")),
    path("sok/", include("samspill.search.urls")),
    path("personvern/", include("samspill.privacy.urls")),
    path("api/", include("samspill.api.urls")),
    path("kalender/", include("samspill.workflow.urls")),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("admin/", admin.site.urls),
]

handler403 = "samspill.core.views.permission_denied"
handler404 = "samspill.core.views.page_not_found"
handler500 = "samspill.core.views.server_error"

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
