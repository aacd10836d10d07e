"""The portal's URLs plus the floor: the cheapest page Django can serve here (one query, a tiny
template), the yardstick every measured page is divided by. Used only by the benchmark."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path

from feedback.services.figures import forget_statistics
from feedback.views.statistics import statistics_page
from karlshamn_portal.urls import handler404, handler500
from karlshamn_portal.urls import urlpatterns as portal_urlpatterns
from liaison.models import Department


def floor(request: HttpRequest) -> HttpResponse:
    department = Department.objects.only("name_sv").order_by("pk").first()
    return render(request, "bench/floor.html", {"department": department})


def statistics_uncached(request: HttpRequest) -> HttpResponse:
    """/statistik/ with its cache emptied first: the queries of working the figures out."""
    forget_statistics()
    return statistics_page(request)


urlpatterns = [
    path("__bench/floor/", floor, name="bench-floor"),
    path("__bench/statistics/", statistics_uncached, name="bench-statistics-uncached"),
    *portal_urlpatterns,
]
__all__ = ["handler404", "handler500", "urlpatterns"]
