"""Tracker identification: entity map, EasyPrivacy, cookie database and behaviour."""
