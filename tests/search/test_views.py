"""/search and /search/suggest over HTTP."""

import pytest


def test_results_page(client, library):
    page = client.get("/search?q=makerspaces").get_data(as_text=True)
    assert "Results for “makerspaces”" in page and "Starting a makerspace" in page
    assert "<mark" in page and "Narrow the results" in page


def test_filters_and_sort_in_the_page(client, library):
    page = client.get("/search?q=teens&sector=school&sort=newest").get_data(as_text=True)
    assert "Teen technology clubs" in page and "Starting a makerspace" not in page
    assert "× Any sector" in page


def test_empty_query_is_a_useful_page(client, library):
    page = client.get("/search").get_data(as_text=True)
    assert "Tips" in page and "Everything, newest first" in page
    assert "Starting a makerspace" in page


def test_no_results_page_helps(client, library):
    page = client.get("/search?q=xylophone").get_data(as_text=True)
    assert "Nothing matched" in page


@pytest.mark.parametrize("params", ["q=%22open", "q=title:(x", "page=-4", "page=abc",
                                    "type=nonsense", "sector=mars", "sort=random",
                                    "q=" + "x" * 5000, "tag=%00", "solved=perhaps",
                                    "page=99999"])
def test_bad_parameters_never_fail(client, library, params):
    assert client.get(f"/search?{params}").status_code == 200


def test_did_you_mean_link(client, library):
    page = client.get("/search?q=robts+teens").get_data(as_text=True)
    assert "Did you mean" in page and "q=robots+teens" in page
    assert "Teen technology clubs" in page  # what "teens" finds, meanwhile


def test_a_misspelling_that_finds_nothing_shows_the_corrected_results(client, library):
    page = client.get("/search?q=makerspase&type=article").get_data(as_text=True)
    assert "Nothing matched “makerspase”, so these are the results for" in page
    assert "Results for “makerspace”" in page and 'value="makerspace"' in page
    assert "Starting a makerspace" in page and "Did you mean" not in page
    assert 'aria-describedby="corrected-note"' in page
    assert 'name="type" value="article"' in page  # the filter stays


def test_no_facets_no_empty_sidebar(client, library):
    page = client.get("/search?q=xylophone").get_data(as_text=True)
    assert "Nothing matched “xylophone”" in page and "Narrow the results" not in page


def test_suggest_returns_json(client, library):
    data = client.get("/search/suggest?q=digi").get_json()
    assert data["suggestions"] == [{"title": "Digital preservation checklist",
                                    "url": "/wiki/digital-preservation-checklist",
                                    "type": "article"}]
    assert client.get("/search/suggest").get_json()["suggestions"] == []


def test_header_search_box_leads_here(client):
    page = client.get("/").get_data(as_text=True)
    assert 'action="/search"' in page and 'data-suggest="/search/suggest"' in page


@pytest.mark.whoosh
def test_search_degrades_clearly_when_the_index_is_unreadable(app, client, library):
    app.config["SEARCH_INDEX_DIR"] = "/proc/no-such-index"
    response = client.get("/search?q=makerspace")
    assert response.status_code == 200
    assert "Search is briefly unavailable" in response.get_data(as_text=True)


def test_a_quoted_phrase_with_a_comma_is_answered(client, library):
    for text in ('"Smith, John"', 'tags:"smith, john"', '"vinyl, cutter"'):
        response = client.get("/search", query_string={"q": text})
        assert response.status_code == 200, text
    page = client.get("/search", query_string={"q": '"vinyl, cutter"'}).get_data(as_text=True)
    assert "Starting a makerspace" in page


def test_the_page_says_when_it_shows_any_of_the_words(client, library):
    page = client.get("/search?q=makerspace+checksums").get_data(as_text=True)
    assert "No results contain all of “makerspace checksums”" in page
    assert 'aria-describedby="any-word-note"' in page
    page = client.get("/search?q=makerspace+robots").get_data(as_text=True)
    assert "No results contain all of" not in page


def test_a_search_that_finds_nothing_offers_to_ask_or_write(client, library):
    page = client.get("/search?q=xylophone+lending").get_data(as_text=True)
    assert 'href="/questions/ask?title=xylophone+lending">Ask the community</a>' in page
    assert "Write an article called “xylophone lending”" in page
    assert "/login?next=/wiki/new?title%3Dxylophone%2Blending" in page  # signed out
