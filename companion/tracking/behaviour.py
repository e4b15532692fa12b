"""Behavioural evidence: how a tracker that is on no list still gives itself away.

- an identifier-like third-party cookie (long, high-entropy value; only its length and
  entropy are known, never the value);
- an identifier in a beacon URL: a Google-style client id (``123456789.1234567890``), a
  UUID or a long random token (plain or dotted, ``fb.2.1712345678000.123456789``) under an
  id-like parameter, or a random path segment of a beacon. A counter image (an image URL
  with parameters that is no image file, ``/c.php?uid=…``) is read for id-like parameters;
- a 1×1 pixel: a third-party ``img`` measured at 2×2 CSS pixels or less, or declared
  1×1 by its attributes or inline style.
- on the site's own hosts, a home-made beacon (``/t.gif``, ``/collect``, ``/v1/pv``)
  whose parameters name the visitor or the device (``uid``, ``vid``, ``duid``) with a random
  value: stricter than for a third party, since a site's own APIs carry its records' ids.

Cache busters (``cb=``, ``rnd=``, ``t=``) and signed-URL parameters are random too, but
they identify a request, not a person, and are ignored.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, urljoin, urlsplit

from companion.entropy import looks_like_identifier, shannon_entropy
from companion.models import Cookie, StorageKey

if TYPE_CHECKING:
    from companion.page import Page

_CLIENT_ID = re.compile(r"(?<![\d.])\d{9,10}\.\d{10}(?![\d.])")
#: A visit timestamp and a random number (``1728131530.48291``): an id under an id-named key.
_TIMESTAMPED_ID = re.compile(r"\d{10,13}\.\d{4,10}")
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.I)
_ID_KEY = re.compile(
    r"^_?(?:[a-z]{0,12}[_-]?)?(?:u|v|c|d|f|b|t)?uid\d?$|"
    r"^_?(?:guid|uuid|cid|vid|did|fpid|puid|tuid|ssid|bid)$|"
    r"^_?(?:anon|anonymous|visitor|device|browser|fingerprint|fp)$|"
    r"(?:client|user|visitor|device|browser|anon|anonymous|cookie|partner|external|"
    r"buyer|member|session|profile|tracking)[_-]?id$",
    re.I,
)
#: Keys that name the visitor or the device, not a record: the only ones a site's own beacon
#: is read for (``/t.gif?uid=…``, ``/collect?vid=…``); ``user_id`` or ``session_id`` on the
#: site's own host are its accounts and sessions.
_VISITOR_KEY = re.compile(
    r"^_?(?:[a-z]{1,4}[_-]?)?uid\d?$|^_?(?:vid|did|fpid|guid|uuid|visitor|device|anon)$|"
    r"(?:visitor|device|browser|anon|anonymous)[_-]?id$",
    re.I,
)
_BUSTER_KEYS = frozenset({
    "cb", "rnd", "rand", "random", "r", "t", "ts", "time", "timestamp", "_", "z", "ord",
    "nocache", "cachebuster", "v", "ver", "version", "hash", "sig", "signature", "token",
    "expires", "policy", "key-pair-id", "x-amz-signature", "x-amz-credential", "nonce",
    "correlator", "requestid", "request_id", "eventid", "event_id", "pageview_id", "pvid",
})
_BEACON_WORDS = re.compile(
    r"(?:^|[/_.\-])(?:collect|track(?:ing|er)?|event[s]?|pixel|px|beacon|hit|log|pv|"
    r"impression[s]?|imp|analytics|metrics|stats?|telemetry|visits?|page_?views?|(?:user|cookie)?sync|(?:user|cookie)?match|"
    r"identify|getuid|setuid|rum|b/ss|count(?:er)?|ping|tr|t\.gif|p\.gif)(?:$|[/_.\-?])",
    re.I,
)
_SHORT_ENDPOINT = re.compile(r"/[a-z]/?$", re.I)
_STATIC_IMAGE = re.compile(r"\.(?:png|jpe?g|svg|webp|avif|ico|bmp)$", re.I)
_RANDOM_SEGMENT = re.compile(r"^[A-Za-z0-9_-]{20,}$")
#: Request types whose URLs routinely carry content hashes: never read as beacons.
CONTENT_TYPES = frozenset({"script", "stylesheet", "font", "media", "subdocument",
                           "document", "object", "websocket"})


def _identifier_value(value: str) -> bool:
    if _UUID.fullmatch(value) or _CLIENT_ID.fullmatch(value) or _TIMESTAMPED_ID.fullmatch(value):
        return True
    if "." in value and _dotted_identifier(value):
        return True
    if "/" in value or "." in value or " " in value or len(value) > 200:
        return False
    if value.isdigit() and len(value) in (10, 13):
        return False  # a timestamp in seconds or milliseconds
    return looks_like_identifier(len(value), shannon_entropy(value)) and \
        any(c.isdigit() for c in value)


def _dotted_identifier(value: str) -> bool:
    """``fb.2.1712345678000.123456789``, ``v.1712345678.3f9a2c``: an id built of dotted parts.

    Host names, versions, IP addresses and dotted words (``summer.sale.2024``) are not:
    every part is alphanumeric, none is a word, and the parts together mix letters and
    digits with an identifier's length and variety.
    """
    parts = value.split(".")
    if not all(p.isascii() and p.isalnum() for p in parts):
        return False
    if any(p.isalpha() and len(p) >= 4 for p in parts):
        return False
    joined = "".join(parts)
    has_both = any(c.isdigit() for c in joined) and any(c.isalpha() for c in joined)
    return has_both and looks_like_identifier(len(joined), shannon_entropy(joined))


def _random_segment(segment: str) -> bool:
    if _UUID.fullmatch(segment):
        return True
    if not _RANDOM_SEGMENT.match(segment):
        return False
    has_digit = any(c.isdigit() for c in segment)
    has_alpha = any(c.isalpha() for c in segment)
    return has_digit and has_alpha and shannon_entropy(segment) >= 3.5


def is_beacon(url: str, req_type: str, pixel: bool = False) -> bool:
    """A request whose job is to report something: a ping, a pixel or a collect endpoint."""
    if req_type in CONTENT_TYPES:
        return False
    if req_type == "ping" or pixel:
        return True
    path = urlsplit(url).path
    if req_type == "image" and _STATIC_IMAGE.search(path):
        return False
    if _BEACON_WORDS.search(path) is not None:
        return True
    # "/e?…", "/t?…": a one-letter endpoint taking parameters is the classic collector shape
    return bool(urlsplit(url).query) and _SHORT_ENDPOINT.search(path) is not None


def _computed_image(url: str, req_type: str) -> bool:
    """An image with parameters that is no image file: drawn or counted per request.

    Such an image is read for named identifiers (``uid=``) only, not for any UUID: image
    services name their assets by UUID too.
    """
    if req_type != "image":
        return False
    parts = urlsplit(url)
    return bool(parts.query) and not _STATIC_IMAGE.search(parts.path)


def beacon_identifier(url: str, req_type: str, pixel: bool = False) -> str | None:
    """Why this third-party request carries an identifier, or None. Never returns the value."""
    beacon = is_beacon(url, req_type, pixel)
    if not beacon and not _computed_image(url, req_type):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    query = parts.query
    if query:
        if _CLIENT_ID.search(query):
            return "client id in beacon URL"
        for key, value in parse_qsl(query, keep_blank_values=False):
            lowered = key.lower()
            if lowered in _BUSTER_KEYS:
                continue
            if (pixel or _ID_KEY.search(lowered)) and _identifier_value(value):
                return f"identifier in beacon URL parameter {key!r}"
            if beacon and _UUID.fullmatch(value):
                return f"UUID in beacon URL parameter {key!r}"
    if req_type != "image" or pixel:
        for segment in parts.path.split("/"):
            if segment and _random_segment(segment):
                return "identifier in beacon URL path"
    return None


def first_party_beacon(url: str, req_type: str) -> str | None:
    """Why a request to the site's own host is a home-made tracking beacon, or None.

    Stricter than a third party's: a beacon-shaped request (``/t.gif``, ``/collect``,
    ``/v1/pv``, ``/api/stat/hit``) whose parameters name the visitor or the device
    (``uid``, ``vid``, ``duid``, ``visitor_id``) with a random value. A site's own APIs
    carry order, user and session ids under other names, and pages (documents) never count.
    """
    query = url.partition("?")[2].partition("#")[0]
    if not query or not is_beacon(url, req_type):  # the query first: most requests have none
        return None
    for key, value in parse_qsl(query, keep_blank_values=False):
        if _VISITOR_KEY.search(key) and _identifier_value(value):
            return f"identifier in first-party beacon parameter {key!r}"
    return None


def pixel_url_ok(url: str) -> bool:
    """A 1×1 image that can carry data: a query string, a .gif, or no image extension."""
    parts = urlsplit(url)
    if parts.query:
        return True
    return not _STATIC_IMAGE.search(parts.path)


#: Consent records, CSRF tokens and load-balancer pins are random but serve the person.
_SERVICE_COOKIE = re.compile(
    r"consent|gdpr|ccpa|euconsent|tcf|cmp|privacy|optout|opt_out|csrf|xsrf|"
    r"^(?:awsalb|awselb|route|bigip|lb|incap_ses|ak_bmsc|bm_sv|cf_)",
    re.I,
)


def identifier_cookie(cookie: Cookie) -> bool:
    """A persistent cookie whose value is long and varied enough to single a browser out."""
    if cookie.session or _SERVICE_COOKIE.search(cookie.name):
        return False
    return looks_like_identifier(cookie.value_length, cookie.entropy)


#: Name words of cookies and keys that serve the person: security, consent, sign-in, carts.
_NECESSARY_WORDS = re.compile(
    r"csrf|xsrf|consent|gdpr|ccpa|privacy|opt_?(?:in|out)|cookie_?(?:notice|policy|law|banner|pref)|"
    r"auth|login|remember|cart|basket|checkout|captcha|challenge|nonce|verifier|parcel|shipment|"
    r"shipping",
    re.I,
)
#: Words of state that is usually the site's own (sessions, caches, preferences, a cookie
#: named after cookies: ``cookiesjsr`` holds the consent choice), unless the name also says
#: whose id it is (``_visitor_token``).
_STATE_WORDS = re.compile(
    r"sess|token|cookie|order|lang|locale|currency|country|region|timezone|theme|pref|setting|"
    r"affinity|balanc|route|state|cache|version|flash|redirect|return_?to",
    re.I,
)
_PERSON_WORDS = re.compile(r"visitor|anon|fingerprint|tracking|trk|analytics", re.I)
#: Names that say "this is who you are": a word "id" or "uid" (``stable_id``, ``visitorId``,
#: ``optimizely-vuid``), a UUID, a short vendor code plus id (``_dyid``), visitor and device
#: words, a site's abbreviations of them (``rz_vid``, ``lv_did``, ``mm_fp``, ``uv_tid``), the
#: person a site sees (``fc_shopper``, ``qp_listener``), or an analytics session (``_trk_session``).
_ID_NAME = re.compile(
    r"(?:^|[_.\-:$])[a-z]?uid(?:$|[_.\-\d])|(?i:uuid|guid)|(?:^|[_.\-:$])id(?:$|[_.\-\d])|"
    r"[a-z]Id(?:$|[_.\-A-Z\d])|[a-z]ID$|^_+[a-z]{1,4}id$|(?i:visitor|fingerprint|anon|tracking)|"
    r"(?i:(?:client|device|browser|user|ref|site)[_.\-]?id(?:$|[_.\-]))|"
    r"(?i:(?:^|[_.\-])(?:vid|did|fp|tid)(?:$|[_.\-\d]))|"
    r"(?i:[_.\-](?:device|shopper|listener|reader|viewer)(?:$|[_.\-\d]))|"
    r"(?i:(?:trk|track|analytics)[_.\-]?(?:sess|sid))",
)
#: Names of an analytics session: a session-only cookie or a sessionStorage key still counts.
_ANALYTICS_NAME = re.compile(r"trk|track|analytics", re.I)
#: Random ids are 16 characters or more (a UUID is 36, a SHA-512 hex 128, a signed visitor
#: token a few hundred). Longer cookie values are structured state (a signed session, a consent
#: record), which a name that is no id's already rules out; past 256 nothing is trusted. Web
#: storage holds JSON under any name, so a stored id is 16 to 64 characters.
ID_LENGTHS = range(16, 257)
STORAGE_ID_LENGTHS = range(16, 65)
#: A cookie kept at least this long outlives any session or sign-in flow.
PERSISTENT_DAYS = 30
DAY = 86400.0


def lifetime_days(cookie: Cookie, now: float) -> float | None:
    """Days until the cookie expires, 0 for a session cookie, None when the collector could
    not see the expiry (``document.cookie`` does not give it)."""
    if cookie.session:
        return 0.0
    if cookie.expires is None:
        return None
    return (cookie.expires - now) / DAY


def _serves_the_person(name: str) -> bool:
    if _NECESSARY_WORDS.search(name) or _SERVICE_COOKIE.search(name):
        return True
    return _STATE_WORDS.search(name) is not None and _PERSON_WORDS.search(name) is None


def _named_random_id(name: str, length: int, entropy: float,
                     lengths: range = ID_LENGTHS) -> bool:
    """Named as an id, not as the person's own state, and valued like one (a 19-digit number
    is about 3.2 bits per character, a UUID about 4)."""
    if _ID_NAME.search(name) is None or _serves_the_person(name):
        return False
    return length in lengths and looks_like_identifier(length, entropy)


def first_party_identifier(cookie: Cookie, days: float | None) -> bool:
    """A site's own cookie on no list that is named as an id, holds a random one and
    outlives the visit (when the collector could see its expiry), unless its name says it
    is an analytics session (``_trk_session``): that one identifies the visit.

    The name is required: a consent record named after its banner (``orejime``,
    ``cookiesjsr``) holds a URL-encoded JSON as varied as a UUID, so the value alone cannot
    tell them apart. Sessions, sign-in, CSRF, consent, carts and preferences are excluded.
    """
    if not _named_random_id(cookie.name, cookie.value_length, cookie.entropy):
        return False
    return days is None or days >= PERSISTENT_DAYS or \
        _ANALYTICS_NAME.search(cookie.name) is not None


def storage_identifier(key: StorageKey) -> bool:
    """A localStorage key on no list that stores a random id under an id-like name.

    localStorage never expires, so the name is the evidence; sessionStorage dies with the tab,
    and only counts when its name says analytics (``analytics_session_id``).
    """
    if key.area != "local" and _ANALYTICS_NAME.search(key.key) is None:
        return False
    return _named_random_id(key.key, key.value_length, key.entropy, STORAGE_ID_LENGTHS)


def _dim(value: str | None) -> float | None:
    if value is None:
        return None
    m = re.match(r"\s*(\d+(?:\.\d+)?)\s*(?:px)?\s*$", value)
    return float(m.group(1)) if m else None


def _style_dims(style: str) -> tuple[float | None, float | None]:
    width = height = None
    for decl in style.split(";"):
        prop, _, val = decl.partition(":")
        prop = prop.strip().lower()
        if prop == "width":
            width = _dim(val)
        elif prop == "height":
            height = _dim(val)
    return width, height


def declared_pixel(attrs: dict[str, str]) -> bool:
    """``width``/``height`` attributes or inline style of at most 1×1."""
    width, height = _dim(attrs.get("width")), _dim(attrs.get("height"))
    s_width, s_height = _style_dims(attrs.get("style", ""))
    width = s_width if s_width is not None else width
    height = s_height if s_height is not None else height
    return width is not None and height is not None and width <= 1 and height <= 1


def measured_pixel(width: float, height: float) -> bool:
    return 0 < width <= 2 and 0 < height <= 2


def pixel_images(page: Page) -> Iterator[str]:
    """Absolute URLs of 1×1 images in the page's DOM and its frames' DOMs."""
    from companion.tracking.inert import inert_context

    for view in (page, *[f for f in page.frames if f.snapshot.dom]):
        base = view.url
        root: Any = view.root
        for node in root.iter("img"):
            src = (node.get("src") or "").strip()
            if not src or src.startswith(("data:", "blob:")) or inert_context(node):
                continue
            box = view.box(node)
            if (box is not None and measured_pixel(box.width, box.height)) or \
                    declared_pixel(dict(node.attrib)):
                url = urljoin(base, src)
                if pixel_url_ok(url):
                    yield url
