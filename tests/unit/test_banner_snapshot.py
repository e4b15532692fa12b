"""Banner rules on live snapshots: measurements from the collector, frames, shadow roots."""

from companion.analyzer import analyze
from companion.models import Box, Element, Frame, Snapshot, Style, Viewport


def _snapshot(dom: str, elements: list[Element], frames=(), url="https://www.shop-example.com/") -> Snapshot:
    return Snapshot(url=url, source="crawler", dom=dom, elements=elements, frames=list(frames),
                    viewport=Viewport(1280, 800))


BANNER_DOM = """<html><body><main><p>Products</p></main>
<div data-bl-idx="0" class="notice"><p>We use cookies and share data with partners for advertising.</p>
<button data-bl-idx="1">Accept all</button><button data-bl-idx="2">Reject all</button></div></body></html>"""


def _elements(reject_style: Style, reject_box: Box) -> list[Element]:
    banner_style = Style(position="fixed", background_color="rgb(255, 255, 255)",
                         effective_background="rgb(255, 255, 255)")
    accept_style = Style(color="rgb(255, 255, 255)", background_color="rgb(0, 90, 200)",
                         effective_background="rgb(0, 90, 200)", font_size=16, opacity=1)
    return [
        Element(idx=0, tag="div", style=banner_style, box=Box(0, 600, 1280, 200)),
        Element(idx=1, tag="button", text="Accept all", style=accept_style, box=Box(900, 700, 200, 48), parent=0),
        Element(idx=2, tag="button", text="Reject all", style=reject_style, box=reject_box, parent=0),
    ]


def test_measured_equal_buttons_are_symmetric():
    same = Style(color="rgb(255, 255, 255)", background_color="rgb(0, 90, 200)",
                 effective_background="rgb(0, 90, 200)", font_size=16, opacity=1)
    result = analyze(_snapshot(BANNER_DOM, _elements(same, Box(680, 700, 200, 48))))
    rules = {f.rule for f in result.findings}
    assert "consent.banner" in rules
    assert "consent.asymmetric-choice" not in rules


def test_measured_faint_tiny_reject_is_asymmetric():
    faint = Style(color="rgb(200, 200, 200)", background_color="rgba(0, 0, 0, 0)",
                  effective_background="rgb(255, 255, 255)", font_size=11, opacity=1)
    result = analyze(_snapshot(BANNER_DOM, _elements(faint, Box(680, 760, 60, 14))))
    finding = next(f for f in result.findings if f.rule == "consent.asymmetric-choice")
    reasons = " ".join(finding.evidence["reasons"])
    assert "plain text" in reasons and "contrast" in reasons and "smaller target" in reasons


def test_invisible_reject_does_not_count_as_first_layer():
    elements = _elements(Style(), Box(0, 0, 0, 0))
    elements[2] = Element(idx=2, tag="button", text="Reject all", visible=False, parent=0)
    result = analyze(_snapshot(BANNER_DOM, elements))
    assert "consent.no-reject-first-layer" in {f.rule for f in result.findings}


def test_banner_inside_cross_origin_frame():
    top = "<html><body><p>Article</p><iframe src='https://cmp.privacy-mgmt.com/index.html'></iframe></body></html>"
    frame_dom = """<html><body><div class="message type-modal"><p>We and our partners store and/or access
      information on a device, such as cookies.</p><button title="Accept">Accept</button>
      <button title="Options">Options</button></div></body></html>"""
    frame = Frame(url="https://cmp.privacy-mgmt.com/index.html", origin="https://cmp.privacy-mgmt.com",
                  dom=frame_dom, cross_origin=True)
    result = analyze(_snapshot(top, [], frames=[frame]))
    assert result.banner["frame"] == "https://cmp.privacy-mgmt.com"
    assert result.banner["platform"] == "Sourcepoint"
    assert "consent.no-reject-first-layer" in {f.rule for f in result.findings}


def test_banner_inside_shadow_root():
    dom = """<html><body><p>Home</p><consent-banner><template shadowrootmode="open">
      <div class="wrap"><p>This site uses cookies for analytics and personalised ads.</p>
      <button>Accept</button><button>Settings</button></div></template></consent-banner></body></html>"""
    result = analyze(_snapshot(dom, []))
    assert result.banner is not None
    assert {c["role"] for c in result.banner["controls"]} == {"accept", "settings"}
    assert "consent.no-reject-first-layer" in {f.rule for f in result.findings}


def test_after_reject_phase_does_not_report_preticked_toggles():
    dom = """<html><body><div id="cc-main"><div class="cm"><p>We use cookies.</p>
      <button>Accept all</button><button>Reject all</button></div>
      <div class="pm"><label><input type="checkbox" checked> Analytics</label></div></div></body></html>"""
    snap = Snapshot(url="https://a-site.com/", dom=dom, phase="after-reject")
    assert "consent.preticked-purpose" not in {f.rule for f in analyze(snap).findings}
    snap = Snapshot(url="https://a-site.com/", dom=dom, phase="initial")
    assert "consent.preticked-purpose" in {f.rule for f in analyze(snap).findings}
