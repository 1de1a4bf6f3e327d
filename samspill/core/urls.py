from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("drift/e-post/", views.failed_emails, name="failed_emails"),
    path("drift/e-post/send-igjen/", views.failed_emails_resend, name="failed_emails_resend"),
]
