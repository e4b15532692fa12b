"""Analysing a saved HTML page with no browser: styles from the page's own CSS."""
