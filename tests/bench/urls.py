"""The portal's URLs plus the floor: the cheapest page Django can serve here (one query, a tiny
template), the yardstick every measured page is divided by. Used only by the benchmark."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path

from companies.coverage_cache import forget_coverage
from companies.views.coverage import coverage
from feedback.services.figures import forget_statistics
from feedback.views.statistics import statistics_page
from karlshamn_portal.urls import handler404, handler500
from karlshamn_portal.urls import urlpatterns as portal_urlpatterns
from liaison.models import Department


def floor(request: HttpRequest) -> HttpResponse:
    department = Department.objects.only("name_sv").order_by("pk").first()
    return render(request, "bench/floor.html", {"department": department})


def statistics_uncached(request: HttpRequest) -> HttpResponse:
    """/statistik/ with its cache and the register's coverage figures emptied first: every
    figure worked out."""
    forget_statistics()
    forget_coverage()
    return statistics_page(request)


def coverage_uncached(request: HttpRequest) -> HttpResponse:
    """/coverage/ as the first view after a change: the cached figures dropped first."""
    forget_coverage()
    return coverage(request)


urlpatterns = [
    path("__bench/floor/", floor, name="bench-floor"),
    path("__bench/statistics/", statistics_uncached, name="bench-statistics-uncached"),
    path("__bench/coverage/", coverage_uncached, name="bench-coverage-uncached"),
    *portal_urlpatterns,
]
__all__ = ["handler404", "handler500", "urlpatterns"]
