"""Brightline crawler: whole-site audits with Playwright, using the shared collector and analyzer."""
