"""Consent banners: locating them and classifying their controls."""
