"""Benchmark ``brightline lint-text``: lines per second over 20,000+ mixed lines.

Measures the classifier in-process (wall and CPU time) and the real command in a
subprocess (start-up included), with the pattern cache as any run after the first finds
it, and once more with an empty cache (the first run on a machine). Target: at least
5,000 lines/s.

    .venv/bin/python bench/bench_lint_text.py [--lines 20000] [--seed 7]
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TARGET = 5000

# Ordinary copy a site ships: product text, news, navigation, legal lines, in six languages.
ORDINARY = [
    "Free shipping on orders over {n} €", "Add to basket", "Product details and care instructions",
    "Our team has been baking sourdough since {n}", "Read the full article", "Sign in",
    "Wir liefern innerhalb von {n} Werktagen", "Jetzt in den Warenkorb", "Mehr erfahren",
    "Livraison offerte dès {n} € d'achat", "Voir la fiche produit", "Nos engagements qualité",
    "Envío gratis en pedidos superiores a {n} €", "Añadir a la cesta", "Política de devoluciones",
    "Spedizione gratuita sopra i {n} €", "Aggiungi al carrello", "Chi siamo",
    "Gratis verzending vanaf {n} euro", "In winkelwagen", "Klantenservice en veelgestelde vragen",
    "We open at 09:00 and close at 18:00", "Remember me", "No thanks", "2 stores in Lyon",
    "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor "
    "incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud "
    "exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat.",
    "The recipe makes {n} soft chocolate chip cookies; bake them for 12 minutes at 180 °C.",
]
MANIPULATIVE = [
    "No thanks, I prefer paying full price", "Only {n} left in stock!",
    "{n} people are looking at this right now", "Sale ends in 0{d}:59:12",
    "By continuing to browse this site you agree to our use of cookies.",
    "Tick this box if you would prefer not to stop receiving offers",
    "Nein danke, ich zahle lieber den vollen Preis", "Nur noch {n} Zimmer verfügbar",
    "En poursuivant votre navigation, vous acceptez l'utilisation de cookies.",
    "Plus que {n} articles en stock", "Reservado {n} veces en las últimas 24 horas",
    "Proseguendo la navigazione acconsenti all'uso dei cookie.", "Bijna uitverkocht",
    "Anna from Berlin just bought this", "Offer ends tonight at midnight",
]


def make_lines(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    heldout = ROOT / "tests" / "data" / "copy_heldout.jsonl"
    pool_bad = list(MANIPULATIVE)
    pool_ok = list(ORDINARY)
    if heldout.exists():
        for line in heldout.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            (pool_bad if row["rules"] else pool_ok).append(row["text"])
    lines = []
    for _ in range(count):
        pool = pool_bad if rng.random() < 0.3 else pool_ok
        text = rng.choice(pool).format(n=rng.randint(1, 99), d=rng.randint(0, 9))
        lines.append(text)
    return lines


def bench_in_process(lines: list[str]) -> tuple[float, float, int]:
    from companion.commands.lint_text import lint_stream
    from companion.copy import classify_copy

    classify_copy("warm up the compiled patterns")
    data = ("\n".join(lines) + "\n").encode("utf-8")
    sink = io.BytesIO()
    wall, cpu = time.perf_counter(), time.process_time()
    lint_stream(io.BytesIO(data), sink)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    flagged = sum(1 for line in sink.getvalue().splitlines() if b'"findings":[]' not in line)
    return wall, cpu, flagged


def bench_subprocess(lines: list[str], env: dict[str, str] | None = None) -> tuple[float, float, int]:
    exe = Path(sys.executable).with_name("brightline")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "companion"]
    data = ("\n".join(lines) + "\n").encode("utf-8")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = subprocess.run([*cmd, "lint-text"], input=data, capture_output=True, check=True, env=env)
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu, proc.stdout.count(b"\n")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    lines = make_lines(args.lines, args.seed)
    print(f"{len(lines)} lines, {sum(map(len, lines)) / len(lines):.0f} characters on average")

    wall, cpu, flagged = bench_in_process(lines)
    print(f"in-process : {len(lines) / wall:9,.0f} lines/s wall  "
          f"{len(lines) / cpu:9,.0f} lines/s CPU"
          f"  ({flagged} lines with findings)")
    elapsed, child_cpu, written = bench_subprocess(lines)
    assert written == len(lines), f"the command wrote {written} lines for {len(lines)}"
    rate = len(lines) / elapsed
    print(f"subprocess : {rate:9,.0f} lines/s wall  {len(lines) / child_cpu:9,.0f} lines/s CPU"
          f"  (start-up included: {elapsed:.2f}s wall, {child_cpu:.2f}s CPU)")
    with tempfile.TemporaryDirectory() as empty:
        # The first run on a machine compiles the copy patterns (companion/regex_cache.py).
        env = {**os.environ, "BRIGHTLINE_CACHE_DIR": empty}
        cold, cold_cpu, _ = bench_subprocess(lines, env)
    print(f"first run  : {len(lines) / cold:9,.0f} lines/s wall  {len(lines) / cold_cpu:9,.0f} lines/s CPU"
          f"  (empty pattern cache: {cold:.2f}s wall)")
    load = os.getloadavg()[0]
    print(f"load average {load:.1f} on {os.cpu_count()} CPUs"
          + ("  (wall-clock figures are inflated by other work)" if load > (os.cpu_count() or 1)
             else ""))
    best = min(rate, len(lines) / wall)
    cpu_best = min(len(lines) / child_cpu, len(lines) / cpu)
    print(f"target {TARGET:,} lines/s: wall {'meets' if best >= TARGET else 'misses'}, "
          f"CPU {'meets' if cpu_best >= TARGET else 'misses'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
