"""URLs of dialogue seminars, under /seminar/. Each views module lists its own."""

from .views import board, exports, imports, organiser, participant, topics

app_name = "seminars"

urlpatterns = [
    *participant.urlpatterns,
    *organiser.urlpatterns,
    *board.urlpatterns,
    *imports.urlpatterns,
    *exports.urlpatterns,
    *topics.urlpatterns,
]
