"""URLs of cooperation agreements, under /avtaler/. Each views module lists its own."""

app_name = "agreements"

urlpatterns = []
