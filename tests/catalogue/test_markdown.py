"""Long texts are Markdown; whatever an editor stores, no script reaches a page."""

from catalogue.markdown import render_markdown


def test_script_tag_is_removed():
    html = render_markdown("Hello\n\n<script>alert('x')</script>\n\n**bold**")
    assert "<script" not in html.lower()
    assert "alert(" not in html
    assert "<strong>bold</strong>" in html


def test_event_handler_attribute_is_removed():
    html = render_markdown(
        '<img src="x" onerror="alert(1)"> <a href="/" onclick="steal()">link</a>'
    )
    assert "onerror" not in html.lower()
    assert "onclick" not in html.lower()
    assert ">link</a>" in html


def test_javascript_link_is_removed():
    html = render_markdown("[click](javascript:alert(1))")
    assert "javascript:" not in html.lower()


def test_markdown_structure_is_kept():
    html = render_markdown("## Results\n\n- one\n- two\n\n[source](https://example.org)")
    assert "<h2>Results</h2>" in html
    assert "<li>one</li>" in html
    assert 'href="https://example.org"' in html
