"""Quotes, sentences and paragraphs of an article."""

from kg.draft.article import parse_article
from kg.draft.quotes import find_quotes
from kg.draft.sentences import split_sentences


def _quotes(text: str) -> list[str]:
    return [q.text for q in find_quotes(parse_article(text))]


def test_straight_and_curly_quotes_lose_the_comma_before_the_attribution():
    assert _quotes('"One thing," he said. \u201cAnother thing,\u201d she said.') == [
        "One thing",
        "Another thing",
    ]


def test_a_quote_inside_a_quote_stays_in_the_outer_one():
    assert _quotes("He wrote: \u201cThey call it \u2018flawed\u2019 now.\u201d") == [
        "They call it \u2018flawed\u2019 now"
    ]


def test_a_quote_running_over_paragraphs_is_one_quote():
    text = 'He said:\n\n"First part.\n\n"Second part," he added.'
    quotes = find_quotes(parse_article(text))
    assert [q.text for q in quotes] == ["First part. Second part"]
    assert [p.paragraph for p in quotes[0].pieces] == [2, 3]


def test_apostrophes_are_not_quotes():
    assert _quotes("Russia\u2019s view and China's view were 'noted' by them.") == ["noted"]


def test_html_paragraphs_without_scripts_and_navigation():
    article = parse_article(
        "<html><head><title>T</title><script>x='said'</script></head><body><nav>Menu</nav>"
        "<h1>T</h1><p>First &amp; one.</p><p>Second.</p></body></html>"
    )
    assert article.paragraphs == ("T", "First & one.", "Second.")


def test_the_headline_of_a_page_is_its_h1_else_its_title_without_the_sites_name():
    """A <title> "Peskov: talks possible | Example Wire" beside an <h1> made two paragraphs:
    the title became the card's label, site name and all, and the <h1>, as the body's first
    paragraph, a statement ("reported speech after 'Peskov says'")."""
    both = parse_article(
        "<html><head><title>Peskov: talks possible | Example Wire</title></head><body>"
        "<div>World news</div><h1>Peskov says talks are possible</h1><p>Body.</p></body></html>"
    )
    assert both.paragraphs == ("Peskov says talks are possible", "World news", "Body.")
    assert both.has_headline
    title_only = parse_article(
        "<html><head><title>Talks possible | Example Wire</title></head><body><p>Body.</p>"
    )
    assert title_only.paragraphs == ("Talks possible", "Body.")


def test_plain_text_without_blank_lines_has_a_paragraph_a_line():
    assert parse_article("One.\nTwo.\n").paragraphs == ("One.", "Two.")


def test_sentences_keep_an_attribution_with_its_quote_and_restore_lost_spaces():
    article = parse_article('"It ends. We regret it," Peskov said. It ends today.Then more.')
    spans = [(s.span, s.text) for s in split_sentences(article)]
    assert spans == [
        ("p1 s1", '"It ends. We regret it," Peskov said.'),
        ("p1 s2", "It ends today."),
        ("p1 s3", "Then more."),
    ]
