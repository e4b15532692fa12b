"""Brightline crawler: whole-site audits with Playwright, the shared collector and analyzer."""
