from django.shortcuts import render

from . import engine


def search(request):
    """One search page, results grouped by kind; only what the user may open."""
    query = engine.clean_query(request.GET.get("q", ""))
    groups = engine.search(request.user, query) if query else []
    return render(
        request,
        "search/search.html",
        {"query": query, "groups": groups, "total": sum(g.total for g in groups)},
    )
