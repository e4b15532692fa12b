"""Second and third blind held-out sets for tracker detection: regional and less mainstream
trackers.

``tests/data/trackers_heldout_2.jsonl`` was written and labelled before the classifier
ran on it: regional trackers (Yandex, VK, Naver, Kakao, Baidu, Gemius, INFOnline…), ad
tech and identity vendors, product analytics, privacy-friendly analytics (still
third-party analytics), trackers proxied through the site's own host, unknown home-made
beacons, and innocent look-alikes (library CDNs, payments, captchas, map tiles, image
CDNs, consent managers, first-party paths that merely contain "track" or "pixel").
Rows whose note starts with "fresh:" were added after the fixes, without looking at
them, and are scored on their own too.

``tests/data/trackers_heldout_3.jsonl`` was written the same way by someone who had read
neither the code nor the data: Polish, Czech, Japanese, Korean, Brazilian, Indian, Turkish
and Nordic vendors, push, affiliate, CDP, A/B testing, ad verification, CTV and
device-identity vendors, first-party collection (server-side tagging, CNAME collectors,
proxies, self-hosted tools, home-made beacons) and 159 look-alikes. Its notes record the
auditor's judgement that error monitors are no trackers; the product lists them under
"monitoring" (not counted by consent.tracking-before-consent on their own), but the scorer
counts every hit, so those rows stay false alarms by design.

``tests/data/trackers_fresh_4.jsonl`` is a small probe written blind after the third set's
fixes (120 requests); it is scored as it came, to keep an honest figure for unseen rows.
``tests/data/trackers_fresh_5.jsonl`` is a fifth blind probe (119 requests: 89 trackers of
77 organisations from Europe, Russia, China, Japan, Korea, Brazil and India, self-hosted
and proxied analytics, and 30 look-alikes such as ordinary first-party ``/api/...`` calls).
``tests/data/trackers_fresh_6.jsonl`` is a sixth blind probe (87 requests: 61 trackers of 59
organisations, 10 of them first-party collectors, and 26 look-alikes).
``tests/data/trackers_fresh_7.jsonl`` is a seventh blind probe (95 requests: 70 trackers of 67
named organisations and 2 home-made beacons, 13 of them first-party collectors, and 25
look-alikes).
``tests/data/trackers_fresh_8.jsonl`` is an eighth blind probe (96 requests: 70 trackers of 59
named organisations and a home-made beacon, 14 of them first-party collectors, and 26
look-alikes), weighted to B2B intent and ABM, chat, call tracking, affiliate, email, A/B,
heatmap, review and share widgets, CTV and mainstream vendors' less common hosts.

Each request is classified alone, in a snapshot of its own page. Run with ``-s`` to see
the tables and every error.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from tests.unit import tracker_scores


@dataclass(frozen=True)
class HeldOut:
    data: str
    min_precision: float
    min_recall: float
    min_org_accuracy: float
    rows: int  # the set's shape, as written
    others: int
    first_party_trackers: int
    first_party_others: int
    organisations: int
    fresh: int


SETS = [
    HeldOut("trackers_heldout_2.jsonl", 0.95, 0.95, 0.9,
            rows=300, others=100, first_party_trackers=20, first_party_others=25,
            organisations=80, fresh=40),
    HeldOut("trackers_heldout_3.jsonl", 0.94, 0.98, 0.97,
            rows=450, others=150, first_party_trackers=35, first_party_others=55,
            organisations=200, fresh=0),
    # A fresh probe, written blind after the third set's fixes and never tuned on: the
    # honest figure for vendors nobody wrote down before (first run 0.959 / 0.887 / 0.957).
    HeldOut("trackers_fresh_4.jsonl", 0.95, 0.88, 0.95,
            rows=120, others=40, first_party_trackers=15, first_party_others=10,
            organisations=60, fresh=0),
    # A fifth blind probe (trackers of many regions and categories, self-hosted analytics,
    # look-alike first-party APIs), written before reading the entity map (first run
    # 1.000 / 0.921 / 0.866).
    HeldOut("trackers_fresh_5.jsonl", 0.95, 0.9, 0.84,
            rows=110, others=28, first_party_trackers=12, first_party_others=10,
            organisations=70, fresh=0),
    # A sixth blind probe (vendors of Europe, the Nordics, Baltics and CEE, Turkey, the
    # Middle East, Brazil, India, Vietnam, Japan, Korea and China; first-party collectors;
    # look-alikes), written before reading the entity map (first run 0.983 / 0.967 / 0.966).
    HeldOut("trackers_fresh_6.jsonl", 0.983, 0.967, 0.966,
            rows=87, others=26, first_party_trackers=10, first_party_others=12,
            organisations=59, fresh=0),
    # A seventh blind probe (Latin American, African, Southeast Asian, Indian, Eastern
    # European and Middle Eastern vendors; podcast prefixes, email-open pixels, affiliate,
    # retail media, push, CDP, A/B, replay and chat; first-party collectors; look-alikes),
    # written before reading the entity map (first run 1.000 / 0.914 / 0.857: 64 of 70
    # found, 54 of 63 organisations right). After its fixes (12 organisations and domains,
    # "telemetry" and "visit" beacons): 1.000 / 1.000 / 0.985.
    HeldOut("trackers_fresh_7.jsonl", 1.0, 0.985, 0.98,
            rows=95, others=25, first_party_trackers=13, first_party_others=13,
            organisations=68, fresh=0),
    # An eighth blind probe (B2B intent and ABM, conversational marketing, call tracking,
    # affiliate, email pixels, A/B and personalisation, heatmaps, review and share widgets,
    # CTV and retail media, regional hosts and sync endpoints of mainstream vendors; 14
    # first-party collectors; look-alikes), written before reading the entity map (first
    # run 1.000 / 0.900 / 0.935: 63 of 70 found, 58 of 62 organisations right).
    # After its fixes (8 organisations, a relayed Meta pixel, Commanders Act server-side
    # collection): 1.000 / 0.971 / 1.000.
    HeldOut("trackers_fresh_8.jsonl", 1.0, 0.97, 0.99,
            rows=96, others=26, first_party_trackers=14, first_party_others=13,
            organisations=60, fresh=0),
]


@pytest.mark.parametrize("held", SETS, ids=lambda h: h.data)
def test_the_set_is_big_varied_and_balanced(held: HeldOut) -> None:
    rows = tracker_scores.rows(held.data)
    trackers = [r for r in rows if r["tracker"]]
    others = [r for r in rows if not r["tracker"]]
    assert len(rows) >= held.rows and len(others) >= held.others
    assert len([r for r in trackers if tracker_scores.first_party(r)]) >= \
        held.first_party_trackers
    assert len([r for r in others if tracker_scores.first_party(r)]) >= held.first_party_others
    assert len({r["org"] for r in trackers}) >= held.organisations
    assert all(r["org"] is None for r in others)
    assert len({r["url"] for r in rows}) == len(rows)
    assert len([r for r in rows if tracker_scores.is_fresh(r)]) >= held.fresh


@pytest.mark.parametrize("held", SETS, ids=lambda h: h.data)
def test_precision_recall_and_organisation(held: HeldOut) -> None:
    result = tracker_scores.scores(held.data)
    print(f"\n{held.data}\n" + tracker_scores.table(result))
    total = result["all"]
    assert total.precision >= held.min_precision, tracker_scores.table(result)
    assert total.recall >= held.min_recall, tracker_scores.table(result)
    assert total.org_accuracy >= held.min_org_accuracy, tracker_scores.table(result)
