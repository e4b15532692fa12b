"""URL normalisation and crawler-trap heuristics (pure functions, no I/O).

Two URLs that a server answers the same way should normalise to one string, so the
frontier visits each page once: the fragment, default ports, tracking parameters
(``utm_*``, ``gclid`` …) and session-id parameters go; query parameters are sorted.
"""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import parse_qsl, quote, unquote, urlencode, urljoin, urlsplit, urlunsplit

MAX_URL_LENGTH = 1024
MAX_PATH_SEGMENTS = 16
MAX_SEGMENT_REPEATS = 3

_TRACKING_PARAM = re.compile(
    r"^(utm_[a-z_]+|gclid|gclsrc|dclid|fbclid|msclkid|yclid|twclid|ttclid|igshid|mc_cid|mc_eid"
    r"|_ga|_gl|_hsenc|_hsmi|mkt_tok|ref_src|oly_enc_id|oly_anon_id|vero_id|wickedid)$",
    re.I,
)
_SESSION_PARAM = re.compile(
    r"^(phpsessid|jsessionid|sid|sessionid|session_id|session|aspsessionid\w*|cfid|cftoken"
    r"|zenid|osCsid|s_id)$",
    re.I,
)
_PATH_SESSION = re.compile(r";(jsessionid|phpsessid|sid|sessionid)=[^/?#]*", re.I)
_DEFAULT_PORTS = {"http": 80, "https": 443}
_SKIP_EXTENSIONS = re.compile(
    r"\.(?:jpe?g|png|gif|webp|avif|svg|ico|bmp|tiff?|mp[34]|m4[av]|webm|ogg|wav|avi|mov|flv"
    r"|pdf|zip|gz|tgz|bz2|xz|7z|rar|tar|dmg|exe|msi|apk|iso|bin|docx?|xlsx?|pptx?|odt|ods"
    r"|css|js|mjs|json|xml|rss|atom|txt|csv|woff2?|ttf|otf|eot)$",
    re.I,
)
# A four-digit year followed by a month (and maybe a day): /2024/05/, 2024-05-17, year=2024&month=5
_DATE_IN_PATH = re.compile(r"(?<!\d)(1[89]\d\d|2\d\d\d)[/_-](0?[1-9]|1[0-2])(?:[/_-](0?[1-9]|[12]\d|3[01]))?(?!\d)")
_DATE_PARAMS = {
    "year",
    "month",
    "day",
    "date",
    "week",
    "y",
    "m",
    "d",
    "cal",
    "calendar",
    "from",
    "to",
}


def normalise(url: str, base: str | None = None) -> str | None:
    """A canonical form of ``url`` (joined to ``base``), or None if it is not a web page URL."""
    url = url.strip()
    if not url:
        return None
    if base is not None:
        try:
            url = urljoin(base, url)
        except ValueError:
            return None
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS or not parts.hostname:
        return None
    host = parts.hostname.lower().rstrip(".")
    try:
        host = host.encode("idna").decode("ascii") if not host.isascii() else host
    except UnicodeError:
        return None
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    netloc = host if port in (None, _DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    path = _PATH_SESSION.sub("", parts.path) or "/"
    path = quote(unquote(path), safe="/:@!$&'()*+,;=-._~%")
    query_pairs = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not _TRACKING_PARAM.match(k) and not _SESSION_PARAM.match(k)
    ]
    query = urlencode(sorted(query_pairs), doseq=True)
    return urlunsplit((scheme, netloc, path, query, ""))


def is_page_like(url: str) -> bool:
    """False for URLs that obviously name a file rather than a page (images, archives, feeds)."""
    return not _SKIP_EXTENSIONS.search(urlsplit(url).path)


def trap_reason(url: str, *, today: date | None = None) -> str | None:
    """Why ``url`` looks like a crawler trap, or None.

    Catches very long URLs, very deep or repetitive paths (``/a/b/a/b/a/b``) and calendar
    pages far in the past or future (``/events/2391/04``, ``?year=2391``), which calendars
    generate without end.
    """
    if len(url) > MAX_URL_LENGTH:
        return f"URL longer than {MAX_URL_LENGTH} characters"
    parts = urlsplit(url)
    segments = [s for s in parts.path.split("/") if s]
    if len(segments) > MAX_PATH_SEGMENTS:
        return f"path deeper than {MAX_PATH_SEGMENTS} segments"
    counts: dict[str, int] = {}
    for seg in segments:
        counts[seg] = counts.get(seg, 0) + 1
        if counts[seg] > MAX_SEGMENT_REPEATS:
            return f"path segment {seg!r} repeats more than {MAX_SEGMENT_REPEATS} times"
    year = _calendar_year(parts.path, parts.query)
    if year is not None:
        this_year = (today or date.today()).year
        if not this_year - 10 <= year <= this_year + 2:
            return f"calendar page for year {year}"
    return None


def template(url: str) -> str | None:
    """The calendar template of a date-bearing URL (digits of the date masked), or None.

    The frontier caps how many pages of one calendar it visits: a consent audit needs a
    sample of each page type, not every month of every year.
    """
    parts = urlsplit(url)
    if _DATE_IN_PATH.search(parts.path):
        return f"{parts.netloc}{_DATE_IN_PATH.sub('<date>', parts.path)}"
    keys = {k.lower() for k, _ in parse_qsl(parts.query, keep_blank_values=True)}
    if keys & _DATE_PARAMS and any(_looks_like_year(v) for _, v in parse_qsl(parts.query)):
        return f"{parts.netloc}{parts.path}?{'&'.join(sorted(keys))}"
    return None


def _calendar_year(path: str, query: str) -> int | None:
    match = _DATE_IN_PATH.search(path)
    if match:
        return int(match.group(1))
    for key, value in parse_qsl(query, keep_blank_values=True):
        if key.lower() in _DATE_PARAMS:
            found = re.match(r"(\d{4})", value)
            if found:
                return int(found.group(1))
    return None


def _looks_like_year(value: str) -> bool:
    return re.match(r"\d{4}(\D|$)", value) is not None


def origin(url: str) -> str:
    """``scheme://host[:port]`` of a normalised URL."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"
