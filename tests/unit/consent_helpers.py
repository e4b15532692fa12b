"""Small builders shared by the consent unit tests."""

from __future__ import annotations

from companion.analyzer import Analysis, analyze
from companion.static.html_page import load_html


def analyze_html(html: str, url: str = "https://www.example-news.com/") -> Analysis:
    page = load_html(html.encode(), url=url)
    return analyze(page.snapshot, root=page.root, styles=page.styles, markup=page.markup)


def rules_of(analysis: Analysis) -> set[str]:
    return {f.rule for f in analysis.findings}


def page(body: str, css: str = "") -> str:
    return f"<!doctype html><html><head><style>{css}</style></head><body>{body}</body></html>"
