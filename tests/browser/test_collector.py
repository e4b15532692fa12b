"""The collector script in a real Chromium: DOM serialization, recorded elements, privacy."""

from __future__ import annotations

import json

import msgspec
import pytest
from playwright.async_api import Page

from companion.models import Snapshot
from companion.page import Page as AnalysisPage
from companion.resources import collector_source
from companion.schema import SCHEMA_FILE, decode_snapshot, encode_snapshot
from crawler.collect import collect

pytestmark = [pytest.mark.browser, pytest.mark.asyncio(loop_scope="session")]


async def load(page: Page, site, html: str, path: str = "/p.html", host: str = "site.test") -> None:
    site.add(path, html)
    await page.goto(site.url(host, path))


def by_text(snap: Snapshot, text: str, tag: str | None = None):
    found = [e for e in snap.elements if e.text == text and (tag is None or e.tag == tag)]
    assert found, f"no element with text {text!r}: {[e.text for e in snap.elements]}"
    return found[0]


async def test_open_shadow_root_is_serialized_and_its_button_recorded(page: Page, site) -> None:
    await load(
        page,
        site,
        """<!doctype html><body>
      <consent-box id="cb"></consent-box>
      <script>
        customElements.define('consent-box', class extends HTMLElement {
          constructor() { super();
            this.attachShadow({mode: 'open'}).innerHTML =
              '<div class="bar"><p>We use cookies</p><button class="ok">Accept all</button></div>';
          }
        });
      </script></body>""",
    )
    snap = await collect(page)
    assert '<template shadowrootmode="open">' in snap.dom
    template_at = snap.dom.index('<template shadowrootmode="open">')
    assert snap.dom.index("Accept all") > template_at
    button = by_text(snap, "Accept all", "button")
    assert button.shadow is True
    assert " >>> " in button.selector
    assert button.visible
    resolved = await page.evaluate(
        "sel => { const el = __brightlineCollect.resolve(sel); return el && el.textContent }",
        button.selector,
    )
    assert resolved == "Accept all"
    # The serialized shadow content parses back and joins with its measurements.
    analysis = AnalysisPage(snap)
    node = analysis.node_for(button.idx)
    assert node is not None and node.tag == "button"


async def test_closed_shadow_root_only_with_a_resolver(page: Page, site) -> None:
    await load(
        page,
        site,
        """<!doctype html><body><div id="host"></div><script>
      const root = document.getElementById('host').attachShadow({mode: 'closed'});
      root.innerHTML = '<button>Reject all</button>';
      window.__roots = new Map([[document.getElementById('host'), root]]);
    </script></body>""",
    )
    source = collector_source()
    await page.add_script_tag(content=source)
    without = json.loads(await page.evaluate("() => JSON.stringify(__brightlineCollect({}))"))
    assert "Reject all" not in without["dom"]
    with_resolver = json.loads(
        await page.evaluate(
            "() => JSON.stringify(__brightlineCollect("
            "{resolveShadowRoot: el => window.__roots.get(el) || null}))"
        )
    )
    assert '<template shadowrootmode="closed"><button' in with_resolver["dom"]
    snap = decode_snapshot(json.dumps(with_resolver))
    button = by_text(snap, "Reject all", "button")
    assert button.shadow and button.selector.startswith("#host >>> ")


async def test_button_computed_style(page: Page, site) -> None:
    await load(
        page,
        site,
        """<!doctype html><style>
      body { background: rgb(20, 30, 40); margin: 0 }
      .panel { opacity: 0.5 }
      #go { color: #fff; background-color: #0a7; font-size: 18px; font-weight: 700;
            padding: 10px 20px 6px 4px; border: 3px solid rgb(255, 0, 0); opacity: 0.5;
            cursor: pointer; position: relative; z-index: 7 }
      a.more { color: rgb(200, 200, 200); text-decoration: underline }
    </style><body><div class="panel"><button id="go">Accept</button>
      <a class="more" href="/settings">Settings</a></div></body>""",
    )
    snap = await collect(page)
    style = by_text(snap, "Accept", "button").style
    assert style is not None
    assert style.color == "rgb(255, 255, 255)"
    assert style.background_color == "rgb(0, 170, 119)"
    assert style.effective_background == "rgb(0, 170, 119)"
    assert style.font_size == 18
    assert style.font_weight == 700
    assert style.padding == [10, 20, 6, 4]
    assert style.border_width == 3 and style.border_color == "rgb(255, 0, 0)"
    assert style.border_style == "solid"
    assert style.opacity == pytest.approx(0.25)
    assert style.z_index == 7 and style.position == "relative" and style.cursor == "pointer"
    link = by_text(snap, "Settings", "a")
    assert link.style is not None
    assert link.style.background_color == "rgba(0, 0, 0, 0)"
    assert link.style.effective_background == "rgb(20, 30, 40)"  # read against the body
    assert link.style.text_decoration == "underline"
    assert link.href == site.url("site.test", "/settings")
    assert link.role == "link"


async def test_hidden_settings_panel_checkboxes_keep_state(page: Page, site) -> None:
    await load(
        page,
        site,
        """<!doctype html><body>
      <div id="banner" style="position:fixed;bottom:0;left:0;right:0;height:120px;background:#fff">
        <p>We and our partners use cookies.</p>
        <button>Accept</button><button id="more">Preferences</button>
      </div>
      <div id="prefs" style="display:none">
        <label><input type="checkbox" name="ads" checked> Advertising</label>
        <label><input type="checkbox" name="stats"> Statistics</label>
        <label><input type="checkbox" name="social" checked> Social media</label>
        <div role="switch" aria-checked="true" tabindex="0">Personalisation</div>
      </div>
      <script>
        // Live state differs from the markup: the script flips two boxes after load.
        document.querySelector('[name=stats]').checked = true;
        document.querySelector('[name=social]').checked = false;
      </script></body>""",
    )
    snap = await collect(page)
    boxes = {e.label: e for e in snap.elements if e.type == "checkbox"}
    assert set(boxes) == {"Advertising", "Statistics", "Social media"}
    assert boxes["Advertising"].checked is True
    assert boxes["Statistics"].checked is True
    assert boxes["Social media"].checked is False
    assert all(not b.visible and b.box is None for b in boxes.values())
    switch = next(e for e in snap.elements if e.role == "switch")
    assert switch.checked is True and not switch.visible and switch.text == "Personalisation"
    labels = [e for e in snap.elements if e.tag == "label"]
    assert len(labels) == 3 and all(not e.visible for e in labels)
    # The DOM carries live state, and the panel is marked as a hidden root.
    analysis = AnalysisPage(snap)
    prefs = analysis.root.xpath("//*[@id='prefs']")[0]
    assert prefs.get("data-bl-hidden") == "display"
    stats = analysis.node_for(boxes["Statistics"].idx)
    social = analysis.node_for(boxes["Social media"].idx)
    assert stats.get("checked") is not None and social.get("checked") is None
    assert analysis.visible(stats) is False
    # The fixed banner and its text are recorded and visible.
    banner = next(e for e in snap.elements if e.style and e.style.position == "fixed")
    assert banner.visible and banner.box is not None and banner.box.height == 120
    text = by_text(snap, "We and our partners use cookies.", "p")
    assert text.parent == banner.idx and text.visible


async def test_visibility_rules(page: Page, site) -> None:
    await load(
        page,
        site,
        """<!doctype html><body>
      <button id="a">Shown</button>
      <button id="b" style="visibility:hidden">Invisible</button>
      <div style="visibility:hidden"><button id="c" style="visibility:visible">Back</button></div>
      <div style="height:0;overflow:hidden"><button id="d">Clipped</button></div>
      <button id="e" hidden>Attr hidden</button>
      <button id="f" style="opacity:0">Transparent</button>
      <button id="g" style="position:absolute;left:-9999px">Offscreen</button>
      <button id="h">Two <span style="display:none">secret</span> words</button>
      </body>""",
    )
    snap = await collect(page)
    vis = {e.selector: e.visible for e in snap.elements}
    assert vis == {
        "#a": True,
        "#b": False,
        "#c": True,
        "#d": False,
        "#e": False,
        "#f": False,
        "#g": False,
        "#h": True,
    }
    assert by_text(snap, "Two words").selector == "#h"  # hidden text is not visible text
    analysis = AnalysisPage(snap)
    assert analysis.root.xpath("//div[@data-bl-hidden='size']")
    assert analysis.root.xpath("//*[@id='e']")[0].get("data-bl-hidden") == "display"


async def test_idx_joins_dom_and_elements(page: Page, site) -> None:
    rows = "".join(
        f'<li><a href="/p{i}" data-test="{i}">Item {i}</a> '
        f'<input type="checkbox" data-test="c{i}"></li>'
        for i in range(40)
    )
    await load(
        page,
        site,
        f"""<!doctype html><body><nav><ul>{rows}</ul></nav>
      <section><ul>{rows}</ul></section><div id=":r1:"><button data-test="gen">Go</button>
      </div></body>""",
    )
    snap = await collect(page)
    analysis = AnalysisPage(snap)
    assert len(snap.elements) == 161
    assert [e.idx for e in snap.elements] == list(range(len(snap.elements)))
    for el in snap.elements:
        node = analysis.node_for(el.idx)
        assert node is not None and node.tag == el.tag
    # Every selector is unique and leads back to the element it was recorded for.
    tests = [analysis.node_for(e.idx).get("data-test") for e in snap.elements]
    resolved = await page.evaluate(
        "sels => sels.map(s => { const all = document.querySelectorAll(s);"
        " return all.length === 1 ? all[0].getAttribute('data-test') : 'count:' + all.length })",
        [e.selector for e in snap.elements],
    )
    assert resolved == tests
    # Generated ids (React's ":r1:") are not used as anchors.
    go = by_text(snap, "Go", "button")
    assert ":r1:" not in go.selector


async def test_dom_drops_scripts_styles_comments_and_typed_values(page: Page, site) -> None:
    await load(
        page,
        site,
        """<!doctype html><head>
      <style>.x { color: red } /* STYLE-BODY */</style>
      <script src="/lib.js"></script>
      <script>var inlineSecret = "SCRIPT-BODY";</script></head><body>
      <!-- COMMENT-BODY -->
      <form><input type="email" name="email" value="PREFILLED@example.com">
      <input type="hidden" name="csrf" value="TOKEN-VALUE">
      <input type="checkbox" name="news" value="newsletter">
      <textarea name="msg">TEXTAREA-BODY</textarea></form>
      <p data-bl-idx="999" data-bl-hidden="1">Spoof</p></body>""",
    )
    site.add("/lib.js", "window.libLoaded = 1;", "text/javascript")
    await page.fill("input[name=email]", "TYPED@example.com")
    snap = await collect(page)
    blob = encode_snapshot(snap).decode()
    for secret in (
        "STYLE-BODY",
        "SCRIPT-BODY",
        "COMMENT-BODY",
        "PREFILLED",
        "TYPED",
        "TOKEN-VALUE",
        "TEXTAREA-BODY",
    ):
        assert secret not in blob, secret
    assert 'src="/lib.js"' in snap.dom
    assert 'value="newsletter"' in snap.dom  # a checkbox's value names its purpose
    assert 'data-bl-idx="999"' not in snap.dom and 'data-bl-hidden="1"' not in snap.dom


async def test_cookie_and_storage_values_never_leave_the_page(page: Page, site) -> None:
    secret_js = "js-secret-7f3a9c2e51b84d06"
    secret_http = "http-only-secret-0c9d8e7f6a5b"
    secret_store = "storage-secret-a1b2c3d4e5f6"
    await load(
        page,
        site,
        f"""<!doctype html><body><p>Hello</p><script>
      document.cookie = "_uid={secret_js}; path=/";
      localStorage.setItem("tracker_id", "{secret_store}");
      sessionStorage.setItem("sess", "x");
    </script></body>""",
    )
    site.add("/set", "<p>ok</p>", headers={"Set-Cookie": f"sid={secret_http}; HttpOnly; Path=/"})
    await page.goto(site.url("site.test", "/set"))
    await page.goto(site.url("site.test", "/p.html"))
    snap = await collect(page)
    blob = encode_snapshot(snap).decode()
    for secret in (secret_js, secret_http, secret_store):
        assert secret not in blob
    cookies = {c.name: c for c in snap.cookies}
    from companion.entropy import shannon_entropy

    assert cookies["_uid"].value_length == len(secret_js)
    assert cookies["_uid"].entropy == pytest.approx(shannon_entropy(secret_js))
    assert cookies["sid"].http_only is True and cookies["sid"].value_length == len(secret_http)
    store = {(k.area, k.key): k for k in snap.storage}
    assert store[("local", "tracker_id")].value_length == len(secret_store)
    assert store[("local", "tracker_id")].entropy == pytest.approx(shannon_entropy(secret_store))
    assert store[("session", "sess")].origin == f"http://site.test:{site.port}"
    # The collector's own cookie pass (used by the extension) measures the same way.
    raw = await page.evaluate("() => JSON.stringify(__brightlineCollect({}).cookies)")
    assert secret_js not in raw
    js_cookie = next(c for c in json.loads(raw) if c["name"] == "_uid")
    assert js_cookie["entropy"] == pytest.approx(shannon_entropy(secret_js))


async def test_output_validates_against_schema(page: Page, site) -> None:
    import jsonschema

    await load(
        page,
        site,
        """<!doctype html><title> Shop  title </title><body>
      <dialog open><h2>Your privacy</h2><button>OK</button></dialog>
      <select><option>A</option><option selected>B</option></select></body>""",
    )
    snap = await collect(page, phase="after-reject", source="crawler", status=200)
    data = json.loads(encode_snapshot(snap))
    jsonschema.validate(data, json.loads(SCHEMA_FILE.read_text()))
    assert snap.phase == "after-reject" and snap.source == "crawler" and snap.status == 200
    assert snap.title == "Shop title"
    assert snap.viewport.width == 1280 and snap.viewport.height == 800
    assert snap.timestamp and snap.timestamp.endswith("Z")
    assert snap.collector and snap.collector.version and snap.collector.duration_ms is not None
    assert by_text(snap, "B", "select").role == "combobox"
    heading = by_text(snap, "Your privacy", "h2")
    assert heading.parent == by_text(snap, "Your privacy OK", "dialog").idx


async def test_injecting_twice_is_harmless(page: Page, site) -> None:
    # As an init script (before the page's own scripts), as a classic script, and by
    # evaluate inside collect(): all define the same function, and nothing breaks.
    await page.add_init_script(script=collector_source())
    await load(page, site, "<!doctype html><body><button>One</button><a href=/x>Two</a></body>")
    early = json.loads(await page.evaluate("() => JSON.stringify(__brightlineCollect({}))"))
    await page.add_script_tag(content=collector_source())
    await page.add_script_tag(content=collector_source())
    first = await collect(page)
    assert [e["text"] for e in early["elements"]] == [e.text for e in first.elements]
    second = await collect(page)
    strip = lambda s: msgspec.structs.replace(s, timestamp=None, collector=None)  # noqa: E731
    assert strip(first) == strip(second)
    assert await page.evaluate("typeof __brightlineCollect") == "function"


async def test_huge_page_is_bounded(page: Page, site) -> None:
    # 100k elements: 50k buttons plus wrappers, and a long text tail.
    await load(
        page,
        site,
        """<!doctype html><body><div id="root"></div><script>
      const root = document.getElementById('root');
      const parts = [];
      for (let i = 0; i < 50000; i++)
        parts.push('<div><button>Button number ' + i + '</button></div>');
      root.innerHTML = parts.join('');
    </script></body>""",
    )
    count = await page.evaluate("document.getElementsByTagName('*').length")
    assert count > 100_000
    snap = await collect(page, options={"maxElements": 5000, "maxDomChars": 2_000_000})
    assert snap.collector is not None and snap.collector.truncated
    assert 4000 <= len(snap.elements) <= 5000  # a fifth is kept for overlays
    assert len(snap.dom) < 2_000_000 + 10_000
    assert snap.dom.rstrip().endswith("</html>")  # still well-formed after the cut
    assert snap.collector.duration_ms is not None
    print(f"\n100k-element page: collector {snap.collector.duration_ms} ms")
    # A time budget bounds the walk as well: the cut DOM is still well-formed.
    quick = await collect(page, options={"maxMillis": 1})
    assert quick.collector is not None and quick.collector.truncated
    assert quick.dom.rstrip().endswith("</html>") and len(quick.dom) < len(snap.dom)
    assert quick.collector.duration_ms is not None
    assert quick.collector.duration_ms < snap.collector.duration_ms


async def test_shadow_selectors_resolve_natively_and_in_the_crawler(
    page: Page, site, playwright
) -> None:
    from crawler.locate import locate, register_engine

    await register_engine(playwright)
    await load(
        page,
        site,
        """<!doctype html><body><div class="wrap"><x-card></x-card><x-card></x-card></div>
      <script>
        for (const host of document.querySelectorAll('x-card')) {
          const root = host.attachShadow({mode: 'open'});
          root.innerHTML = '<div><button>Top</button></div>' +
            '<section><div><button>Nested</button></div><x-inner></x-inner></section>';
          root.querySelector('x-inner').attachShadow({mode: 'open'}).innerHTML =
            '<p><a href="#" role="button">Deep link</a></p>';
        }
      </script></body>""",
    )
    snap = await collect(page)
    wanted = [e for e in snap.elements if e.text in ("Top", "Nested", "Deep link")]
    assert len(wanted) == 6
    deep = [e for e in wanted if e.text == "Deep link"]
    assert all(e.selector.count(" >>> ") == 2 for e in deep)
    for el in wanted:
        # Native resolution (what the extension uses) finds exactly this element ...
        native = await page.evaluate(
            "sel => { const el = __brightlineCollect.resolve(sel); return el && el.textContent }",
            el.selector,
        )
        assert native == el.text, el.selector
        # ... and so does the crawler's locator.
        assert await locate(page, el.selector).text_content(timeout=5000) == el.text
    # The two hosts are told apart, so equal texts get different selectors.
    assert len({e.selector for e in wanted}) == 6
    # The top-level button's only unique path inside its root is anchored at the root.
    top = next(e for e in wanted if e.text == "Top")
    assert top.selector.endswith(">>> :host > div > button")


async def test_styled_switches_closed_details_and_overlay_text_cap(page: Page, site) -> None:
    paragraphs = "".join(f"<p>Paragraph {i}</p>" for i in range(400))
    await load(
        page,
        site,
        f"""<!doctype html><style>
      .switch {{ position: relative; display: inline-block; width: 44px; height: 24px }}
      .switch input {{ opacity: 0; width: 0; height: 0 }}
      .slider {{ position: absolute; inset: 0; background: #2a6 }}
      .sr {{ position: absolute; left: -9999px }}
    </style><body>
      <label class="switch"><input type="checkbox" name="ads" checked>
        <span class="slider"></span></label>
      <input type="checkbox" id="vendors" class="sr" checked><label for="vendors">Vendors</label>
      <div style="width:900px"><input type="checkbox" name="bot" class="sr"></div>
      <details><summary>Analytics</summary>
        <input type="checkbox" name="analytics" checked> Measure audience</details>
      <details open><summary>Functional</summary>
        <input type="checkbox" name="functional"> Remember settings</details>
      <div style="position:fixed;inset:0;overflow:auto;background:#fff">{paragraphs}</div>
      </body>""",
    )
    snap = await collect(page)
    analysis = AnalysisPage(snap)
    boxes = {
        analysis.node_for(e.idx).get("name") or e.label: e
        for e in snap.elements
        if e.type == "checkbox"
    }
    assert boxes["ads"].visible and boxes["ads"].checked  # the slider shows its state
    assert boxes["Vendors"].visible  # visually hidden, with a visible label
    assert not boxes["bot"].visible  # off-screen with nothing visible for it
    assert not boxes["analytics"].visible and boxes["analytics"].checked
    assert boxes["functional"].visible
    closed = analysis.root.xpath("//details[not(@open)]/input")[0]
    assert closed.get("data-bl-hidden") == "details"
    texts = [e for e in snap.elements if e.tag == "p"]
    assert 50 <= len(texts) <= 300 and texts[0].text == "Paragraph 0"


async def test_strict_csp_and_trusted_types_do_not_stop_the_collector(page: Page, site) -> None:
    site.add(
        "/csp.html",
        "<!doctype html><body><div role='dialog'><p>Cookies?</p><button>Accept</button></div>",
        headers={
            "Content-Security-Policy": "default-src 'none'; script-src 'none'; "
            "require-trusted-types-for 'script'; trusted-types 'none'"
        },
    )
    await page.goto(site.url("site.test", "/csp.html"))
    snap = await collect(page)
    assert by_text(snap, "Accept", "button").visible
    assert by_text(snap, "Cookies?", "p").parent == by_text(snap, "Cookies? Accept").idx


async def test_legacy_to_json_overrides_do_not_corrupt_the_snapshot(page: Page, site) -> None:
    # Prototype.js-era pages define Array.prototype.toJSON, which breaks JSON.stringify.
    await load(
        page,
        site,
        """<!doctype html><body><button>Go</button><script>
      Array.prototype.toJSON = function () { return "broken"; };
    </script></body>""",
    )
    snap = await collect(page)
    assert by_text(snap, "Go", "button").style is not None
    assert await page.evaluate("JSON.stringify([1])") == '"broken"'  # the page's own, restored


async def test_icon_only_controls_are_named_by_their_content(page: Page, site) -> None:
    await load(
        page,
        site,
        """<!doctype html><body>
      <button id="close"><img src="data:," alt="Close and continue without accepting"></button>
      <a id="x" href="#"><svg width="10" height="10"><title>Dismiss</title></svg></a>
      <button id="plain">Accept</button></body>""",
    )
    snap = await collect(page)
    named = {e.selector: e.label for e in snap.elements}
    assert named["#close"] == "Close and continue without accepting"
    assert named["#x"] == "Dismiss"
    assert named["#plain"] is None  # its text is its name


async def test_one_huge_text_node_is_cut_to_the_caps(page: Page, site) -> None:
    await load(
        page,
        site,
        """<!doctype html><body><div role="dialog" id="d"></div><script>
      document.getElementById('d').textContent = 'Accept ' + 'x'.repeat(3000000);
    </script></body>""",
    )
    snap = await collect(page, options={"maxDomChars": 1_000_000})
    assert snap.collector is not None and snap.collector.truncated
    assert len(snap.dom) < 1_000_000 + 1000
    dialog = next(e for e in snap.elements if e.role == "dialog")
    assert dialog.text.startswith("Accept x") and len(dialog.text) == 2000


async def test_indentation_does_not_eat_the_text_cap(page: Page, site) -> None:
    words = "".join(f"\n            <span>word{i}</span>" for i in range(600))
    await load(page, site, f"<!doctype html><body><div role='dialog'>{words}</div></body>")
    snap = await collect(page, options={"maxText": 1000})
    dialog = next(e for e in snap.elements if e.role == "dialog")
    assert len(dialog.text) == 1000 and dialog.text.startswith("word0 word1 word2")


async def test_a_banner_after_a_long_page_is_still_recorded(page: Page, site) -> None:
    links = "".join(f'<a href="/p{i}">Page {i}</a>' for i in range(700))
    await load(
        page,
        site,
        f"""<!doctype html><body><nav>{links}</nav>
      <div id="cmp" style="position:fixed;bottom:0;left:0;right:0;height:90px;background:#fff">
        <p>We use cookies.</p><button>Accept</button><button>Reject</button></div></body>""",
    )
    snap = await collect(page, options={"maxElements": 500})
    assert snap.collector is not None and snap.collector.truncated
    assert len(snap.elements) <= 500
    assert len([e for e in snap.elements if e.tag == "a"]) == 400  # the ordinary share
    texts = {e.text for e in snap.elements}
    assert {"Accept", "Reject", "We use cookies."} <= texts


async def test_a_banner_past_the_dom_cap_is_still_written(page: Page, site) -> None:
    filler = "".join(
        f"<section><h2>Story {i}</h2><p>{'text ' * 40}</p></section>" for i in range(400)
    )
    await load(
        page,
        site,
        f"""<!doctype html><body><main>{filler}</main>
      <div><div id="cmp" style="position:fixed;bottom:0;left:0;right:0;height:90px">
        <p>We use cookies.</p><button>Accept</button><button>Reject</button></div></div>
      </body>""",
    )
    snap = await collect(page, options={"maxDomChars": 40_000})
    assert snap.collector is not None and snap.collector.truncated
    assert len(snap.dom) <= 40_000 + 500
    assert "Story 399" not in snap.dom  # the filler was cut ...
    assert 'id="cmp"' in snap.dom  # ... the banner was not
    analysis = AnalysisPage(snap)
    for text in ("Accept", "Reject"):
        button = by_text(snap, text, "button")
        node = analysis.node_for(button.idx)
        assert node is not None and node.text == text
    assert snap.dom.rstrip().endswith("</html>")
