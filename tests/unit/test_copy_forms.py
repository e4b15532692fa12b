from __future__ import annotations

from companion.copy.forms import (
    checkables,
    clickables,
    control_label,
    group_of,
    inside,
    kind,
    selected_options,
    shown,
)
from companion.models import Element, Snapshot
from companion.page import Page


def page_of(body: str, **kw) -> Page:
    return Page(Snapshot(url="https://x.example/", dom=f"<html><body>{body}</body></html>", **kw))


def test_clickables_and_checkables_in_document_order() -> None:
    page = page_of(
        "<a href=/>A</a><button>B</button><div role=button>C</div><span onclick=x>D</span>"
        "<input type=submit value=E><input type=checkbox id=c1><div role=switch></div>"
        "<input type=radio><input type=text>"
    )
    assert [control_label(page, n) for n in clickables(page)] == ["A", "B", "C", "D", "E"]
    assert [kind(n) for n in checkables(page)] == ["checkbox", "checkbox", "radio"]


def test_only_explicitly_selected_options() -> None:
    page = page_of("<select><option>a</option><option selected>b</option></select>"
                   "<select><option>c</option></select>")
    assert [page.text(o) for o in selected_options(page)] == ["b"]
    assert kind(selected_options(page)[0]) == "option"


def test_a_custom_checkbox_with_a_hidden_input_is_shown() -> None:
    html = ('<label data-bl-idx="1"><input type=checkbox data-bl-idx="2"> Offers</label>'
            '<div data-bl-hidden><input type=checkbox id=h></div>')
    elements = [Element(idx=1, tag="label"), Element(idx=2, tag="input", visible=False)]
    page = page_of(html, elements=elements)
    custom, hidden = checkables(page)
    assert shown(page, custom)
    assert not shown(page, hidden)


def test_a_container_sized_label_is_not_a_label() -> None:
    page = page_of("<div><input type=checkbox>" + "word " * 200 + "</div>"
                   "<label><input type=checkbox> Short</label>")
    long_box, short_box = checkables(page)
    assert control_label(page, long_box) == ""
    assert control_label(page, short_box) == "Short"


def test_groups_and_containment() -> None:
    page = page_of("<form id=f><fieldset id=s><input type=checkbox></fieldset></form>"
                   "<div id=d><p><input type=checkbox></p></div>")
    in_fieldset, loose = checkables(page)
    assert group_of(in_fieldset).get("id") == "s"
    assert group_of(loose).get("id") == "d"
    assert inside(in_fieldset, page.root.cssselect("#f")[0])
    assert not inside(loose, page.root.cssselect("#f")[0])
    assert not inside(loose, None)
