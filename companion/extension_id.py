"""The Brightline extension's stable ID, derived from the fixed ``key`` in extension/manifest.json.

The companion allows exactly this origin by default. ``tests`` check the two stay in step.
"""

EXTENSION_ID = "bjenkapohpabcdnagdilfiohpomkhljh"
EXTENSION_ORIGIN = f"chrome-extension://{EXTENSION_ID}"
